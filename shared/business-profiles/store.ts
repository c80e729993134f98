import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/dynamo/client.js';
import { object, readItem, string } from '../platform/dynamo/item-schema.js';
import { queryPage } from '../platform/dynamo/query.js';
import { put, putVersioned, remove, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import { partnerProfileKey } from '../partner/index.js';
import { directoryItems, directoryKeys, type PublishedProfile, type ResponseTime } from '../directory/index.js';
import { responseTimeKey } from '../directory/index.js';
import { responseTimeUnchanged, toResponseTime } from '../directory/index.js';
import { BUSINESS_PROFILE_PREFIX, businessProfileItem, BusinessProfileItem, businessProfileKey as profileKey, type BusinessProfileRecord } from './entity.js';

const toRecord = (item: Record<string, unknown>): BusinessProfileRecord => readItem(BusinessProfileItem, item);

/** All a business profile reads of the legal profile: its company name, the profile's public name. */
const LegalName = object({ companyName: string });
const legalNameOf = (item: Record<string, unknown> | undefined) => (item ? readItem(LegalName, item).companyName : undefined);

export async function getProfile(partnerId: string, country: string): Promise<BusinessProfileRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: profileKey(partnerId, country), ConsistentRead: true }));
  return Item ? toRecord(Item) : undefined;
}

export async function listProfiles(partnerId: string): Promise<BusinessProfileRecord[]> {
  const { pk } = profileKey(partnerId, '');
  // At most one profile per country: a couple of hundred items, one page in practice, walked to the end all the same.
  const records: BusinessProfileRecord[] = [];
  let startAfter: Record<string, unknown> | undefined;
  do {
    const page = await queryPage({ pk, sortKey: { beginsWith: BUSINESS_PROFILE_PREFIX }, consistent: true, startAfter });
    records.push(...page.items.map(toRecord));
    startAfter = page.lastEvaluatedKey;
  } while (startAfter);
  return records;
}

/** The legal profile's company name: the public name of every business profile. */
export async function getLegalName(partnerId: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: partnerProfileKey(partnerId), ConsistentRead: true, ProjectionExpression: 'companyName' }));
  return legalNameOf(Item);
}

/** What a change reads first, in one round trip: the profile, the public name, and the response time its listings carry. */
export async function readForChange(partnerId: string, country: string) {
  const wanted = { profile: profileKey(partnerId, country), legal: partnerProfileKey(partnerId), response: responseTimeKey(partnerId) };
  const found: Record<string, unknown>[] = [];
  let pending: Record<string, unknown>[] = Object.values(wanted);
  // DynamoDB may hold keys back under load; three small items come within a few rounds.
  for (let round = 0; pending.length > 0; round++) {
    if (round === 5) throw new Error('BatchGetItem kept keys unprocessed');
    const { Responses, UnprocessedKeys } = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
    found.push(...(Responses?.[tableName()] ?? []));
    pending = UnprocessedKeys?.[tableName()]?.Keys ?? [];
  }
  const item = (key: { sk: string }) => found.find((candidate) => candidate.sk === key.sk);
  const profile = item(wanted.profile);
  return {
    profile: profile ? toRecord(profile) : undefined,
    legalName: legalNameOf(item(wanted.legal)),
    response: toResponseTime(item(wanted.response)),
  };
}

export type SaveOutcome = 'saved' | 'stale' | 'conflict';

const isPublished = (record: BusinessProfileRecord | undefined): record is PublishedProfile => record?.published === true;

/**
 * One transaction: the profile's new state (or its removal), its activity record, and its directory
 * items: those of the previous state that the new one lacks are removed, the new state's are written.
 * `stale`: the profile changed since `previous` was read. `conflict`: another write (or a referral answer
 * that moves the listings) was under way; nothing was written and trying again is safe.
 */
export async function saveProfile(change: {
  previous: BusinessProfileRecord | undefined;
  next: BusinessProfileRecord | undefined;
  name: string;
  response: ResponseTime;
  activity: Record<string, unknown>;
}): Promise<SaveOutcome> {
  const { previous, next, name, response, activity } = change;
  const newItems = isPublished(next) ? directoryItems(next, name, response) : [];
  const written = new Set(newItems.map((item) => `${item.pk}|${item.sk}`));
  const removed = isPublished(previous) ? directoryKeys(previous).filter((key) => !written.has(`${key.pk}|${key.sk}`)) : [];
  const partnerId = (next ?? previous)!.partnerId;
  const country = (next ?? previous)!.country;

  const parts: LabelledPart<'profile' | 'activity' | 'directory' | 'responseTime'>[] = [
    next
      ? putVersioned('profile', businessProfileItem(next), previous?.version)
      : {
          label: 'profile',
          part: { Delete: { TableName: tableName(), Key: profileKey(partnerId, country), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': previous!.version } } },
        },
    put('activity', activity),
    ...removed.map((key) => remove('directory', key)),
    ...newItems.map((item) => put('directory', item)),
    ...(newItems.length ? [responseTimeUnchanged('responseTime', partnerId, response)] : []),
  ];
  const outcome = await transact(parts);
  if (outcome.ok) return 'saved';
  return outcome.failed.has('profile') ? 'stale' : 'conflict';
}
