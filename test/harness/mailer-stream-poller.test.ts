// Tests the stand-in, not the product: the local stream poller (scripts/local/stream-poller.ts) that plays
// the mailer's DynamoDB Streams event source mapping. Against a mocked Streams API it proves the poller hands
// the handler what Lambda would: start position, shard order and splits, filters, partial batch failures and
// dead letters. The mailer itself is tested in test/unit/mailer.test.ts.
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { isOutboxInsert, OUTBOX_KIND } from '../../shared/platform/mail/outbox-filter.js';
import { startStreamPoller, type DeadLetter, type StreamPoller } from '../../scripts/local/stream-poller.js';

const STREAM_ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2026-11-25T00:00:00.000';

interface FakeShard {
  id: string;
  parent?: string;
  records: StreamsRecord[];
  closed: boolean;
}

const tables = mockClient(DynamoDBClient);
const streams = mockClient(DynamoDBStreamsClient);
let shards: FakeShard[];
let sequence: number;

function installStream() {
  tables.reset();
  tables.onAnyCommand().rejects(new Error('unexpected DynamoDB command'));
  tables.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: STREAM_ARN, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } } });
  streams.reset();
  streams.onAnyCommand().rejects(new Error('unexpected streams command'));
  streams.on(DescribeStreamCommand).callsFake(() => ({
    StreamDescription: {
      StreamArn: STREAM_ARN,
      Shards: shards.map((s) => ({
        ShardId: s.id,
        ...(s.parent ? { ParentShardId: s.parent } : {}),
        SequenceNumberRange: { StartingSequenceNumber: '1', ...(s.closed ? { EndingSequenceNumber: '999999' } : {}) },
      })),
    },
  }));
  streams.on(GetShardIteratorCommand).callsFake((input) => {
    const shard = shards.find((s) => s.id === input.ShardId)!;
    const index =
      input.ShardIteratorType === 'TRIM_HORIZON'
        ? 0
        : input.ShardIteratorType === 'LATEST'
          ? shard.records.length
          : shard.records.findIndex((r) => r.dynamodb!.SequenceNumber === input.SequenceNumber) + 1;
    return { ShardIterator: `${shard.id}|${index}` };
  });
  streams.on(GetRecordsCommand).callsFake((input) => {
    const [id, at] = input.ShardIterator!.split('|');
    const shard = shards.find((s) => s.id === id)!;
    const from = Number(at);
    const records = shard.records.slice(from, from + (input.Limit ?? 1000));
    const next = from + records.length;
    return { Records: records, ...(shard.closed && next >= shard.records.length ? {} : { NextShardIterator: `${id}|${next}` }) };
  });
}

function write(shardId: string, partnerId = 'p1', kind = OUTBOX_KIND, eventName: 'INSERT' | 'MODIFY' = 'INSERT'): string {
  const seq = String(sequence++).padStart(21, '0');
  shards.find((s) => s.id === shardId)!.records.push({
    eventID: `e${seq}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'ddblocal',
    dynamodb: {
      ApproximateCreationDateTime: new Date('2026-11-25T10:00:00Z'),
      Keys: { pk: { S: `PARTNER#${partnerId}` }, sk: { S: `OUTBOX#${seq}` } },
      NewImage: { pk: { S: `PARTNER#${partnerId}` }, sk: { S: `OUTBOX#${seq}` }, kind: { S: kind }, partnerId: { S: partnerId }, blob: { B: new Uint8Array([1, 2, 3]) } },
      SequenceNumber: seq,
      SizeBytes: 50,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  });
  return seq;
}

/** A handler that records what it gets and fails the sequence numbers in `failing` (always, or n times). */
function recordingHandler(failing: Map<string, number> = new Map()) {
  const batches: string[][] = [];
  const handler = jest.fn(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    batches.push(event.Records.map((r) => r.dynamodb!.SequenceNumber!));
    const batchItemFailures = event.Records.flatMap((r) => {
      const seq = r.dynamodb!.SequenceNumber!;
      const left = failing.get(seq) ?? 0;
      if (left <= 0) return [];
      failing.set(seq, left - 1);
      return [{ itemIdentifier: seq }];
    });
    return { batchItemFailures };
  });
  return { handler, batches, handled: () => batches.flat() };
}

let poller: StreamPoller | undefined;
const start = (options: Partial<Parameters<typeof startStreamPoller>[0]> & Pick<Parameters<typeof startStreamPoller>[0], 'handler'>) =>
  startStreamPoller({ endpoint: 'http://127.0.0.1:1', tableName: 't', pollMs: 5, retryDelayMs: 1, onError: () => undefined, ...options }).then((p) => (poller = p));

beforeEach(() => {
  shards = [{ id: 'shard-1', records: [], closed: false }];
  sequence = 1;
  installStream();
});
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

describe('local stream poller', () => {
  test('LATEST: what was written before the start is not handed over again; what follows is, in Lambda event form', async () => {
    write('shard-1');
    write('shard-1');
    const { handler, handled } = recordingHandler();
    await start({ handler });
    const a = write('shard-1');
    const b = write('shard-1');
    await poller!.drain();
    expect(handled()).toEqual([a, b]);
    const record = (handler.mock.calls[0]![0] as DynamoDBStreamEvent).Records[0]!;
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      eventSourceARN: STREAM_ARN,
      dynamodb: { SequenceNumber: a, ApproximateCreationDateTime: Date.parse('2026-11-25T10:00:00Z') / 1000, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    // Binary attributes arrive base64-encoded, as in a Lambda event.
    expect(record.dynamodb!.NewImage!.blob).toEqual({ B: Buffer.from([1, 2, 3]).toString('base64') });
  });

  test('TRIM_HORIZON (a new table): everything the stream holds, parent shard before child', async () => {
    shards = [
      { id: 'shard-0', records: [], closed: true },
      { id: 'shard-1', parent: 'shard-0', records: [], closed: false },
    ];
    const old = write('shard-0');
    const newer = write('shard-1');
    const { handler, handled } = recordingHandler();
    await start({ handler, startingPosition: 'TRIM_HORIZON' });
    await poller!.drain();
    expect(handled()).toEqual([old, newer]);
  });

  test('a shard split after the start: the parent is read to its end, then the children from their start', async () => {
    const { handler, handled } = recordingHandler();
    await start({ handler });
    const a = write('shard-1');
    await poller!.drain();
    const b = write('shard-1');
    shards[0]!.closed = true;
    shards.push({ id: 'shard-2', parent: 'shard-1', records: [], closed: false });
    const c = write('shard-2');
    await poller!.drain();
    const d = write('shard-2');
    await poller!.drain();
    expect(handled()).toEqual([a, b, c, d]);
  });

  test('batches of batchSize; the filter decides what reaches the handler', async () => {
    const { handler, batches } = recordingHandler();
    await start({ handler, batchSize: 3, filter: (r: DynamoDBRecord) => isOutboxInsert(r) && r.dynamodb?.NewImage?.partnerId?.S === 'mine' });
    const mine = Array.from({ length: 7 }, () => write('shard-1', 'mine'));
    write('shard-1', 'someone-else');
    write('shard-1', 'mine', 'invitation');
    write('shard-1', 'mine', OUTBOX_KIND, 'MODIFY');
    await poller!.drain();
    expect(batches.flat()).toEqual(mine);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(3);
  });

  test('records reported in batchItemFailures are retried; after maxAttempts they are dead-lettered', async () => {
    const letters: DeadLetter[] = [];
    const failing = new Map<string, number>();
    const { handler, batches } = recordingHandler(failing);
    await start({ handler, maxAttempts: 3, onDeadLetter: (l) => letters.push(l) });
    const ok = write('shard-1');
    const flaky = write('shard-1');
    const broken = write('shard-1');
    failing.set(flaky, 1);
    failing.set(broken, 99);
    await poller!.drain();
    expect(batches).toEqual([[ok, flaky, broken], [flaky, broken], [broken]]);
    expect(letters.map((l) => [l.record.dynamodb!.SequenceNumber, l.attempts])).toEqual([[broken, 3]]);
    expect(poller!.deadLetters).toHaveLength(1);
    // The shard goes on after a dead letter.
    const later = write('shard-1');
    await poller!.drain();
    expect(batches.at(-1)).toEqual([later]);
  });

  test('a handler that throws fails the whole batch; an unknown itemIdentifier does too', async () => {
    let calls = 0;
    const handler = jest.fn(async (_event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      if (calls === 2) return { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] };
      return { batchItemFailures: [] };
    });
    await start({ handler, maxAttempts: 5 });
    const a = write('shard-1');
    const b = write('shard-1');
    await poller!.drain();
    expect(handler).toHaveBeenCalledTimes(3);
    for (const [event] of handler.mock.calls) expect(event.Records.map((r) => r.dynamodb!.SequenceNumber)).toEqual([a, b]);
  });

  test('drain resolves at once when idle, and rejects once stopped', async () => {
    const { handler } = recordingHandler();
    await start({ handler });
    await expect(poller!.drain()).resolves.toBeUndefined();
    await poller!.stop();
    await expect(poller!.drain()).rejects.toThrow(/stopped/);
  });

  test('a table without a stream is refused', async () => {
    tables.on(DescribeTableCommand).resolves({ Table: { StreamSpecification: { StreamEnabled: false } } });
    await expect(start({ handler: recordingHandler().handler })).rejects.toThrow(/no stream/);
  });
});
