// An indirect reseller authorizes the indirect providers that may create customers on its behalf
// (they then appear in both partners' lists). Removing an authorization moves no customer.
import type { Principal } from '../platform/auth.js';
import { clock } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { activityItem } from '../activity/index.js';
import { findPartnerProfile } from '../partner/index.js';
import { partnerProfileKey } from '../partner/index.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { queryPage } from '../platform/dynamo/query.js';
import { put, transact } from '../platform/dynamo/transactions.js';
import { profileRequired } from '../partner/index.js';
import { notAProvider, notAnIndirectReseller, profileChanged, providerNotAuthorized } from './problems.js';
import type { ProviderAuthorization } from './schemas.js';
import { providerAuthorizationItem, ProviderAuthorizationItem, providerAuthorizationKey, providerAuthorizationsKey } from './entity.js';

export async function listProviders(principal: Principal) {
  const { pk, skPrefix } = providerAuthorizationsKey(principal.partnerId);
  const { items } = await queryPage({ pk, sortKey: { beginsWith: skPrefix } });
  return { items: items.map((item): ProviderAuthorization => readItem(ProviderAuthorizationItem, item)) };
}

export async function authorizeProvider(principal: Principal, providerId: string): Promise<ProviderAuthorization> {
  const [own, provider] = await Promise.all([findPartnerProfile(principal.partnerId), findPartnerProfile(providerId)]);
  if (!own) throw profileRequired();
  if (own.partnerType !== 'indirectReseller') throw notAnIndirectReseller();
  if (!provider || provider.partnerType !== 'indirectProvider') throw notAProvider(providerId);
  const at = clock.now().toISOString();
  const authorization: ProviderAuthorization = { providerId, providerName: provider.companyName, authorizedAt: at, authorizedBy: principal.userId };
  const tableName = config().tableName;
  const outcome = await transact([
    // The profiles were read above; the types they showed must still hold when the link is written.
    {
      label: 'reseller',
      part: { ConditionCheck: { TableName: tableName, Key: partnerProfileKey(principal.partnerId), ConditionExpression: 'partnerType = :t', ExpressionAttributeValues: { ':t': 'indirectReseller' } } },
    },
    {
      label: 'provider',
      part: { ConditionCheck: { TableName: tableName, Key: partnerProfileKey(providerId), ConditionExpression: 'partnerType = :t', ExpressionAttributeValues: { ':t': 'indirectProvider' } } },
    },
    put('authorization', providerAuthorizationItem(principal.partnerId, authorization)),
    put('activity', activityItem(principal, 'Authorize Indirect Provider', at, [{ field: 'indirectProvider', after: providerId }])),
  ]);
  if (!outcome.ok) throw profileChanged(outcome.cause);
  return authorization;
}

export async function removeProvider(principal: Principal, providerId: string): Promise<void> {
  const at = clock.now().toISOString();
  const outcome = await transact([
    {
      label: 'authorization',
      part: { Delete: { TableName: config().tableName, Key: providerAuthorizationKey(principal.partnerId, providerId), ConditionExpression: 'attribute_exists(pk)' } },
    },
    put('activity', activityItem(principal, 'Remove Indirect Provider', at, [{ field: 'indirectProvider', before: providerId }])),
  ]);
  if (!outcome.ok) throw providerNotAuthorized(providerId, outcome.cause);
}
