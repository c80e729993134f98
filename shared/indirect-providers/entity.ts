// An indirect reseller's authorizations of indirect providers, as stored under the reseller.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { object, string, type Infer } from '../platform/dynamo/item-schema.js';

/** Kept by the reseller: which indirect providers it has authorized to act for it. */
export const providerAuthorizationKey = (resellerId: string, providerId: string) => ({ pk: partnerPartition(resellerId), sk: `INDIRECT_PROVIDER#${providerId}` });
export const providerAuthorizationsKey = (resellerId: string) => ({ pk: partnerPartition(resellerId), skPrefix: 'INDIRECT_PROVIDER#' });

export const ProviderAuthorizationItem = object({ providerId: string, providerName: string, authorizedAt: string, authorizedBy: string });
export type ProviderAuthorizationRecord = Infer<typeof ProviderAuthorizationItem>;

export const providerAuthorizationItem = (resellerId: string, authorization: ProviderAuthorizationRecord) => ({
  ...providerAuthorizationKey(resellerId, authorization.providerId),
  kind: 'providerAuthorization',
  ...authorization,
});
