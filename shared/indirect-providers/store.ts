// The reads of indirect links; the writes are parts of the service's transactions.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/dynamo/client.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { queryPage } from '../platform/dynamo/query.js';
import {
  EndedProviderItem,
  endedProviderKey,
  ProviderAuthorizationItem,
  providerAuthorizationKey,
  providerLinksKey,
  ResellerLinkItem,
  resellerLinkKey,
  resellerLinksKey,
  type EndedProviderRecord,
  type ProviderAuthorizationRecord,
  type ResellerLinkRecord,
} from './entity.js';

const getItem = async (key: { pk: string; sk: string }) => (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

export async function getAuthorization(resellerId: string, providerId: string): Promise<ProviderAuthorizationRecord | undefined> {
  const item = await getItem(providerAuthorizationKey(resellerId, providerId));
  return item ? readItem(ProviderAuthorizationItem, item) : undefined;
}

/** What the last end of the reseller's link with the provider left, while no new link replaced it. */
export async function getEndedProvider(resellerId: string, providerId: string): Promise<EndedProviderRecord | undefined> {
  const item = await getItem(endedProviderKey(resellerId, providerId));
  return item ? readItem(EndedProviderItem, item) : undefined;
}

export async function getResellerLink(providerId: string, resellerId: string): Promise<ResellerLinkRecord | undefined> {
  const item = await getItem(resellerLinkKey(providerId, resellerId));
  return item ? readItem(ResellerLinkItem, item) : undefined;
}

/** The reseller's active authorizations and the ends of earlier ones, in one Query. */
export async function queryProviderLinks(resellerId: string): Promise<(ProviderAuthorizationRecord | EndedProviderRecord)[]> {
  const { pk, skPrefix } = providerLinksKey(resellerId);
  const { items } = await queryPage({ pk, sortKey: { beginsWith: skPrefix } });
  return items.map((item) => (item.kind === 'endedProviderAuthorization' ? readItem(EndedProviderItem, item) : readItem(ProviderAuthorizationItem, item)));
}

export async function queryResellerLinks(providerId: string): Promise<ResellerLinkRecord[]> {
  const { pk, skPrefix } = resellerLinksKey(providerId);
  const { items } = await queryPage({ pk, sortKey: { beginsWith: skPrefix } });
  return items.map((item) => readItem(ResellerLinkItem, item));
}
