// Global queues that the scheduled cleanup reads (pending invitations by expiry, active delegated admin
// grants by end date), bucketed by the UTC day of the time they are due, one index partition a day: writes
// spread over as many partitions as there are days ahead, and a run reads only the days that can hold
// something due. A watermark item says up to which day the queue is known to be empty, so a run starts
// there; a day a run missed (the job failed, or more was due than a run takes) is caught up by the next.
//
// The queue before it was bucketed (one partition for all) is read as one more bucket, first, until a run
// finds nothing at all left in it; the watermark item then records that it is drained (README, Deploy).
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DAY_MS, utcDay } from '../clock.js';
import { db, tableName } from './client.js';
import type { ItemKey } from './keys.js';

/** The bucket of an ISO time: its UTC day. */
export const dayBucket = (iso: string): string => iso.slice(0, 10);

const nextDay = (day: string): string => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS));

/** A day's partition of the queue, or the single partition it had before it was bucketed. */
export type QueueBucket = { day: string } | 'unsharded';

export interface QueuePage<E> {
  entries: E[];
  lastEvaluatedKey?: Record<string, unknown>;
}

export interface DayQueueWalk<E> {
  /** The queue's watermark item. */
  watermark: ItemKey;
  now: Date;
  /** The last day that can hold something due at `now` (today, or later where something is due ahead). */
  lastDay: string;
  /** Where a run starts when no run has left a watermark yet. */
  firstRunLookbackDays: number;
  /** One page of what is due in `bucket`, from `startAfter`. */
  read: (bucket: QueueBucket, startAfter?: Record<string, unknown>) => Promise<QueuePage<E>>;
  /** Whether the unsharded partition still holds anything at all, due or not; absent for a queue that was bucketed from its start. */
  unshardedLeft?: () => Promise<boolean>;
  id: (entry: E) => string;
  /** Acts on one entry; it re-reads the item itself (the index lags) and leaves the queue when done. */
  handle: (entry: E) => Promise<void>;
  /** At most this many entries are handled, and this many pages read, per run; the next run continues. */
  maxPerRun: number;
  maxPages: number;
  /** Epoch ms after which no new page or entry is started (the Lambda's remaining time). */
  deadline?: number;
}

interface Watermark {
  day?: string;
  unshardedDrained?: boolean;
}

async function readWatermark(key: ItemKey): Promise<Watermark> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return { day: Item?.day as string | undefined, unshardedDrained: Item?.unshardedDrained === true };
}

/** Moves the watermark forward (never back: parallel runs cannot undo each other), and records a drained unsharded partition. */
async function advanceWatermark(key: ItemKey, day: string, unshardedDrained: boolean): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: `SET #day = :day, kind = :kind${unshardedDrained ? ', unshardedDrained = :drained' : ''}`,
        ConditionExpression: 'attribute_not_exists(#day) OR #day <= :day',
        ExpressionAttributeNames: { '#day': 'day' },
        ExpressionAttributeValues: { ':day': day, ':kind': 'queueWatermark', ...(unshardedDrained ? { ':drained': true } : {}) },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * One run over the due buckets, oldest first, each walked page by page. A day is retired (the watermark
 * moves past it) when a run finds nothing due in it and it lies before yesterday: nothing joins a day that
 * near (invitations and grants are due a day or more after they are written), and the index has caught up
 * with the changes that took entries out of it. Returns whether more may be due than this run took.
 */
export async function walkDayQueue<E>(walk: DayQueueWalk<E>): Promise<{ more: boolean }> {
  const today = utcDay(walk.now);
  const yesterday = utcDay(new Date(walk.now.getTime() - DAY_MS));
  const mark = await readWatermark(walk.watermark);
  const start = mark.day ?? utcDay(new Date(walk.now.getTime() - walk.firstRunLookbackDays * DAY_MS));
  const buckets: QueueBucket[] = mark.unshardedDrained || !walk.unshardedLeft ? [] : ['unsharded'];
  for (let day = start; day <= walk.lastDay || day <= today; day = nextDay(day)) buckets.push({ day });

  const seen = new Set<string>();
  let pages = 0;
  let watermark = start;
  let drained = false;
  const stopped = () => seen.size >= walk.maxPerRun || pages >= walk.maxPages || (walk.deadline !== undefined && Date.now() >= walk.deadline);
  let more = false;
  buckets: for (const bucket of buckets) {
    let found = false;
    let startAfter: Record<string, unknown> | undefined;
    do {
      if (stopped()) {
        more = true;
        break buckets;
      }
      const page = await walk.read(bucket, startAfter);
      pages += 1;
      for (const entry of page.entries) {
        found = true;
        if (seen.has(walk.id(entry))) continue;
        if (stopped()) {
          more = true;
          break buckets;
        }
        seen.add(walk.id(entry));
        await walk.handle(entry);
      }
      startAfter = page.lastEvaluatedKey;
    } while (startAfter);
    if (found) continue;
    if (bucket === 'unsharded') drained = !(await walk.unshardedLeft!());
    else if (bucket.day < yesterday && watermark === bucket.day) watermark = nextDay(bucket.day);
  }
  if (watermark !== start || drained || mark.day === undefined) await advanceWatermark(walk.watermark, watermark, drained);
  return { more };
}
