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

/** A customer's entries in the search indexes (by name, or by domain through its search copy). */
const searchIndexes = (partnerId: string, state: CustomerState, sortKey: string) => ({
  gsi3pk: `${partner(partnerId)}#SEARCH`,
  gsi3sk: sortKey,
  gsi4pk: `${partner(partnerId)}#SEARCH#${state}`,
  gsi4sk: sortKey,
});

export const customerKeys = {
  customer: (partnerId: string, customerId: string) => ({ pk: partner(partnerId), sk: `CUSTOMER#${customerId}` }),
  /** A copy of the customer that makes its domain searchable next to its name. */
  domainTerm: (partnerId: string, customerId: string) => ({ pk: partner(partnerId), sk: `CUSTOMER#${customerId}#TERM#DOMAIN` }),
  /** Everything stored under one customer (the customer, its search copy, its agreements) sorts here. */
  collection: (partnerId: string, customerId: string) => ({ pk: partner(partnerId), skPrefix: `CUSTOMER#${customerId}` }),
  agreement: (partnerId: string, customerId: string, recordedAt: string, agreementId: string) => ({
    pk: partner(partnerId),
    sk: `CUSTOMER#${customerId}#AGREEMENT#${recordedAt}#${agreementId}`,
  }),
  indexes: (partnerId: string, customerId: string, state: CustomerState, companyName: string) => {
    const sortKey = `${searchKey(companyName)}#${customerId}`;
    return {
      gsi1pk: `${partner(partnerId)}#CUSTOMERS`,
      gsi1sk: sortKey,
      gsi2pk: `${partner(partnerId)}#CUSTOMERS#${state}`,
      gsi2sk: sortKey,
      ...searchIndexes(partnerId, state, sortKey),
    };
  },
  domainTermIndexes: (partnerId: string, customerId: string, state: CustomerState, domain: string) =>
    searchIndexes(partnerId, state, `${searchKey(domain)}#${customerId}`),
  listing: (partnerId: string, state?: CustomerState) =>
    state ? ({ index: 'listingByState', pk: `${partner(partnerId)}#CUSTOMERS#${state}` } as const) : ({ index: 'listing', pk: `${partner(partnerId)}#CUSTOMERS` } as const),
  search: (partnerId: string, state?: CustomerState) =>
    state ? ({ index: 'searchByState', pk: `${partner(partnerId)}#SEARCH#${state}` } as const) : ({ index: 'search', pk: `${partner(partnerId)}#SEARCH` } as const),
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

/** The customer item and its domain search copy: both carry the whole record so a page is one Query. */
export function customerItems(record: CustomerRecord) {
  const { partnerId, id, state } = record;
  const data = { ...record, nameKey: searchKey(record.companyProfile.companyName) };
  return [
    { ...customerKeys.customer(partnerId, id), ...customerKeys.indexes(partnerId, id, state, record.companyProfile.companyName), kind: 'customer', ...data },
    { ...customerKeys.domainTerm(partnerId, id), ...customerKeys.domainTermIndexes(partnerId, id, state, record.companyProfile.domain), kind: 'customerDomainTerm', ...data },
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
