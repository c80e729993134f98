// The cleanup's day-bucketed queues (shared/platform/dynamo/day-queue.ts): a run reads only the buckets
// from the watermark to the last due day, catches up days a run missed, retires emptied days, and drains the
// partition from before the cut-over once. The walker is driven here with buckets held in memory and a
// watermark item of this file's own (on DynamoDB Local), so no other file's cleanup can interfere.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DAY_MS, utcDay } from '../../shared/platform/clock';
import { config } from '../../shared/platform/config';
import { db } from '../../shared/platform/dynamo/client';
import { walkDayQueue, type QueueBucket } from '../../shared/platform/dynamo/day-queue';
import { invitationItem, invitationKeys } from '../../shared/invitations/entity';
import { startApi, uniqueId, type TestApi } from '../support/api';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ mailer: false });
});
afterAll(() => api.close());

const NOW = new Date('2026-06-15T12:00:00Z');
const day = (offset: number) => utcDay(new Date(NOW.getTime() + offset * DAY_MS));
const name = (bucket: QueueBucket) => (bucket === 'unsharded' ? 'unsharded' : bucket.day);

/** Buckets held in memory: handling an entry takes it out, as an expiry takes an item out of its day. */
function memoryQueue(initial: Record<string, string[]>, pageSize = 2) {
  const buckets = new Map(Object.entries(initial).map(([k, v]) => [k, [...v]]));
  const reads: string[] = [];
  const handled: string[] = [];
  const walk = (watermark: { pk: string; sk: string }, overrides: Partial<Parameters<typeof walkDayQueue<string>>[0]> = {}) =>
    walkDayQueue<string>({
      watermark,
      now: NOW,
      lastDay: day(0),
      firstRunLookbackDays: 5,
      read: async (bucket, startAfter) => {
        reads.push(name(bucket));
        // Sorted and paged by key, as a Query is: entries taken out meanwhile do not shift the next page.
        const after = startAfter?.after as string | undefined;
        const entries = [...(buckets.get(name(bucket)) ?? [])].sort().filter((e) => after === undefined || e > after);
        const page = entries.slice(0, pageSize);
        return { entries: page, ...(entries.length > pageSize ? { lastEvaluatedKey: { after: page[pageSize - 1] } } : {}) };
      },
      unshardedLeft: async () => (buckets.get('unsharded') ?? []).length > 0,
      id: (entry) => entry,
      handle: async (entry) => {
        handled.push(entry);
        for (const list of buckets.values()) if (list.includes(entry)) list.splice(list.indexOf(entry), 1);
      },
      maxPerRun: 100,
      maxPages: 100,
      ...overrides,
    });
  return { buckets, reads, handled, walk };
}

const watermarkKey = () => ({ pk: uniqueId('TEST_QUEUE'), sk: 'WATERMARK' });
const readWatermark = async (key: { pk: string; sk: string }) =>
  (await db().send(new GetCommand({ TableName: config().tableName, Key: key, ConsistentRead: true }))).Item;

test('a first run reads the unsharded partition and the days from the lookback to today, and handles every entry once', async () => {
  const queue = memoryQueue({ unsharded: ['old-1', 'old-2', 'old-3'], [day(-3)]: ['a', 'b', 'c'], [day(0)]: ['d'], [day(1)]: ['tomorrow'] });
  const key = watermarkKey();
  expect(await queue.walk(key)).toEqual({ more: false });
  expect(queue.handled.sort()).toEqual(['a', 'b', 'c', 'd', 'old-1', 'old-2', 'old-3']);
  // Tomorrow is not due: never read. The unsharded partition is read first, then each day once (two pages where it held more).
  expect(queue.reads).toEqual(['unsharded', 'unsharded', day(-5), day(-4), day(-3), day(-3), day(-2), day(-1), day(0)]);
  // Days before yesterday with nothing found are retired; day(-3) had entries, so it is looked at once more.
  expect(await readWatermark(key)).toMatchObject({ day: day(-3) });
  expect((await readWatermark(key))!.unshardedDrained).toBeUndefined();

  queue.reads.length = 0;
  await queue.walk(key);
  // The unsharded partition is found empty and recorded as drained; day(-3) is now empty and retired.
  expect(queue.reads).toEqual(['unsharded', day(-3), day(-2), day(-1), day(0)]);
  expect(await readWatermark(key)).toMatchObject({ day: day(-1), unshardedDrained: true });

  queue.reads.length = 0;
  await queue.walk(key);
  expect(queue.reads).toEqual([day(-1), day(0)]);
});

test('days a run missed are caught up by the next, and a run stops at its limit with more left', async () => {
  const queue = memoryQueue({ [day(-4)]: ['a', 'b', 'c'], [day(-2)]: ['d', 'e'], [day(-1)]: ['f'] });
  const key = watermarkKey();
  const first = await queue.walk(key, { maxPerRun: 2, unshardedLeft: async () => false });
  expect(first).toEqual({ more: true });
  expect(queue.handled).toEqual(['a', 'b']);
  // No run for a while: the next one starts at the watermark and takes the rest, in day order.
  const second = await queue.walk(key);
  expect(second).toEqual({ more: false });
  expect(queue.handled).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
});

test('an entry that stays in its day (skipped) keeps that day from being retired', async () => {
  const queue = memoryQueue({ [day(-3)]: ['stuck'] });
  const key = watermarkKey();
  const walk = () => queue.walk(key, { handle: async (entry) => void queue.handled.push(entry), unshardedLeft: async () => false });
  await walk();
  await walk();
  expect(queue.handled).toEqual(['stuck', 'stuck']);
  expect((await readWatermark(key))!.day <= day(-3)).toBe(true);
});

test('a pending invitation sits in the partition of its expiry day; only pending ones sit in the queue', () => {
  const record = {
    id: 'i1', partnerId: 'p1', email: 'a@b.example', source: 'partner' as const, state: 'pending' as const, createdAt: '2026-06-01T00:00:00.000Z',
    expiresAt: '2026-07-01T23:59:59.000Z', delivery: { state: 'queued' as const, attempts: 0 }, generation: 1, createdBy: 'u', version: 1,
  };
  expect(invitationItem(record)).toMatchObject({ gsi3pk: 'INVITATIONS#PENDING#2026-07-01', gsi3sk: '2026-07-01T23:59:59.000Z#p1#i1' });
  expect(invitationItem({ ...record, state: 'accepted' })).not.toHaveProperty('gsi3pk');
  expect(invitationKeys.pendingQueue({ day: '2026-07-01' }).pk).toBe('INVITATIONS#PENDING#2026-07-01');
});
