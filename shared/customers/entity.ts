// A partner's customers as stored: the customer (a partner's record of an organization) and its search
// copy, its agreements, the tenant link that keeps one record per organization, and idempotency records.
import { partnerPartition, searchKey } from '../platform/dynamo/keys.js';
import { number, object, oneOf, optional, record, string, unknown, type Infer } from '../platform/dynamo/item-schema.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';

export const CUSTOMER_STATES = ['active', 'ended'] as const;
export type CustomerState = (typeof CUSTOMER_STATES)[number];
export const RELATIONSHIPS_TO_PARTNER = ['reseller', 'none'] as const;
export const AGREEMENT_TYPE = 'MicrosoftCustomerAgreement';

const partner = partnerPartition;

/**
 * The index partitions a partner's customers are listed and searched in: all of them, or (`sharedWith`) those
 * it shares with one other partner (an indirect provider and its reseller each keep a record of the customer).
 */
const listingPk = (partnerId: string, sharedWith?: string) => `${partner(partnerId)}#CUSTOMERS${sharedWith ? `#WITH#${sharedWith}` : ''}`;
const searchPk = (partnerId: string, sharedWith?: string) => `${partner(partnerId)}#SEARCH${sharedWith ? `#WITH#${sharedWith}` : ''}`;

/** A customer's entries in the search indexes (by name, or by domain through its search copy). */
const searchIndexes = (partnerId: string, state: CustomerState, sortKey: string, sharedWith?: string) => ({
  gsi3pk: searchPk(partnerId, sharedWith),
  gsi3sk: sortKey,
  gsi4pk: `${searchPk(partnerId, sharedWith)}#${state}`,
  gsi4sk: sortKey,
});

export const customerKeys = {
  customer: (partnerId: string, customerId: string) => ({ pk: partner(partnerId), sk: `CUSTOMER#${customerId}` }),
  /** A copy of the customer that makes its domain searchable next to its name. */
  domainTerm: (partnerId: string, customerId: string) => ({ pk: partner(partnerId), sk: `CUSTOMER#${customerId}#TERM#DOMAIN` }),
  /** Everything stored under one customer (the customer, its search copy, its agreements) sorts here. */
  collection: (partnerId: string, customerId: string) => ({ pk: partner(partnerId), skPrefix: `CUSTOMER#${customerId}` }),
  /** Copies of a shared customer that list it (by name, and by domain for search) under the partner it is shared with. */
  shared: (partnerId: string, customerId: string) => ({ pk: partner(partnerId), sk: `CUSTOMER#${customerId}#SHARED` }),
  sharedDomainTerm: (partnerId: string, customerId: string) => ({ pk: partner(partnerId), sk: `CUSTOMER#${customerId}#SHARED#TERM#DOMAIN` }),
  /**
   * How many active customers the partner shares with `otherPartnerId`, kept in the transaction of every write
   * that creates, ends or reinstates a shared record: one GetItem however many there are.
   */
  sharedCount: (partnerId: string, otherPartnerId: string) => ({ pk: partner(partnerId), sk: `COUNTER#CUSTOMERS_WITH#${otherPartnerId}` }),
  agreement: (partnerId: string, customerId: string, recordedAt: string, agreementId: string) => ({
    pk: partner(partnerId),
    sk: `CUSTOMER#${customerId}#AGREEMENT#${recordedAt}#${agreementId}`,
  }),
  indexes: (partnerId: string, customerId: string, state: CustomerState, companyName: string, sharedWith?: string) => {
    const sortKey = `${searchKey(companyName)}#${customerId}`;
    return {
      gsi1pk: listingPk(partnerId, sharedWith),
      gsi1sk: sortKey,
      gsi2pk: `${listingPk(partnerId, sharedWith)}#${state}`,
      gsi2sk: sortKey,
      ...searchIndexes(partnerId, state, sortKey, sharedWith),
    };
  },
  domainTermIndexes: (partnerId: string, customerId: string, state: CustomerState, domain: string, sharedWith?: string) =>
    searchIndexes(partnerId, state, `${searchKey(domain)}#${customerId}`, sharedWith),
  listing: (partnerId: string, state?: CustomerState, sharedWith?: string) =>
    state
      ? ({ index: 'listingByState', pk: `${listingPk(partnerId, sharedWith)}#${state}` } as const)
      : ({ index: 'listing', pk: listingPk(partnerId, sharedWith) } as const),
  search: (partnerId: string, state?: CustomerState, sharedWith?: string) =>
    state
      ? ({ index: 'searchByState', pk: `${searchPk(partnerId, sharedWith)}#${state}` } as const)
      : ({ index: 'search', pk: searchPk(partnerId, sharedWith) } as const),
  /** Which of the partner's customers a tenant (organization) is: one record per partner and tenant. */
  tenant: (partnerId: string, tenantId: string) => ({ pk: partner(partnerId), sk: `TENANT#${tenantId}` }),
  idempotency: (partnerId: string, idempotencyKey: string) => ({ pk: partner(partnerId), sk: `IDEMPOTENCY#${idempotencyKey}` }),
};

export const AddressItem = object({
  country: string,
  region: optional(string),
  city: string,
  addressLine1: string,
  addressLine2: optional(string),
  postalCode: string,
  firstName: string,
  lastName: string,
  phoneNumber: optional(string),
});

/** The customer as the API shows it. */
export const CustomerView = object({
  id: string,
  tenantId: string,
  companyProfile: object({ companyName: string, domain: string }),
  billingProfile: optional(object({ email: string, culture: string, language: string, companyName: string, defaultAddress: AddressItem })),
  companyRegistrationId: optional(string),
  relationshipToPartner: oneOf(RELATIONSHIPS_TO_PARTNER),
  state: oneOf(CUSTOMER_STATES),
  associatedPartnerId: optional(string),
  createdAt: string,
  updatedAt: string,
});

/** A partner's relationship record with an organization, with what the API does not show. */
export const CustomerItem = object({ ...CustomerView.fields, partnerId: string, version: number });
export type CustomerRecord = Infer<typeof CustomerItem>;

/** The kinds of the items that list a customer by name, in the partner's own list and in a shared one. */
export const CUSTOMER_NAME_ENTRY = { own: 'customer', shared: 'customerShared' } as const;

/**
 * The customer item and its domain search copy, and for a customer shared with another partner
 * (`associatedPartnerId`) the same two again listed under that partner: each carries the whole record, so a
 * page is one Query. Every write of a customer writes all of these, so no listing goes stale; a record never
 * loses its associated partner, so none is ever left behind.
 */
export function customerItems(record: CustomerRecord) {
  const { partnerId, id, state, associatedPartnerId } = record;
  const { companyName, domain } = record.companyProfile;
  const data = { ...record, nameKey: searchKey(companyName) };
  const items = [
    { ...customerKeys.customer(partnerId, id), ...customerKeys.indexes(partnerId, id, state, companyName), kind: CUSTOMER_NAME_ENTRY.own, ...data },
    { ...customerKeys.domainTerm(partnerId, id), ...customerKeys.domainTermIndexes(partnerId, id, state, domain), kind: 'customerDomainTerm', ...data },
  ];
  if (!associatedPartnerId) return items;
  return [
    ...items,
    { ...customerKeys.shared(partnerId, id), ...customerKeys.indexes(partnerId, id, state, companyName, associatedPartnerId), kind: CUSTOMER_NAME_ENTRY.shared, ...data },
    { ...customerKeys.sharedDomainTerm(partnerId, id), ...customerKeys.domainTermIndexes(partnerId, id, state, domain, associatedPartnerId), kind: 'customerSharedDomainTerm', ...data },
  ];
}

export const TenantLinkItem = object({ customerId: string });

export const tenantLinkItem = (partnerId: string, tenantId: string, customerId: string) => ({ ...customerKeys.tenant(partnerId, tenantId), kind: 'partnerTenant', customerId });

export const AgreementItem = object({
  id: string,
  customerId: string,
  agreementType: oneOf([AGREEMENT_TYPE] as const),
  dateAgreed: string,
  primaryContact: object({ firstName: string, lastName: string, email: string, phoneNumber: optional(string) }),
  recordedBy: string,
  recordedAt: string,
});
export type AgreementRecord = Infer<typeof AgreementItem>;

export const agreementItem = (partnerId: string, agreement: AgreementRecord) => ({
  ...customerKeys.agreement(partnerId, agreement.customerId, agreement.recordedAt, agreement.id),
  kind: 'agreement',
  ...agreement,
});

/** A create's answer, kept for a day under its Idempotency-Key (`expiresAtEpoch` is also the item's TTL). */
export const IdempotencyItem = object({
  key: string,
  requestHash: string,
  expiresAtEpoch: number,
  response: object({ status: number, body: unknown, headers: record(string) }),
});
export type IdempotencyRecord = Infer<typeof IdempotencyItem>;

export const idempotencyItem = (partnerId: string, idempotency: IdempotencyRecord) => ({
  ...customerKeys.idempotency(partnerId, idempotency.key),
  kind: 'idempotency',
  ...idempotency,
  [TTL_ATTRIBUTE]: idempotency.expiresAtEpoch,
});
