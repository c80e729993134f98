// The invitation's mail kind: the outbox request its changes write, and the mailer's work on it: a fresh
// one-time link, the email, and the invitation's delivery state. It runs from the table's stream, never
// inside a partner's request.
import { clock, nowEpochSeconds } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { effectiveState, getInvitation, getInvitationWithPartner, getSentMessage } from './store.js';
import { bouncedRecipientItem, invitationItem, sentMessageItem, tokenItem, type InvitationRecord } from './entity.js';
import { put, putVersioned, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import type { Delivery, MailKind } from '../platform/mail/dispatch.js';
import { outboxPart } from '../platform/mail/outbox.js';
import { emailHash } from '../platform/email-address.js';
import { renderInvitationEmail } from './email.js';
import { hashToken, newToken } from '../platform/links/tokens.js';
import { logger } from '../platform/logger.js';

export const INVITATION_MAIL = 'invitation';

/** Which invitation to mail; a resend bumps the generation, and only the newest one may issue a link. */
export interface InvitationMailPayload {
  partnerId: string;
  invitationId: string;
  generation: number;
}

/** The outbox request for the invitation's current generation, written in the invitation's own transaction. */
export const invitationMailPart = (record: InvitationRecord, at: Date): LabelledPart<'outbox'> =>
  outboxPart(
    'outbox',
    { kind: INVITATION_MAIL, payload: { partnerId: record.partnerId, invitationId: record.id, generation: record.generation } satisfies InvitationMailPayload },
    { partnerId: record.partnerId, id: `${record.id}#${record.generation}` },
    at,
  );

const SENT_MESSAGE_RETENTION_SECONDS = 60 * 24 * 60 * 60;

/**
 * Claims the attempt on the invitation (a new link replaces the previous attempt's) and renders the mail;
 * undefined when the request is stale (superseded by a resend, answered, revoked or expired) or sent.
 */
async function prepareInvitationMail(request: InvitationMailPayload, attempts: number): Promise<Delivery | undefined> {
  const { invitation, partner } = await getInvitationWithPartner(request.partnerId, request.invitationId);
  const now = clock.now();
  if (!invitation || !partner || invitation.generation !== request.generation || effectiveState(invitation, now) !== 'pending') return undefined;
  if (invitation.delivery.state === 'sent' || invitation.delivery.state === 'bounced') return undefined;
  if (invitation.mailInFlight === request.generation) {
    // An earlier attempt issued this generation's link and never recorded how its send ended (a timeout or a
    // failed write after SES accepted it): the mail may be in the customer's mailbox. A new link would kill
    // that one, and the only token is the one in that mail, so nothing is sent again; the partner sees the
    // invitation still queued and may resend it.
    logger.warn('invitation mail not sent again: an earlier attempt may have delivered its link', { invitationId: invitation.id, generation: request.generation, attempts });
    return undefined;
  }

  // The link's secret: one-time, of which only the hash is stored.
  const token = newToken();
  const tokenHash = hashToken(token);
  const claimed: InvitationRecord = { ...invitation, tokenHash, mailInFlight: request.generation, delivery: { ...invitation.delivery, state: 'queued', attempts }, version: invitation.version + 1 };
  const claim: LabelledPart[] = [
    putVersioned('invitation', invitationItem(claimed), invitation.version),
    // The previous link's token item is left to its TTL: the invitation no longer names its hash, so the
    // public page refuses it (customer-admin.ts), and a dead token costs no delete.
    put('token', tokenItem(tokenHash, request, Math.floor(Date.parse(invitation.expiresAt) / 1000))),
  ];
  const claimOutcome = await transact(claim);
  if (!claimOutcome.ok) throw new Error('invitation changed while claiming delivery', { cause: claimOutcome.cause });

  const mail = renderInvitationEmail({
    locale: 'en',
    partnerName: partner.companyName,
    partnerCountry: partner.country,
    ...(invitation.indirectProvider ? { indirectProviderName: invitation.indirectProvider.name } : {}),
    recipientEmail: invitation.email,
    link: `${config().publicBaseUrl}/invitations/${token}`,
    expiresAt: invitation.expiresAt,
    ...(invitation.delegatedAdmin
      ? { delegatedAdmin: { displayName: invitation.delegatedAdmin.displayName, roles: invitation.delegatedAdmin.roles, durationDays: Number(invitation.delegatedAdmin.duration.slice(1, -1)), autoExtend: invitation.delegatedAdmin.autoExtend } }
      : {}),
  });
  const { mailInFlight: _sending, ...unclaimed } = claimed;
  const settled = (delivery: InvitationRecord['delivery']) => putVersioned('invitation', invitationItem({ ...unclaimed, delivery, version: claimed.version + 1 }), claimed.version);
  return {
    to: invitation.email,
    mail,
    // After a timeout SES may have sent the mail: the claim stays, so that a retry does not replace its link.
    failed: ({ final, error, mayHaveBeenSent }) => [
      putVersioned('invitation', invitationItem({ ...(mayHaveBeenSent ? claimed : unclaimed), delivery: { state: final ? 'failed' : 'queued', attempts, lastError: error }, version: claimed.version + 1 }), claimed.version),
    ],
    sent: (messageId) => [
      settled({ state: 'sent', attempts, sentAt: clock.now().toISOString() }),
      put(
        'message',
        sentMessageItem(messageId, { partnerId: invitation.partnerId, invitationId: invitation.id, emailHash: emailHash(invitation.email) }, nowEpochSeconds() + SENT_MESSAGE_RETENTION_SECONDS),
      ),
    ],
  };
}

export const invitationMail: MailKind<InvitationMailPayload> = {
  kind: INVITATION_MAIL,
  parse(payload) {
    const { partnerId, invitationId, generation } = (payload ?? {}) as Partial<InvitationMailPayload>;
    if (typeof partnerId !== 'string' || typeof invitationId !== 'string' || typeof generation !== 'number') throw new Error('malformed invitation mail payload');
    return { partnerId, invitationId, generation };
  },
  logIds: ({ invitationId, generation }) => ({ invitationId, generation }),
  prepare: prepareInvitationMail,
};

/** A permanent bounce or a complaint: the invitation shows it, and the address needs an override. */
export async function recordBounce(messageId: string, kind: 'bounce' | 'complaint'): Promise<'recorded' | 'unknown'> {
  const sent = await getSentMessage(messageId);
  if (!sent) return 'unknown';
  const invitation = await getInvitation(sent.partnerId, sent.invitationId);
  if (!invitation) return 'unknown';
  const next: InvitationRecord = { ...invitation, delivery: { ...invitation.delivery, state: 'bounced', lastError: kind }, version: invitation.version + 1 };
  const outcome = await transact([
    putVersioned('invitation', invitationItem(next), invitation.version),
    put('bounced', bouncedRecipientItem(sent.emailHash, kind, clock.now().toISOString())),
  ]);
  if (!outcome.ok) throw new Error('invitation changed while recording a bounce', { cause: outcome.cause });
  return 'recorded';
}
