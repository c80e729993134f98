// The local stand-in for Lambda's DynamoDB stream event source mapping: reads DynamoDB Local's stream,
// builds the same `DynamoDBStreamEvent` batches Lambda would, calls the very handler the stack deploys,
// and retries what it reports in `batchItemFailures`. There is no SQS here: what fails its last attempt
// goes to `onDeadLetter` (and stays in `deadLetters`).
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamsRecord,
  type AttributeValue as StreamsAttributeValue,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { LOCAL_AWS_CONFIG, localDynamoDbClient } from './dynamodb.js';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface DeadLetter {
  record: DynamoDBRecord;
  attempts: number;
  error: string;
  at: string;
}

export interface StreamPollerOptions {
  /** DynamoDB Local's endpoint (it serves the streams API too). */
  endpoint: string;
  tableName: string;
  handler: StreamHandler;
  /** Pause between polls once the stream has nothing new. Default 200 ms. */
  pollMs?: number;
  /** Records per handler call, like the event source mapping's batch size. Default 10. */
  batchSize?: number;
  /** Handler calls per record (the mapping's retryAttempts + 1) before it is dead-lettered. Default 4. */
  maxAttempts?: number;
  /** Delay before the first retry, doubled for each further one. Default 200 ms. */
  retryDelayMs?: number;
  /**
   * Where to begin in the shards that exist at start. `LATEST` (default): only what is written from now
   * on, so a restart never sends old mail again. `TRIM_HORIZON`: everything the stream still holds (up to
   * 24 hours), right for a table created just now. Shards that appear later are always read from the start.
   */
  startingPosition?: 'LATEST' | 'TRIM_HORIZON';
  /**
   * Wait this long after reading records before handing them over, like the delivery latency of Lambda's
   * stream polling (a few hundred ms on AWS). Default 0. The test harness sets it so that a test acting on
   * a fresh invitation (revoke right after create) is not racing the mailer in every run.
   */
  delayMs?: number;
  /** Only records that pass reach the handler (the mapping's filter criteria). */
  filter?: (record: DynamoDBRecord) => boolean;
  onDeadLetter?: (letter: DeadLetter) => void;
  /** Problems reading the stream (they are retried); default: console.warn. */
  onError?: (error: unknown) => void;
}

export interface StreamPoller {
  /** Resolves once everything written to the table before the call has been handled (or dead-lettered). */
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  readonly deadLetters: readonly DeadLetter[];
  readonly streamArn: string;
}

interface ShardState {
  id: string;
  parentId?: string;
  iterator?: string;
  /** How to get the first iterator; afterwards the last handled sequence number decides. */
  initialPosition: 'LATEST' | 'TRIM_HORIZON';
  lastSequenceNumber?: string;
  done: boolean;
}

interface Waiter {
  /** The first cycle that started after drain() was called. */
  fromCycle: number;
  resolve(): void;
  reject(error: Error): void;
}

const DISCOVERY_INTERVAL_MS = 5_000;

/** The streams API's attribute values (binary as bytes) in the Lambda event's form (binary as base64). */
function toLambdaValue(value: StreamsAttributeValue): AttributeValue {
  const v = value as unknown as Record<string, unknown>;
  if (v.B instanceof Uint8Array) return { B: Buffer.from(v.B).toString('base64') };
  if (Array.isArray(v.BS)) return { BS: (v.BS as Uint8Array[]).map((b) => Buffer.from(b).toString('base64')) };
  if (Array.isArray(v.L)) return { L: (v.L as StreamsAttributeValue[]).map(toLambdaValue) };
  if (v.M && typeof v.M === 'object') return { M: toLambdaImage(v.M as Record<string, StreamsAttributeValue>)! };
  return value as AttributeValue;
}

function toLambdaImage(image: Record<string, StreamsAttributeValue> | undefined): Record<string, AttributeValue> | undefined {
  return image && Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaValue(value)]));
}

/** One stream record as Lambda hands it to a function. */
export function toLambdaRecord(record: StreamsRecord, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion ?? LOCAL_AWS_CONFIG.region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      Keys: toLambdaImage(d.Keys),
      ...(d.NewImage ? { NewImage: toLambdaImage(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: toLambdaImage(d.OldImage) } : {}),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
  };
}

const errorName = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const pollMs = options.pollMs ?? 200;
  const batchSize = options.batchSize ?? 10;
  const maxAttempts = options.maxAttempts ?? 4;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const startingPosition = options.startingPosition ?? 'LATEST';
  const onError = options.onError ?? ((error: unknown) => console.warn(`stream poller: ${errorName(error)}`));
  const deadLetters: DeadLetter[] = [];

  const tables = localDynamoDbClient(options.endpoint);
  const streams = new DynamoDBStreamsClient({ ...LOCAL_AWS_CONFIG, endpoint: options.endpoint, maxAttempts: 2 });
  const described = await tables.send(new DescribeTableCommand({ TableName: options.tableName })).finally(() => tables.destroy());
  const streamArn = described.Table?.LatestStreamArn;
  if (!streamArn || !described.Table?.StreamSpecification?.StreamEnabled) {
    streams.destroy();
    throw new Error(`Table ${options.tableName} has no stream enabled (made by an older version? Enable its stream, NEW_AND_OLD_IMAGES, or start with a new data directory).`);
  }

  const shards = new Map<string, ShardState>();
  let stopped = false;
  let cycle = 0;
  let lastDiscovery = 0;
  let rediscover = true;
  const waiters: Waiter[] = [];
  /** Pending pauses; `drainable` ones (the idle poll) end early when drain() is called, all of them on stop(). */
  const sleepers = new Set<{ drainable: boolean; end(): void }>();
  const pause = (ms: number, drainable: boolean) =>
    new Promise<void>((resolve) => {
      const sleeper = {
        drainable,
        end: () => {
          clearTimeout(timer);
          sleepers.delete(sleeper);
          resolve();
        },
      };
      const timer = setTimeout(sleeper.end, ms);
      sleepers.add(sleeper);
    });
  const wake = (all: boolean) => {
    for (const sleeper of [...sleepers]) if (all || sleeper.drainable) sleeper.end();
  };

  async function listShards(): Promise<Shard[]> {
    const all: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription: description } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }));
      all.push(...(description?.Shards ?? []));
      exclusiveStartShardId = description?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return all;
  }

  /** Shards present at start begin at `startingPosition`; a closed one under LATEST holds only old records. */
  async function discover(initial: boolean): Promise<boolean> {
    let found = false;
    for (const shard of await listShards()) {
      if (!shard.ShardId || shards.has(shard.ShardId)) continue;
      found = true;
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      const position = initial ? startingPosition : 'TRIM_HORIZON';
      shards.set(shard.ShardId, {
        id: shard.ShardId,
        parentId: shard.ParentShardId,
        initialPosition: position,
        done: initial && position === 'LATEST' && closed,
      });
    }
    lastDiscovery = Date.now();
    rediscover = false;
    return found;
  }

  /** Lambda's order: a child shard is read only once its parent (if this poller knows it) is finished. */
  const ready = (shard: ShardState) => !shard.done && (!shard.parentId || !shards.has(shard.parentId) || shards.get(shard.parentId)!.done);

  async function iteratorFor(shard: ShardState): Promise<string | undefined> {
    const type: ShardIteratorType = shard.lastSequenceNumber ? 'AFTER_SEQUENCE_NUMBER' : shard.initialPosition;
    const { ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.id, ShardIteratorType: type, SequenceNumber: shard.lastSequenceNumber }),
    );
    return iterator;
  }

  /** Calls the handler until every record of the batch succeeded or ran out of attempts. */
  async function handleBatch(records: DynamoDBRecord[]): Promise<void> {
    let pending = records.map((record) => ({ record, attempts: 0 }));
    while (pending.length > 0) {
      let failed: Set<string> | 'all';
      let error = 'reported in batchItemFailures';
      try {
        const response = await options.handler({ Records: pending.map((p) => p.record) });
        const ids = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        const known = new Set(pending.map((p) => p.record.dynamodb?.SequenceNumber));
        // Like Lambda: an identifier that names no record of the batch fails the whole batch.
        failed = [...ids].every((id) => known.has(id)) ? ids : 'all';
      } catch (thrown) {
        failed = 'all';
        error = errorName(thrown);
      }
      for (const p of pending) p.attempts += 1;
      const again = pending.filter((p) => failed === 'all' || failed.has(p.record.dynamodb?.SequenceNumber ?? ''));
      for (const p of again.filter((p) => p.attempts >= maxAttempts)) {
        const letter: DeadLetter = { record: p.record, attempts: p.attempts, error, at: new Date().toISOString() };
        deadLetters.push(letter);
        options.onDeadLetter?.(letter);
      }
      pending = again.filter((p) => p.attempts < maxAttempts);
      if (pending.length === 0) return;
      if (stopped) {
        onError(new Error(`stopped with ${pending.length} record(s) still to retry`));
        return;
      }
      await pause(retryDelayMs * 2 ** (pending[0]!.attempts - 1), false);
    }
  }

  /** Reads one shard until it has nothing new; true when it handed over any records. */
  async function readShard(shard: ShardState): Promise<boolean> {
    let sawRecords = false;
    while (!stopped && !shard.done) {
      shard.iterator ??= await iteratorFor(shard);
      if (!shard.iterator) {
        shard.done = true;
        break;
      }
      let records: StreamsRecord[];
      let next: string | undefined;
      try {
        const result = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: batchSize }));
        records = result.Records ?? [];
        next = result.NextShardIterator;
      } catch (error) {
        if (error instanceof ExpiredIteratorException) {
          shard.iterator = undefined;
          continue;
        }
        if (error instanceof TrimmedDataAccessException) {
          shard.iterator = undefined;
          shard.lastSequenceNumber = undefined;
          shard.initialPosition = 'TRIM_HORIZON';
          continue;
        }
        throw error;
      }
      shard.iterator = next;
      if (!next) {
        // A closed shard read to its end: its children (found by the next discovery) come next.
        shard.done = true;
        rediscover = true;
      }
      if (records.length === 0) break;
      sawRecords = true;
      const batch = records.map((r) => toLambdaRecord(r, streamArn!));
      const wanted = options.filter ? batch.filter(options.filter) : batch;
      if (wanted.length > 0) {
        if (options.delayMs) await pause(options.delayMs, false);
        if (!stopped) await handleBatch(wanted);
      }
      shard.lastSequenceNumber = records.at(-1)!.dynamodb?.SequenceNumber ?? shard.lastSequenceNumber;
    }
    return sawRecords;
  }

  async function run(): Promise<void> {
    while (!stopped) {
      cycle += 1;
      const thisCycle = cycle;
      let quiet = true;
      try {
        if (rediscover || Date.now() - lastDiscovery > DISCOVERY_INTERVAL_MS) {
          if (await discover(false)) quiet = false;
        }
        for (const shard of [...shards.values()]) {
          if (stopped) break;
          if (!ready(shard)) continue;
          if (await readShard(shard)) quiet = false;
          if (shard.done) quiet = false;
        }
      } catch (error) {
        onError(error);
        // Not quiet (nothing is known to be read), and no busy loop against a failing endpoint.
        await pause(Math.max(pollMs, 1_000), false);
        continue;
      }
      if (!quiet) continue; // something happened: look again at once, there may be more
      // A whole cycle that began after drain() was called found nothing new: everything before it is handled.
      for (const waiter of waiters.filter((w) => w.fromCycle <= thisCycle)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (!stopped) await pause(pollMs, true);
    }
  }

  try {
    await discover(true);
    // Iterators for the start position are taken now, before the caller writes anything it expects to see.
    for (const shard of shards.values()) if (!shard.done) shard.iterator = await iteratorFor(shard);
  } catch (error) {
    streams.destroy();
    throw error;
  }
  const loop = run();

  return {
    streamArn,
    deadLetters,
    drain(timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        if (stopped) return reject(new Error('stream poller is stopped'));
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`stream poller did not drain within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter: Waiter = {
          // The cycle under way may have read the shard before the caller's last write: wait for the next.
          fromCycle: cycle + 1,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        waiters.push(waiter);
        wake(false);
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      wake(true);
      await loop;
      for (const waiter of waiters.splice(0)) waiter.reject(new Error('stream poller stopped'));
      streams.destroy();
    },
  };
}
