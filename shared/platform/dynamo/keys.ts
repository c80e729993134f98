// Every key of every item is built here and nowhere else. Partner data always has the partner id
// leading its partition key, so no key built from one caller's token can reach another partner's items.

/** A customer relationship's state as its index keys spell it (the customers feature owns its meaning). */
type CustomerState = 'active' | 'ended';

const partner = (partnerId: string) => `PARTNER#${partnerId}`;

/** Lower-cased, compatibility-normalised text: what name and search keys compare. */
export const searchKey = (text: string): string => text.normalize('NFKC').toLowerCase();

/** A customer's entries in the search indexes (by name, or by domain through its search copy). */
const searchIndexes = (partnerId: string, state: CustomerState, sortKey: string) => ({
  gsi3pk: `${partner(partnerId)}#SEARCH`,
  gsi3sk: sortKey,
  gsi4pk: `${partner(partnerId)}#SEARCH#${state}`,
  gsi4sk: sortKey,
});

export const keys = {
  partnerProfile: (partnerId: string) => ({ pk: partner(partnerId), sk: 'PROFILE' }),

  /** Global: a domain names one organization across all partners. */
  domain: (domain: string) => ({ pk: `DOMAIN#${domain}`, sk: 'DOMAIN' }),
  /** Global: the organization itself (its domains and proven admin contacts), whichever partners serve it. */
  organization: (tenantId: string) => ({ pk: `ORGANIZATION#${tenantId}`, sk: 'ORGANIZATION' }),

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
      ...searchIndexes(partnerId, state, sortKey),
    };
  },
  domainTermIndexes: (partnerId: string, customerId: string, state: CustomerState, domain: string) =>
    searchIndexes(partnerId, state, `${searchKey(domain)}#${customerId}`),
  customerListing: (partnerId: string, state?: CustomerState) =>
    state ? { index: 'listingByState', pk: `${partner(partnerId)}#CUSTOMERS#${state}` } as const
          : { index: 'listing', pk: `${partner(partnerId)}#CUSTOMERS` } as const,
  customerSearch: (partnerId: string, state?: CustomerState) =>
    state ? { index: 'searchByState', pk: `${partner(partnerId)}#SEARCH#${state}` } as const
          : { index: 'search', pk: `${partner(partnerId)}#SEARCH` } as const,

  /** Which of the partner's customers a tenant (organization) is: one record per partner and tenant. */
  partnerTenant: (partnerId: string, tenantId: string) => ({ pk: partner(partnerId), sk: `TENANT#${tenantId}` }),

  invitation: (partnerId: string, invitationId: string) => ({ pk: partner(partnerId), sk: `INVITATION#${invitationId}` }),
  invitationIndexes: (partnerId: string, invitationId: string, createdAt: string, state: string, pendingUntil?: string) => ({
    gsi1pk: `${partner(partnerId)}#INVITATIONS`,
    gsi1sk: `${createdAt}#${invitationId}`,
    gsi2pk: `${partner(partnerId)}#INVITATIONS#${state}`,
    gsi2sk: `${createdAt}#${invitationId}`,
    // Only pending invitations sit in the expiry queue that the scheduled cleanup reads.
    ...(pendingUntil ? { gsi3pk: 'INVITATIONS#PENDING', gsi3sk: `${pendingUntil}#${partnerId}#${invitationId}` } : {}),
  }),
  invitationListing: (partnerId: string, state?: string) =>
    state ? { index: 'listingByState', pk: `${partner(partnerId)}#INVITATIONS#${state}` } as const
          : { index: 'listing', pk: `${partner(partnerId)}#INVITATIONS` } as const,
  pendingInvitationQueue: { index: 'search', pk: 'INVITATIONS#PENDING' } as const,
  /** Global: the public page knows only the link's token, so its hash is the key. */
  invitationToken: (tokenHash: string) => ({ pk: `INVITATION_TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  /**
   * Pending invitations per partner, one allowance per source: anonymous requests through the public
   * relationship link never use up what the partner's own users may send.
   */
  pendingInvitationCounter: (partnerId: string, source: 'partner' | 'relationshipLink') => ({
    pk: partner(partnerId),
    sk: source === 'partner' ? 'COUNTER#PENDING_INVITATIONS' : 'COUNTER#PENDING_LINK_INVITATIONS',
  }),
  /** Requests through the partner's public relationship link on one UTC day. */
  relationshipLinkDayCounter: (partnerId: string, day: string) => ({ pk: partner(partnerId), sk: `COUNTER#LINK_REQUESTS#${day}` }),
  /** Requests through any public relationship link from one client network on one UTC day (keyed by a hash). */
  clientDayCounter: (clientHash: string, day: string) => ({ pk: `CLIENT#${clientHash}`, sk: `LINK_REQUESTS#${day}` }),
  /** A form's CSRF nonce once it has served its one submission (keyed by a hash). */
  usedFormNonce: (nonceHash: string) => ({ pk: `FORM_NONCE#${nonceHash}`, sk: 'USED' }),
  /** Global per recipient, so several partners together cannot flood one mailbox. */
  recipientDayCounter: (emailHash: string, day: string) => ({ pk: `RECIPIENT#${emailHash}`, sk: `DAY#${day}` }),
  bouncedRecipient: (emailHash: string) => ({ pk: `RECIPIENT#${emailHash}`, sk: 'BOUNCED' }),
  sentMessage: (messageId: string) => ({ pk: `SES_MESSAGE#${messageId}`, sk: 'MESSAGE' }),

  delegatedAdminGrant: (partnerId: string, grantId: string) => ({ pk: partner(partnerId), sk: `DELEGATED_ADMIN#${grantId}` }),
  delegatedAdminOfCustomer: (partnerId: string, customerId: string) => ({ gsi1pk: `${partner(partnerId)}#CUSTOMER#${customerId}#DELEGATED_ADMIN` }),
  delegatedAdminListing: (partnerId: string, customerId: string) => ({ index: 'listing', pk: `${partner(partnerId)}#CUSTOMER#${customerId}#DELEGATED_ADMIN` } as const),
  delegatedAdminName: (partnerId: string, displayName: string) => ({ pk: partner(partnerId), sk: `DELEGATED_ADMIN_NAME#${searchKey(displayName)}` }),
  /**
   * Global: only active grants sit in the end-date queue that the scheduled cleanup reads (expiry,
   * auto-extend, end-date warnings), ordered by end date.
   */
  activeDelegatedAdminIndexes: (partnerId: string, grantId: string, endsAt: string) => ({
    gsi3pk: 'DELEGATED_ADMIN#ACTIVE',
    gsi3sk: `${endsAt}#${partnerId}#${grantId}`,
  }),
  activeDelegatedAdminQueue: { index: 'search', pk: 'DELEGATED_ADMIN#ACTIVE' } as const,
  /**
   * The queue's sort-key bound for "ends at or before `iso`": `#` follows every end date equal to it,
   * and `$` sorts right after `#`, so `sk < bound` takes those too.
   */
  activeDelegatedAdminEndingBy: (iso: string) => `${iso}$`,

  /** Kept by the reseller: which indirect providers it has authorized to act for it. */
  providerAuthorization: (resellerId: string, providerId: string) => ({ pk: partner(resellerId), sk: `INDIRECT_PROVIDER#${providerId}` }),
  providerAuthorizations: (resellerId: string) => ({ pk: partner(resellerId), skPrefix: 'INDIRECT_PROVIDER#' }),

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
