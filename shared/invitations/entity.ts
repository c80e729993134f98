// Invitations as stored: the invitation, the hash-keyed item of its current link,
// the messages SES accepted, bounced recipients, and the counters that
// limit pending invitations per partner and mails per recipient.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { dayBucket, type QueueBucket } from '../platform/dynamo/day-queue.js';
import { array, boolean, number, object, oneOf, optional, string, type Infer } from '../platform/dynamo/item-schema.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';

export const INVITATION_STATES = ['pending', 'accepted', 'declined', 'expired', 'revoked'] as const;
export const DELIVERY_STATES = ['queued', 'sent', 'failed', 'bounced'] as const;
export const INVITATION_SOURCES = ['partner', 'relationshipLink'] as const;
type InvitationSource = (typeof INVITATION_SOURCES)[number];

/** The expiry queue: one index partition per UTC day of expiry (before the cut-over, this one partition held all). */
const PENDING_QUEUE = 'INVITATIONS#PENDING';
const pendingQueuePk = (bucket: QueueBucket) => (bucket === 'unsharded' ? PENDING_QUEUE : `${PENDING_QUEUE}#${bucket.day}`);

export const invitationKeys = {
  invitation: (partnerId: string, invitationId: string) => ({ pk: partnerPartition(partnerId), sk: `INVITATION#${invitationId}` }),
  indexes: (partnerId: string, invitationId: string, createdAt: string, state: string, pendingUntil?: string) => ({
    gsi1pk: `${partnerPartition(partnerId)}#INVITATIONS`,
    gsi1sk: `${createdAt}#${invitationId}`,
    gsi2pk: `${partnerPartition(partnerId)}#INVITATIONS#${state}`,
    gsi2sk: `${createdAt}#${invitationId}`,
    // Only pending invitations sit in the expiry queue that the scheduled cleanup reads.
    ...(pendingUntil ? { gsi3pk: pendingQueuePk({ day: dayBucket(pendingUntil) }), gsi3sk: `${pendingUntil}#${partnerId}#${invitationId}` } : {}),
  }),
  /**
   * A provider's view of the joint invitations one of its indirect resellers sent (newest first): keys on the
   * reseller's invitation itself, so every write of it keeps the view right. It shares the import index, which a
   * joint invitation never uses (an import's rows are the reseller's own invitations).
   */
  jointByProvider: (providerId: string, resellerId: string) => ({ index: 'searchByState', pk: `${partnerPartition(providerId)}#JOINT_INVITATIONS#${resellerId}` }) as const,
  /** The invitations an import made (by `importId`), oldest first. */
  byImport: (partnerId: string, importId: string) => ({ index: 'searchByState', pk: `${partnerPartition(partnerId)}#IMPORT#${importId}#INVITATIONS` }) as const,
  listing: (partnerId: string, state?: string) =>
    state
      ? ({ index: 'listingByState', pk: `${partnerPartition(partnerId)}#INVITATIONS#${state}` } as const)
      : ({ index: 'listing', pk: `${partnerPartition(partnerId)}#INVITATIONS` } as const),
  pendingQueue: (bucket: QueueBucket) => ({ index: 'search', pk: pendingQueuePk(bucket) }) as const,
  /** How far the cleanup has emptied the expiry queue (platform/dynamo/day-queue.ts). */
  pendingWatermark: { pk: PENDING_QUEUE, sk: 'WATERMARK' },
  /** Global: the public page knows only the link's token, so its hash is the key. */
  token: (tokenHash: string) => ({ pk: `INVITATION_TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  /** A request to send the invitation's current link; the mailer reads these from the table's stream. */
  /**
   * Pending invitations per partner, one allowance per source: anonymous requests through the public
   * relationship link never use up what the partner's own users may send.
   */
  pendingCounter: (partnerId: string, source: InvitationSource) => ({
    pk: partnerPartition(partnerId),
    sk: source === 'partner' ? 'COUNTER#PENDING_INVITATIONS' : 'COUNTER#PENDING_LINK_INVITATIONS',
  }),
  /** Global per recipient, so several partners together cannot flood one mailbox. */
  recipientDayCounter: (emailHash: string, day: string) => ({ pk: `RECIPIENT#${emailHash}`, sk: `DAY#${day}` }),
  bouncedRecipient: (emailHash: string) => ({ pk: `RECIPIENT#${emailHash}`, sk: 'BOUNCED' }),
  sentMessage: (messageId: string) => ({ pk: `SES_MESSAGE#${messageId}`, sk: 'MESSAGE' }),
};

/** The stored invitation: the API view plus what only the system sees. */
export const InvitationItem = object({
  id: string,
  partnerId: string,
  email: string,
  domain: optional(string),
  companyName: optional(string),
  customerId: optional(string),
  delegatedAdmin: optional(object({ displayName: string, roles: array(string), duration: string, autoExtend: boolean })),
  source: oneOf(INVITATION_SOURCES),
  /** Stored state; `pending` past `expiresAt` reads as `expired` (see effectiveState). */
  state: oneOf(INVITATION_STATES),
  createdAt: string,
  expiresAt: string,
  decidedAt: optional(string),
  declineReason: optional(string),
  delivery: object({ state: oneOf(DELIVERY_STATES), attempts: number, lastError: optional(string), sentAt: optional(string) }),
  /** Bumped by every resend: only the newest outbox request may issue a link. */
  generation: number,
  /** Hash of the current link's token; the token itself is never stored. */
  tokenHash: optional(string),
  /**
   * The generation whose link the mailer issued and is sending; cleared once the send's outcome is recorded.
   * Still set when a new attempt comes: the earlier mail may have gone out, so its link must not be replaced.
   */
  mailInFlight: optional(number),
  grantId: optional(string),
  /** The customer import whose row made it. */
  importId: optional(string),
  /** A joint invitation: the linked indirect provider the customer also enters a relationship with, named as when it was sent. */
  indirectProvider: optional(object({ id: string, name: string })),
  acceptedBy: optional(object({ name: string, email: string })),
  createdBy: string,
  version: number,
});
export type InvitationRecord = Infer<typeof InvitationItem>;

export function invitationItem(record: InvitationRecord) {
  return {
    ...invitationKeys.invitation(record.partnerId, record.id),
    ...invitationKeys.indexes(record.partnerId, record.id, record.createdAt, record.state, record.state === 'pending' ? record.expiresAt : undefined),
    ...(record.importId ? { gsi4pk: invitationKeys.byImport(record.partnerId, record.importId).pk, gsi4sk: `${record.createdAt}#${record.id}` } : {}),
    ...(record.indirectProvider ? { gsi4pk: invitationKeys.jointByProvider(record.indirectProvider.id, record.partnerId).pk, gsi4sk: `${record.createdAt}#${record.id}` } : {}),
    kind: 'invitation',
    ...record,
  };
}

/** What the cleanup reads of an invitation in the expiry queue; it reads the invitation itself before acting. */
export const PendingQueueItem = object({ partnerId: string, id: string });

/** The current link of an invitation, found by its token's hash. */
export const TokenItem = object({ partnerId: string, invitationId: string, generation: number });
export type TokenRecord = Infer<typeof TokenItem>;

export const tokenItem = (tokenHash: string, token: TokenRecord, expiresAtEpoch: number) => ({
  ...invitationKeys.token(tokenHash),
  kind: 'invitationToken',
  ...token,
  [TTL_ATTRIBUTE]: expiresAtEpoch,
});

/** A message SES accepted, so that its bounce or complaint finds the invitation and the recipient. */
export const SentMessageItem = object({ partnerId: string, invitationId: string, emailHash: string });
export type SentMessageRecord = Infer<typeof SentMessageItem>;

export const sentMessageItem = (messageId: string, sent: SentMessageRecord, expiresAtEpoch: number) => ({
  ...invitationKeys.sentMessage(messageId),
  kind: 'sentMessage',
  ...sent,
  [TTL_ATTRIBUTE]: expiresAtEpoch,
});

export const bouncedRecipientItem = (emailHash: string, reason: 'bounce' | 'complaint', at: string) => ({
  ...invitationKeys.bouncedRecipient(emailHash),
  kind: 'bouncedRecipient',
  reason,
  at,
});
