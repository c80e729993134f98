// A provider's partnership invitations to resellers, as stored: the invitation in the provider's partition
// (listed newest first through the `listing` index) and the hash-keyed item of its current link.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { number, object, oneOf, optional, string, type Infer } from '../platform/dynamo/item-schema.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';

export const RESELLER_INVITATION_STATES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export const RESELLER_DELIVERY_STATES = ['queued', 'sent', 'failed'] as const;

export const resellerInvitationKeys = {
  invitation: (providerId: string, invitationId: string) => ({ pk: partnerPartition(providerId), sk: `RESELLER_INVITATION#${invitationId}` }),
  listing: (providerId: string) => ({ index: 'listing', pk: `${partnerPartition(providerId)}#RESELLER_INVITATIONS` }) as const,
  /** Global: the page and the accept know only the link's token, so its hash is the key. */
  token: (tokenHash: string) => ({ pk: `RESELLER_INVITATION_TOKEN#${tokenHash}`, sk: 'TOKEN' }),
};

export const ResellerInvitationItem = object({
  id: string,
  providerId: string,
  email: string,
  message: optional(string),
  /** Stored state; `pending` past `expiresAt` reads as `expired` (see effectiveState). */
  state: oneOf(RESELLER_INVITATION_STATES),
  createdAt: string,
  createdBy: string,
  expiresAt: string,
  decidedAt: optional(string),
  acceptedBy: optional(object({ partnerId: string, userId: string })),
  delivery: object({ state: oneOf(RESELLER_DELIVERY_STATES), attempts: number, lastError: optional(string), sentAt: optional(string) }),
  /** Bumped by every resend: only the newest outbox request may issue a link. */
  generation: number,
  /** Hash of the current link's token, set by the mailer when it sends; the token itself is never stored. */
  tokenHash: optional(string),
  version: number,
});
export type ResellerInvitationRecord = Infer<typeof ResellerInvitationItem>;

export const resellerInvitationItem = (record: ResellerInvitationRecord) => ({
  ...resellerInvitationKeys.invitation(record.providerId, record.id),
  gsi1pk: resellerInvitationKeys.listing(record.providerId).pk,
  gsi1sk: `${record.createdAt}#${record.id}`,
  kind: 'resellerInvitation',
  ...record,
});

export const TokenItem = object({ providerId: string, invitationId: string });
export type TokenRecord = Infer<typeof TokenItem>;

export const tokenItem = (tokenHash: string, token: TokenRecord, expiresAtEpoch: number) => ({
  ...resellerInvitationKeys.token(tokenHash),
  kind: 'resellerInvitationToken',
  ...token,
  [TTL_ATTRIBUTE]: expiresAtEpoch,
});
