// The partner's legal profile as stored: its key and the schema it is read through.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { array, object, oneOf, string, number, type Infer } from '../platform/dynamo/item-schema.js';

export const PARTNER_TYPES = ['directBill', 'indirectProvider', 'indirectReseller'] as const;

export const partnerProfileKey = (partnerId: string) => ({ pk: partnerPartition(partnerId), sk: 'PROFILE' });

/** The legal profile as the API shows it. */
export const PartnerProfileView = object({
  partnerId: string,
  companyName: string,
  country: string,
  partnerType: oneOf(PARTNER_TYPES),
  markets: array(string),
  primaryContact: object({ name: string, email: string }),
  updatedAt: string,
});

/**
 * The stored profile. `partnerDomain` (the primary contact's domain) is kept beside it so that customer
 * writes can check "billing email not at the partner's own domain" inside their own transaction.
 */
export const PartnerProfileItem = object({ ...PartnerProfileView.fields, partnerDomain: string, version: number });
export type PartnerProfileRecord = Infer<typeof PartnerProfileItem>;

export const partnerProfileItem = (record: PartnerProfileRecord) => ({ ...partnerProfileKey(record.partnerId), kind: 'partnerProfile', ...record });
