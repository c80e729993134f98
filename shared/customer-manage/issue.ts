// Issuing the manage link on every accept of an invitation (the emailed link, the relationship link's, a
// reinstatement): the link record, replacing any earlier link of the relationship, and the confirmation mail,
// as parts of the accept's own transaction.
import { DAY_MS } from '../platform/clock.js';
import { maskEmail } from '../platform/email-address.js';
import { put, type LabelledPart } from '../platform/dynamo/transactions.js';
import { hashToken } from '../platform/links/tokens.js';
import { outboxPart } from '../platform/mail/outbox.js';
import { manageLinkItem, type ManageLinkRecord } from './entity.js';
import { MANAGE_LINK_TTL_DAYS, mintManageToken, newLinkId } from './link.js';

export const MANAGE_CONFIRMATION_MAIL = 'customerManage.confirmation';

/** What the accept writes to the outbox: the link's ingredients without its signature, and what the mail says. */
export interface ConfirmationPayload {
  to: string;
  partnerId: string;
  customerId: string;
  linkId: string;
  keyVersion: number;
  partnerName: string;
  companyName: string;
  linkExpiresAt: string;
  grant?: { displayName: string; roles: string[]; endsAt: string };
}

export interface AcceptedRelationship {
  partnerId: string;
  customerId: string;
  partnerName: string;
  companyName: string;
  /** The invitation's recipient, who accepted: the mail goes there; the record keeps it masked only. */
  adminEmail: string;
  grant?: { displayName: string; roles: string[]; endsAt: string };
}

export async function manageLinkParts(accepted: AcceptedRelationship, now: Date): Promise<LabelledPart[]> {
  const { partnerId, customerId } = accepted;
  const linkId = newLinkId();
  const { token, keyVersion } = await mintManageToken({ partnerId, customerId, linkId });
  const record: ManageLinkRecord = {
    partnerId,
    customerId,
    tokenHash: hashToken(token),
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + MANAGE_LINK_TTL_DAYS * DAY_MS).toISOString(),
    adminContact: maskEmail(accepted.adminEmail),
    version: 1,
  };
  const payload: ConfirmationPayload = {
    to: accepted.adminEmail,
    partnerId,
    customerId,
    linkId,
    keyVersion,
    partnerName: accepted.partnerName,
    companyName: accepted.companyName,
    linkExpiresAt: record.expiresAt,
    ...(accepted.grant ? { grant: accepted.grant } : {}),
  };
  return [
    // Unconditional: whatever link the relationship had before dies here.
    put('manageLink', manageLinkItem(record)),
    outboxPart('manageMail', { kind: MANAGE_CONFIRMATION_MAIL, payload }, { partnerId, id: `${customerId}#${record.issuedAt}` }, now),
  ];
}
