// The mailer's work: turn an outbox request into a one-time link and an email, and keep the
// invitation's delivery state. It runs from the table's stream, never inside a partner's request.
import { clock, nowEpochSeconds } from '../platform/clock.js';
import { config } from '../platform/config.js';
import {
  effectiveState,
  getInvitation,
  getInvitationWithPartner,
  getSentMessage,
  invitationItem,
  tokenItem,
  type InvitationRecord,
} from './store.js';
import { keys } from '../platform/dynamo/keys.js';
import { put, putVersioned, remove, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import { logger } from '../platform/logger.js';
import type { OutgoingMail } from '../platform/mail/ses-sender.js';
import { emailHash } from '../platform/email-address.js';
import { hashToken, newToken } from '../platform/links/tokens.js';

export interface InvitationMailModel {
  locale: string;
  partnerName: string;
  partnerCountry?: string;
  recipientEmail: string;
  link: string;
  expiresAt: string;
  delegatedAdmin?: { displayName: string; roles: string[]; durationDays: number; autoExtend: boolean };
}

export interface MailPorts {
  render(model: InvitationMailModel): { subject: string; html: string; text: string };
  /** Sends and returns the provider's message id; throws when the provider refuses or fails. */
  send(mail: OutgoingMail): Promise<string>;
}

export interface OutboxRequest {
  partnerId: string;
  invitationId: string;
  generation: number;
}

const SENT_MESSAGE_RETENTION_SECONDS = 60 * 24 * 60 * 60;

/** Outcome `skipped`: the request is stale (superseded by a resend, answered, revoked or expired). */
export async function deliverInvitation(request: OutboxRequest, ports: MailPorts): Promise<'sent' | 'skipped'> {
  const { invitation, partner } = await getInvitationWithPartner(request.partnerId, request.invitationId);
  const now = clock.now();
  if (!invitation || !partner || invitation.generation !== request.generation || effectiveState(invitation, now) !== 'pending') return 'skipped';
  if (invitation.delivery.state === 'sent' || invitation.delivery.state === 'bounced') return 'skipped';

  // The link's secret: one-time, of which only the hash is stored.
  const token = newToken();
  const tokenHash = hashToken(token);
  const attempts = invitation.delivery.attempts + 1;
  const claimed: InvitationRecord = { ...invitation, tokenHash, delivery: { ...invitation.delivery, state: 'queued', attempts }, version: invitation.version + 1 };
  const claim: LabelledPart[] = [
    putVersioned('invitation', invitationItem(claimed), invitation.version),
    put('token', tokenItem(tokenHash, request, Math.floor(Date.parse(invitation.expiresAt) / 1000))),
    ...(invitation.tokenHash ? [remove('oldToken', keys.invitationToken(invitation.tokenHash))] : []),
  ];
  if (!(await transact(claim)).ok) throw new Error('invitation changed while claiming delivery');

  const mail = ports.render({
    locale: 'en',
    partnerName: partner.companyName,
    partnerCountry: partner.country,
    recipientEmail: invitation.email,
    link: `${config().publicBaseUrl}/invitations/${token}`,
    expiresAt: invitation.expiresAt,
    ...(invitation.delegatedAdmin
      ? { delegatedAdmin: { displayName: invitation.delegatedAdmin.displayName, roles: invitation.delegatedAdmin.roles, durationDays: Number(invitation.delegatedAdmin.duration.slice(1, -1)), autoExtend: invitation.delegatedAdmin.autoExtend } }
      : {}),
  });

  let messageId: string;
  try {
    messageId = await ports.send({ to: invitation.email, ...mail });
  } catch (error) {
    const final = attempts >= config().invitations.maxDeliveryAttempts;
    const lastError = ((error as Error).name || 'Error').slice(0, 100);
    const failed: InvitationRecord = { ...claimed, delivery: { state: final ? 'failed' : 'queued', attempts, lastError }, version: claimed.version + 1 };
    await transact([putVersioned('invitation', invitationItem(failed), claimed.version)]);
    logger.warn('invitation mail not sent', { invitationId: invitation.id, attempts, final, error: lastError });
    throw error;
  }
  const sent: InvitationRecord = { ...claimed, delivery: { state: 'sent', attempts, sentAt: clock.now().toISOString() }, version: claimed.version + 1 };
  await transact([
    putVersioned('invitation', invitationItem(sent), claimed.version),
    put('message', {
      ...keys.sentMessage(messageId),
      kind: 'sentMessage',
      partnerId: invitation.partnerId,
      invitationId: invitation.id,
      emailHash: emailHash(invitation.email),
      expiresAtEpoch: nowEpochSeconds() + SENT_MESSAGE_RETENTION_SECONDS,
    }),
  ]);
  logger.info('invitation mail sent', { invitationId: invitation.id, attempts });
  return 'sent';
}

/** A permanent bounce or a complaint: the invitation shows it, and the address needs an override. */
export async function recordBounce(messageId: string, kind: 'bounce' | 'complaint'): Promise<'recorded' | 'unknown'> {
  const sent = await getSentMessage(messageId);
  if (!sent) return 'unknown';
  const invitation = await getInvitation(sent.partnerId, sent.invitationId);
  if (!invitation) return 'unknown';
  const next: InvitationRecord = { ...invitation, delivery: { ...invitation.delivery, state: 'bounced', lastError: kind }, version: invitation.version + 1 };
  const outcome = await transact([
    putVersioned('invitation', invitationItem(next), invitation.version),
    put('bounced', { ...keys.bouncedRecipient(sent.emailHash), kind: 'bouncedRecipient', reason: kind, at: clock.now().toISOString() }),
  ]);
  if (!outcome.ok) throw new Error('invitation changed while recording a bounce');
  return 'recorded';
}
