// The scheduled cleanup at scale: 10k overdue pending invitations and 10k active delegated admin grants past
// their end dates, seeded by batch writes of the entity items (spread over the last days, so over several
// day partitions of each queue), then the cleanup run as the cleanup Lambda runs it, again and again until it
// has nothing more, counting the DynamoDB read requests it makes per item it expires.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DAY_MS } from '../../shared/platform/clock.js';
import { invitationItem, type InvitationRecord } from '../../shared/invitations/index.js';
import { grantItem, type GrantRecord } from '../../shared/delegated-admin/index.js';
import { expireOverdueInvitations } from '../../shared/invitations/index.js';
import { processDelegatedAdminEndDates } from '../../shared/delegated-admin/index.js';
import { batchWrite } from './batch-write.js';
import { operationName, type DynamoDbCallCounter } from './dynamodb-calls.js';

const PARTNERS = 50;
const SPREAD_DAYS = 5;
const READS = new Set(['GetItem', 'Query', 'BatchGetItem', 'TransactGetItems', 'Scan']);

/** Due between an hour and SPREAD_DAYS days ago, item `i` of `count`. */
const dueAt = (now: number, i: number, count: number) => new Date(now - 3_600_000 - Math.floor((i / count) * SPREAD_DAYS * DAY_MS)).toISOString();

function invitation(now: number, i: number, count: number): InvitationRecord {
  const createdAt = new Date(now - 40 * DAY_MS).toISOString();
  return {
    id: randomUUID(), partnerId: `bench-cleanup-${i % PARTNERS}`, email: `admin${i}@bench-cleanup.example`, source: 'partner', state: 'pending',
    createdAt, expiresAt: dueAt(now, i, count), delivery: { state: 'sent', attempts: 1 }, generation: 1, createdBy: 'bench', version: 1,
  };
}

function grant(now: number, i: number, count: number): GrantRecord {
  const createdAt = new Date(now - 100 * DAY_MS).toISOString();
  return {
    id: randomUUID(), partnerId: `bench-cleanup-${i % PARTNERS}`, displayName: `Bench access ${i}`, roles: ['globalReader'], duration: 'P90D', autoExtend: false,
    state: 'active', invitationId: randomUUID(), customerId: randomUUID(), createdAt, activatedAt: createdAt, endsAt: dueAt(now, i, count), version: 1,
  };
}

export async function seedDueItems(count: number): Promise<{ seconds: number }> {
  const started = performance.now();
  const now = Date.now();
  await Promise.all([
    batchWrite(Array.from({ length: count }, (_, i) => invitationItem(invitation(now, i, count)))),
    batchWrite(Array.from({ length: count }, (_, i) => grantItem(grant(now, i, count)))),
  ]);
  return { seconds: (performance.now() - started) / 1000 };
}

export interface CleanupFigures {
  queue: string;
  handled: number;
  runs: number;
  reads: number;
  requests: number;
  byOperation: Record<string, number>;
  seconds: number;
}

async function drain(counter: DynamoDbCallCounter, queue: string, run: () => Promise<{ more: boolean; handled: number }>): Promise<CleanupFigures> {
  const started = performance.now();
  const { result, calls } = await counter.record(async () => {
    let handled = 0;
    let runs = 0;
    for (let more = true; more; runs++) {
      const outcome = await run();
      handled += outcome.handled;
      more = outcome.more;
    }
    return { handled, runs };
  });
  const byOperation: Record<string, number> = {};
  for (const call of calls) byOperation[operationName(call)] = (byOperation[operationName(call)] ?? 0) + 1;
  const reads = calls.filter((call) => READS.has(operationName(call))).length;
  return { queue, ...result, reads, requests: calls.length, byOperation, seconds: (performance.now() - started) / 1000 };
}

/** Both queues drained with the limits functions/cleanup.ts gives each run. */
export async function measureCleanup(counter: DynamoDbCallCounter): Promise<CleanupFigures[]> {
  const invitations = await drain(counter, 'pending invitations', async () => {
    const r = await expireOverdueInvitations({ maxPerRun: 500 });
    return { more: r.more, handled: r.expired };
  });
  const grants = await drain(counter, 'delegated admin grants', async () => {
    const r = await processDelegatedAdminEndDates({ maxPerRun: 200 });
    return { more: r.more, handled: r.expired + r.extended };
  });
  return [invitations, grants];
}
