import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Agreement, Customer } from './schemas.js';
import { db, tableName } from '../platform/dynamo/client.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { searchKey } from '../platform/dynamo/keys.js';
import { newOrganization } from '../organizations/index.js';
import { domainItem, domainKey, organizationItem } from '../organizations/index.js';
import { partnerProfileKey, PartnerProfileItem, type PartnerProfileRecord } from '../partner/index.js';
import { providerAuthorizationKey } from '../indirect-providers/index.js';
import { queryFullPage, queryPage } from '../platform/dynamo/query.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';
import { cancellationReasons, count, failedCondition, put, putVersioned, type LabelledPart } from '../platform/dynamo/transactions.js';
import {
  AgreementItem,
  CUSTOMER_NAME_ENTRY,
  agreementItem,
  CustomerItem,
  customerItems,
  customerKeys,
  CustomerView,
  IdempotencyItem,
  idempotencyItem,
  TenantLinkItem,
  tenantLinkItem,
  type CustomerRecord,
  type CustomerState,
  type IdempotencyRecord,
} from './entity.js';

/** How a write changes the partner's count of active customers shared with the associated partner, if it does. */
function sharedCountChange(label: string, next: CustomerRecord, previous?: CustomerRecord): LabelledPart[] {
  const active = (record?: CustomerRecord) => (record?.state === 'active' ? 1 : 0);
  const delta = active(next) - active(previous);
  return next.associatedPartnerId && delta !== 0 ? [count(label, customerKeys.sharedCount(next.partnerId, next.associatedPartnerId), delta)] : [];
}

/** Writes of a partner's first record of an organization; the tenant link keeps it the only one. */
export function newCustomerPuts(record: CustomerRecord) {
  const table = tableName();
  return [
    ...customerItems(record).map((Item) => ({ Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
    {
      Put: {
        TableName: table,
        Item: tenantLinkItem(record.partnerId, record.tenantId, record.id),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...sharedCountChange('sharedCount', record).map((p) => p.part),
  ];
}

/**
 * Writes of a new version of a customer record read as `previous`: the customer item conditioned on that
 * version (labelled `label`), its listing copies, and the shared count when its state changes. Ending and
 * reinstating go through here, so the copies and the count move with the record.
 */
export function customerVersionParts(label: string, next: CustomerRecord, previous: CustomerRecord): LabelledPart[] {
  const [main, ...copies] = customerItems(next);
  return [putVersioned(label, main!, previous.version), ...copies.map((item, i) => put(`${label}:copy${i}`, item)), ...sharedCountChange(`${label}:sharedCount`, next, previous)];
}

/** The partner's profile as a failed condition check returned it, if it existed. */
const oldProfile = (item: Record<string, unknown> | undefined) => (item ? readItem(PartnerProfileItem, item) : undefined);

/** Rules on the partner's profile that a customer write checks inside its own transaction. */
export interface PartnerRules {
  country: string;
  billingEmailDomain: string;
  /** Partner types that may do this write. */
  allowedPartnerTypes: readonly string[];
}

function partnerRulesCheck(partnerId: string, rules: PartnerRules) {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: partnerProfileKey(partnerId),
      ConditionExpression: `attribute_exists(pk) AND contains(markets, :country) AND partnerDomain <> :emailDomain AND partnerType IN (${rules.allowedPartnerTypes.map((_, i) => `:type${i}`).join(', ')})`,
      ExpressionAttributeValues: {
        ':country': rules.country,
        ':emailDomain': rules.billingEmailDomain,
        ...Object.fromEntries(rules.allowedPartnerTypes.map((type, i) => [`:type${i}`, type])),
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
}

export interface NewCustomer {
  record: CustomerRecord;
  /** The associated indirect reseller's own record of the same organization. */
  resellerCopy?: CustomerRecord;
  rules: PartnerRules;
  activities: Record<string, unknown>[];
  idempotency?: IdempotencyRecord;
  /** US Government cloud: the update that takes one creation from the named validation code. */
  codeSpend?: TransactItem;
  /** Conditions and writes of the caller's own, in the same transaction; a failed one is reported by its index. */
  guards?: TransactItem[];
}

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** A refused write's outcome carries the cancellation as `cause`, for the problem the service makes of it. */
type Refused<T> = T & { cause: unknown };

export type InsertOutcome =
  | { outcome: 'created' }
  | { outcome: 'replay'; stored: IdempotencyRecord }
  | Refused<
      | { outcome: 'guardFailed'; index: number }
      | { outcome: 'partnerRuleFailed'; profile?: PartnerProfileRecord }
      | { outcome: 'validationCodeRefused'; item?: Record<string, unknown> }
      | { outcome: 'resellerNotEligible' }
      | { outcome: 'providerNotAuthorized' }
      | { outcome: 'domainTaken' }
      | { outcome: 'conflict' }
    >;

/** One transaction: domain claim, customer (and reseller copy), activity, idempotency record. */
export async function insertCustomer(input: NewCustomer, nowEpoch: number): Promise<InsertOutcome> {
  const { record, resellerCopy, rules, activities, idempotency, codeSpend } = input;
  const table = tableName();
  const parts: TransactItem[] = [
    partnerRulesCheck(record.partnerId, rules),
    {
      Put: {
        TableName: table,
        Item: domainItem(record.companyProfile.domain, { tenantId: record.tenantId, createdBy: record.partnerId, createdAt: record.createdAt }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...newCustomerPuts(record),
    // The organization's own record: its domain is the only one, and no admin contact has proven itself yet.
    { Put: { TableName: table, Item: organizationItem({ ...newOrganization(record.tenantId, record.companyProfile.domain, record.partnerId, record.createdAt), version: 1 }) } },
    ...activities.map((Item) => ({ Put: { TableName: table, Item } })),
  ];
  const idempotencyIndex = idempotency ? parts.length : -1;
  if (idempotency) {
    parts.push({
      Put: {
        TableName: table,
        Item: idempotencyItem(record.partnerId, idempotency),
        ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':now': nowEpoch },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    });
  }
  const codeIndex = codeSpend ? parts.push(codeSpend) - 1 : -1;
  const reseller = resellerCopy && {
    eligible: {
      ConditionCheck: {
        TableName: table,
        Key: partnerProfileKey(resellerCopy.partnerId),
        ConditionExpression: 'partnerType = :reseller AND contains(markets, :country)',
        ExpressionAttributeValues: { ':reseller': 'indirectReseller', ':country': rules.country },
      },
    },
    // Only a provider the reseller has authorized may put customers into the reseller's list.
    authorized: {
      ConditionCheck: {
        TableName: table,
        Key: providerAuthorizationKey(resellerCopy.partnerId, record.partnerId),
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    puts: newCustomerPuts(resellerCopy),
  };
  if (reseller) parts.push(reseller.eligible, reseller.authorized, ...reseller.puts);
  const guardsAt = parts.length;
  parts.push(...(input.guards ?? []));
  try {
    await db().send(new TransactWriteCommand({ TransactItems: parts }));
    return { outcome: 'created' };
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    const guard = (input.guards ?? []).findIndex((_, i) => failedCondition(reasons, guardsAt + i));
    if (guard >= 0) return { outcome: 'guardFailed', index: guard, cause: error };
    const replay = failedCondition(reasons, idempotencyIndex);
    if (replay?.item) return { outcome: 'replay', stored: readItem(IdempotencyItem, replay.item) };
    const profile = failedCondition(reasons, 0);
    if (profile) return { outcome: 'partnerRuleFailed', profile: oldProfile(profile.item), cause: error };
    const code = failedCondition(reasons, codeIndex);
    if (code) return { outcome: 'validationCodeRefused', item: code.item, cause: error };
    if (reseller) {
      // Until the reseller has authorized this provider nothing about it may show, not even whether it
      // exists: one answer. A cancellation need not report every failed condition, so the authorization
      // is read when its check is not reported failed.
      const failed = (part: (typeof parts)[number]) => failedCondition(reasons, parts.indexOf(part)) !== undefined;
      if (failed(reseller.authorized) || !(await itemExists(reseller.authorized.ConditionCheck.Key, true))) return { outcome: 'providerNotAuthorized', cause: error };
      if (failed(reseller.eligible)) return { outcome: 'resellerNotEligible', cause: error };
    }
    if (failedCondition(reasons, 1)) return { outcome: 'domainTaken', cause: error };
    if (reasons.some((r) => r.code === 'TransactionConflict')) return { outcome: 'conflict', cause: error };
    throw error;
  }
}

/** An ended relationship is read-only: its writes check this in their own transaction, so a concurrent end wins. */
const ACTIVE_RELATIONSHIP = { expression: '#state = :active', names: { '#state': 'state' }, values: { ':active': 'active' } } as const;

export type ReplaceOutcome =
  | { outcome: 'saved' }
  | Refused<{ outcome: 'stale' } | { outcome: 'relationshipEnded' } | { outcome: 'partnerRuleFailed'; profile?: PartnerProfileRecord }>;

/** Replaces the record if it is still at `expectedVersion` and active, with its activity, in one transaction. */
export async function replaceCustomer(next: CustomerRecord, expectedVersion: number, activity: Record<string, unknown>, rules?: PartnerRules): Promise<ReplaceOutcome> {
  const table = tableName();
  const [main, ...copies] = customerItems(next);
  const profileIndex = 2 + copies.length;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: main,
              ConditionExpression: `version = :v AND ${ACTIVE_RELATIONSHIP.expression}`,
              ExpressionAttributeNames: ACTIVE_RELATIONSHIP.names,
              ExpressionAttributeValues: { ':v': expectedVersion, ...ACTIVE_RELATIONSHIP.values },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          ...copies.map((Item) => ({ Put: { TableName: table, Item } })),
          { Put: { TableName: table, Item: activity } },
          ...(rules ? [partnerRulesCheck(next.partnerId, rules)] : []),
        ],
      }),
    );
    return { outcome: 'saved' };
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    const stored = failedCondition(reasons, 0);
    if (stored?.item && readItem(CustomerItem, stored.item).state === 'ended') return { outcome: 'relationshipEnded', cause: error };
    if (stored || reasons.some((r) => r.code === 'TransactionConflict')) return { outcome: 'stale', cause: error };
    const profile = failedCondition(reasons, profileIndex);
    if (profile) return { outcome: 'partnerRuleFailed', profile: oldProfile(profile.item), cause: error };
    throw error;
  }
}

export async function findCustomer(partnerId: string, customerId: string): Promise<CustomerRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: customerKeys.customer(partnerId, customerId), ConsistentRead: true }));
  return Item ? readItem(CustomerItem, Item) : undefined;
}

/** The partner's record of an organization (a tenant), if it has one, active or ended. */
export async function getCustomerOfTenant(partnerId: string, tenantId: string): Promise<CustomerRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: customerKeys.tenant(partnerId, tenantId), ConsistentRead: true }));
  return Item ? findCustomer(partnerId, readItem(TenantLinkItem, Item).customerId) : undefined;
}

async function itemExists(key: Record<string, string>, consistent = false): Promise<boolean> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: key, ProjectionExpression: 'pk', ConsistentRead: consistent }));
  return Item !== undefined;
}

export const isDomainTaken = (domain: string): Promise<boolean> => itemExists(domainKey(domain));

export interface ListOptions {
  q?: string;
  state?: CustomerState;
  /** Only the customers shared with this partner. */
  sharedWith?: string;
  limit: number;
  continuationToken?: string;
}

/**
 * One page: the listing index without `q`, the search index with it. A customer sits in the search index
 * under its name and under its domain; one whose name and domain both match is returned once, through its
 * name, and its domain entry is filtered out. So a search reads ahead twice what the page needs (one
 * request as a rule) and reads on while the page is short, and its token starts right after the last
 * customer shown: a page holds `limit` customers whenever that many remain, and none comes twice.
 */
export async function listCustomers(partnerId: string, options: ListOptions) {
  const { q, state, sharedWith, limit } = options;
  const target = q ? customerKeys.search(partnerId, state, sharedWith) : customerKeys.listing(partnerId, state, sharedWith);
  const nameEntry = sharedWith ? CUSTOMER_NAME_ENTRY.shared : CUSTOMER_NAME_ENTRY.own;
  const page = await queryFullPage(
    {
      index: target.index,
      pk: target.pk,
      limit,
      ...(q
        ? {
            sortKey: { beginsWith: searchKey(q) },
            filter: { expression: '#kind = :nameEntry OR NOT begins_with(#nameKey, :q)', names: { '#kind': 'kind', '#nameKey': 'nameKey' }, values: { ':q': searchKey(q), ':nameEntry': nameEntry } },
          }
        : {}),
    },
    { binding: `customers|${partnerId}|${state ?? ''}|${q ?? ''}|${sharedWith ?? ''}`, continuationToken: options.continuationToken },
    q ? 2 : 1,
  );
  return { items: page.items.map((item): Customer => readItem(CustomerView, item)), continuationToken: page.continuationToken };
}

/** Active customers the partner shares with another partner (see customerKeys.sharedCount). */
export async function countSharedCustomers(partnerId: string, otherPartnerId: string): Promise<number> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: customerKeys.sharedCount(partnerId, otherPartnerId), ConsistentRead: true }));
  return typeof Item?.count === 'number' ? Item.count : 0;
}

/** One page (up to `limit` customers and 1 MB of items) of all the partner's customers, for export. */
export async function exportPage(partnerId: string, continuationToken: string | undefined, limit: number) {
  const page = await queryPage({ ...customerKeys.listing(partnerId), limit }, { binding: `export|${partnerId}`, continuationToken });
  return { customers: page.items.map((item): Customer => readItem(CustomerView, item)), continuationToken: page.continuationToken };
}

export async function insertAgreement(partnerId: string, agreement: Agreement, activity: Record<string, unknown>): Promise<{ outcome: 'recorded' } | Refused<{ outcome: 'customerNotFound' | 'relationshipEnded' | 'conflict' }>> {
  const table = tableName();
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: table,
              Key: customerKeys.customer(partnerId, agreement.customerId),
              ConditionExpression: `attribute_exists(pk) AND ${ACTIVE_RELATIONSHIP.expression}`,
              ExpressionAttributeNames: ACTIVE_RELATIONSHIP.names,
              ExpressionAttributeValues: ACTIVE_RELATIONSHIP.values,
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          { Put: { TableName: table, Item: agreementItem(partnerId, agreement) } },
          { Put: { TableName: table, Item: activity } },
        ],
      }),
    );
    return { outcome: 'recorded' };
  } catch (error) {
    const reasons = cancellationReasons(error);
    const customer = failedCondition(reasons ?? [], 0);
    if (customer) return { outcome: customer.item ? 'relationshipEnded' : 'customerNotFound', cause: error };
    // Another write to the same customer (a PATCH, an end) was under way: nothing was written.
    if (reasons?.some((r) => r.code === 'TransactionConflict')) return { outcome: 'conflict', cause: error };
    throw error;
  }
}

/** The customer's agreements, newest first, read in the same Query as the customer itself. */
export async function listAgreements(partnerId: string, customerId: string): Promise<Agreement[] | undefined> {
  const collection = customerKeys.collection(partnerId, customerId);
  const { items } = await queryPage({ pk: collection.pk, sortKey: { beginsWith: collection.skPrefix }, newestFirst: true, consistent: true });
  if (!items.some((item) => item.kind === 'customer')) return undefined;
  return items.filter((item) => item.kind === 'agreement').map((item): Agreement => readItem(AgreementItem, item));
}
