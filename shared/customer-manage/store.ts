// The manage link's reads. Its writes are transaction parts (issue.ts, service.ts) in the changes they belong to.
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/dynamo/client.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { CustomerItem, customerKeys } from '../customers/index.js';
import { PartnerProfileItem, partnerProfileKey } from '../partner/index.js';
import { ManageLinkItem, manageLinkKeys, type ManageLinkRecord } from './entity.js';

export async function getManageLink(partnerId: string, customerId: string): Promise<ManageLinkRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: manageLinkKeys.link(partnerId, customerId), ConsistentRead: true }));
  return Item ? readItem(ManageLinkItem, Item) : undefined;
}

/** The link record, the customer and the partner's profile, in one round trip. */
export async function getManageContext(partnerId: string, customerId: string) {
  const keys = { link: manageLinkKeys.link(partnerId, customerId), customer: customerKeys.customer(partnerId, customerId), partner: partnerProfileKey(partnerId) };
  const result = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: Object.values(keys), ConsistentRead: true } } }));
  const items = result.Responses?.[tableName()] ?? [];
  const find = (key: { pk: string; sk: string }) => items.find((item) => item.pk === key.pk && item.sk === key.sk);
  const [link, customer, partner] = [find(keys.link), find(keys.customer), find(keys.partner)];
  return {
    link: link ? readItem(ManageLinkItem, link) : undefined,
    customer: customer ? readItem(CustomerItem, customer) : undefined,
    partner: partner ? readItem(PartnerProfileItem, partner) : undefined,
  };
}
