// The customer's manage link as stored: one record per customer relationship, in the partner's partition,
// holding the hash of the current link (never the link), who it was issued to (masked) and whether it was
// revoked. A new accept replaces the record, so the previous link stops working at once.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { number, object, optional, string, type Infer } from '../platform/dynamo/item-schema.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';

export const manageLinkKeys = {
  link: (partnerId: string, customerId: string) => ({ pk: partnerPartition(partnerId), sk: `MANAGE_LINK#${customerId}` }),
};

export const ManageLinkItem = object({
  partnerId: string,
  customerId: string,
  /** Hash of the link's token (link.ts); the token itself is mailed once and never stored. */
  tokenHash: string,
  /** When the invitation was accepted: the relationship the link manages is active since then. */
  issuedAt: string,
  expiresAt: string,
  /** The customer admin, masked (`j***@c***.com`): the actor the partner sees in its activity log. */
  adminContact: string,
  revokedAt: optional(string),
  version: number,
});
export type ManageLinkRecord = Infer<typeof ManageLinkItem>;

/** Kept until the link would have expired; a revoked link stays until then too, so its page says "no longer works". */
export const manageLinkItem = (record: ManageLinkRecord) => ({
  ...manageLinkKeys.link(record.partnerId, record.customerId),
  kind: 'customerManageLink',
  ...record,
  [TTL_ATTRIBUTE]: Math.floor(Date.parse(record.expiresAt) / 1000),
});
