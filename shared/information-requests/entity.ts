// A customer's request for information through the public directory, as stored while it waits for the
// requester to confirm their address: its keys, the items it is written as and the schemas they are read
// through. The requester's details live only on the pending request (and go with its TTL); once confirmed
// they are in the referral, and the request keeps only what answers a second use of its link.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { boolean, number, object, oneOf, optional, string, type Infer } from '../platform/dynamo/item-schema.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';
import { CUSTOMER_SIZES } from '../platform/reference-data.js';

export const informationRequestKeys = {
  /** Global: the mailer and the confirmation page know the request by its id or its link only. */
  request: (requestId: string) => ({ pk: `INFORMATION_REQUEST#${requestId}`, sk: 'REQUEST' }),
  /** The current link of a request, found by its token's hash (the token itself is never stored). */
  token: (tokenHash: string) => ({ pk: `INFORMATION_REQUEST_TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  /** Requests from one client network on one UTC day (keyed by a hash). */
  clientDayCounter: (clientHash: string, day: string) => ({ pk: `CLIENT#${clientHash}`, sk: `INFORMATION_REQUESTS#${day}` }),
  /** Requests to one partner, whichever location, on one UTC day. */
  partnerDayCounter: (partnerId: string, day: string) => ({ pk: partnerPartition(partnerId), sk: `COUNTER#INFORMATION_REQUESTS#${day}` }),
};

export const RequesterItem = object({
  firstName: string,
  lastName: string,
  email: string,
  phoneNumber: optional(string),
  companyName: string,
  country: string,
  size: oneOf(CUSTOMER_SIZES),
  need: string,
  contactMe: boolean,
});
export type Requester = Infer<typeof RequesterItem>;

export const InformationRequestItem = object({
  id: string,
  partnerId: string,
  /** The business profile's country and the location: the referral's `target`. */
  country: string,
  locationId: string,
  city: string,
  /** The partner's public name as the requester saw it, for the confirmation mail and pages. */
  partnerName: string,
  locale: string,
  state: oneOf(['pending', 'confirmed'] as const),
  /** Absent once confirmed: the referral holds it from then on. */
  requester: optional(RequesterItem),
  createdAt: string,
  expiresAt: string,
  tokenHash: optional(string),
  confirmedAt: optional(string),
  referralId: optional(string),
  version: number,
});
export type InformationRequestRecord = Infer<typeof InformationRequestItem>;

/** A used link answers "used" rather than "unknown" for a week after it expired; then TTL removes it. */
const RETENTION_AFTER_EXPIRY_SECONDS = 7 * 24 * 60 * 60;
const expiresAtEpoch = (record: Pick<InformationRequestRecord, 'expiresAt'>) => Math.floor(Date.parse(record.expiresAt) / 1000) + RETENTION_AFTER_EXPIRY_SECONDS;

export const informationRequestItem = (record: InformationRequestRecord) => ({
  ...informationRequestKeys.request(record.id),
  kind: 'informationRequest',
  ...record,
  [TTL_ATTRIBUTE]: expiresAtEpoch(record),
});

export const TokenItem = object({ requestId: string });

export const tokenItem = (tokenHash: string, record: InformationRequestRecord) => ({
  ...informationRequestKeys.token(tokenHash),
  kind: 'informationRequestToken',
  requestId: record.id,
  [TTL_ATTRIBUTE]: expiresAtEpoch(record),
});
