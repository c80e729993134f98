// Every key of every item is built here and nowhere else. Partner data always has the partner id
// leading its partition key, so no key built from one caller's token can reach another partner's items.
import type { CustomerState } from '../schemas/customer.js';

const partner = (partnerId: string) => `PARTNER#${partnerId}`;

/** Lower-cased, compatibility-normalised text: what name and search keys compare. */
export const searchKey = (text: string): string => text.normalize('NFKC').toLowerCase();

export const keys = {
  partnerProfile: (partnerId: string) => ({ pk: partner(partnerId), sk: 'PROFILE' }),

  /** Global: a domain names one organization across all partners. */
  domain: (domain: string) => ({ pk: `DOMAIN#${domain}`, sk: 'DOMAIN' }),

  customer: (partnerId: string, customerId: string) => ({ pk: partner(partnerId), sk: `CUSTOMER#${customerId}` }),
  /** A copy of the customer that makes its domain searchable next to its name. */
  customerDomainTerm: (partnerId: string, customerId: string) => ({
    pk: partner(partnerId),
    sk: `CUSTOMER#${customerId}#TERM#DOMAIN`,
  }),
  /** Everything stored under one customer (the customer, its search copy, its agreements) sorts here. */
  customerCollection: (partnerId: string, customerId: string) => ({ pk: partner(partnerId), skPrefix: `CUSTOMER#${customerId}` }),
  agreement: (partnerId: string, customerId: string, recordedAt: string, agreementId: string) => ({
    pk: partner(partnerId),
    sk: `CUSTOMER#${customerId}#AGREEMENT#${recordedAt}#${agreementId}`,
  }),
  agreementPrefix: `#AGREEMENT#`,

  customerIndexes: (partnerId: string, customerId: string, state: CustomerState, companyName: string) => {
    const sortKey = `${searchKey(companyName)}#${customerId}`;
    return {
      gsi1pk: `${partner(partnerId)}#CUSTOMERS`,
      gsi1sk: sortKey,
      gsi2pk: `${partner(partnerId)}#CUSTOMERS#${state}`,
      gsi2sk: sortKey,
      gsi3pk: `${partner(partnerId)}#SEARCH`,
      gsi3sk: sortKey,
      gsi4pk: `${partner(partnerId)}#SEARCH#${state}`,
      gsi4sk: sortKey,
    };
  },
  domainTermIndexes: (partnerId: string, customerId: string, state: CustomerState, domain: string) => {
    const sortKey = `${searchKey(domain)}#${customerId}`;
    return {
      gsi3pk: `${partner(partnerId)}#SEARCH`,
      gsi3sk: sortKey,
      gsi4pk: `${partner(partnerId)}#SEARCH#${state}`,
      gsi4sk: sortKey,
    };
  },
  customerListing: (partnerId: string, state?: CustomerState) =>
    state ? { index: 'listingByState', pk: `${partner(partnerId)}#CUSTOMERS#${state}` } as const
          : { index: 'listing', pk: `${partner(partnerId)}#CUSTOMERS` } as const,
  customerSearch: (partnerId: string, state?: CustomerState) =>
    state ? { index: 'searchByState', pk: `${partner(partnerId)}#SEARCH#${state}` } as const
          : { index: 'search', pk: `${partner(partnerId)}#SEARCH` } as const,

  idempotency: (partnerId: string, idempotencyKey: string) => ({ pk: partner(partnerId), sk: `IDEMPOTENCY#${idempotencyKey}` }),

  activity: (partnerId: string, at: string, activityId: string, customerId?: string) => ({
    pk: `${partner(partnerId)}#ACTIVITY`,
    sk: `${at}#${activityId}`,
    ...(customerId ? { gsi1pk: `${partner(partnerId)}#ACTIVITY#${customerId}`, gsi1sk: `${at}#${activityId}` } : {}),
  }),
  activityLog: (partnerId: string, customerId?: string) =>
    customerId ? { index: 'listing', pk: `${partner(partnerId)}#ACTIVITY#${customerId}` } as const
               : { index: undefined, pk: `${partner(partnerId)}#ACTIVITY` } as const,
};
