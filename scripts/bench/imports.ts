// Import throughput: a 1,000-row import (the POST, then the import worker draining it as the stream poller
// hands it the import's stream record) against the same rows created one by one through POST /v1/customers,
// both through their Lambda handlers in the same run, as rows per second. Imported dynamically by
// scripts/bench.ts, after the environment is set (like workload.ts).
import { performance } from 'node:perf_hooks';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyStructuredResultV2, DynamoDBStreamEvent } from 'aws-lambda';
import { handler as importsHandler } from '../../functions/imports.js';
import { handler as importWorker } from '../../functions/import-worker.js';
import { db, tableName } from '../../shared/platform/dynamo/client.js';
import { importKeys } from '../../shared/customer-imports/index.js';
import { customerBody, createPartner, call as callCustomers } from './workload.js';
import { apiEvent, benchContext, partnerClaims, type BenchRequest } from './lambda-events.js';
import { ratio, type Row } from './report.js';

const CONTEXT = benchContext('imports');

/** A row of the import: the cells of the single create's body, by the import's column names. */
function importRow(body: ReturnType<typeof customerBody>): Record<string, string> {
  const address = body.billingProfile.defaultAddress;
  return {
    companyName: body.companyProfile.companyName,
    domain: body.companyProfile.domain,
    billingEmail: body.billingProfile.email,
    billingCompanyName: body.billingProfile.companyName,
    culture: body.billingProfile.culture,
    language: body.billingProfile.language,
    country: address.country,
    city: address.city,
    postalCode: address.postalCode,
    addressLine1: address.addressLine1,
    contactFirstName: address.firstName,
    contactLastName: address.lastName,
  };
}

async function callImports(partnerId: string, request: BenchRequest, expectedStatus: number) {
  const result = (await importsHandler(apiEvent(request, partnerClaims(partnerId, ['global-admin'], 'bench-user')), CONTEXT)) as APIGatewayProxyStructuredResultV2;
  if (result.statusCode !== expectedStatus) throw new Error(`${request.method} ${request.route} answered ${result.statusCode}: ${String(result.body).slice(0, 500)}`);
  return JSON.parse(result.body!) as { id: string; state: string; counts: Record<string, number> };
}

/** The import item as the table's stream carries it after the POST (the record the event source mapping passes). */
async function streamEvent(partnerId: string, importId: string): Promise<DynamoDBStreamEvent> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: importKeys.import(partnerId, importId), ConsistentRead: true }));
  if (!Item) throw new Error(`import ${importId} is not stored`);
  return { Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: marshall(Item) as never } }] };
}

export interface ImportThroughput {
  rows: number;
  singles: number;
  singleSeconds: number;
  importSeconds: number;
  singlePerSecond: number;
  importPerSecond: number;
  ratio: number;
}

/**
 * The first `singles` of `rows` customers created one POST at a time for one partner (a sample: a single
 * create's rate does not change with how many are made, and all of them would double the section's time), and
 * all `rows` (other domains: a new partner's, so every row is `created`) as one import for another, timed from
 * the POST to the worker's end.
 */
export async function measureImportThroughput(rows: number, singles: number): Promise<ImportThroughput> {
  const [single, imported] = ['bench-import-single', 'bench-import-file'];
  await createPartner(single);
  await createPartner(imported);
  const bodies = (partnerId: string) => Array.from({ length: rows }, (_, i) => customerBody(partnerId, i));
  // A few creates first, so neither side pays for the first requests' cold paths.
  for (const body of bodies('bench-import-warm').slice(0, 20)) await callCustomers(single, { method: 'POST', route: '/v1/customers', body }, 201);

  // Half the single creates before the import and half after, so a machine that slows down or speeds up
  // during the section weighs on both sides alike.
  const singleBodies = bodies(single).slice(0, singles);
  const creates = async (part: typeof singleBodies) => {
    const started = performance.now();
    for (const body of part) await callCustomers(single, { method: 'POST', route: '/v1/customers', body }, 201);
    return (performance.now() - started) / 1000;
  };
  const half = Math.floor(singles / 2);
  const singleBefore = await creates(singleBodies.slice(0, half));

  const importRows = bodies(imported).map(importRow);
  const importStarted = performance.now();
  const { id: importId } = await callImports(imported, { method: 'POST', route: '/v1/customer-imports', headers: { 'idempotency-key': `bench-${imported}` }, body: { rows: importRows } }, 202);
  const answer = await importWorker(await streamEvent(imported, importId));
  const importSeconds = (performance.now() - importStarted) / 1000;
  const singleSeconds = singleBefore + (await creates(singleBodies.slice(half)));
  if (answer.batchItemFailures.length > 0) throw new Error(`the import worker failed the import's record`);
  const done = await callImports(imported, { method: 'GET', route: '/v1/customer-imports/{importId}', pathParameters: { importId } }, 200);
  if (done.state !== 'completed' || done.counts.created !== rows) throw new Error(`the import ended ${done.state} with ${JSON.stringify(done.counts)}, expected ${rows} created`);

  const singlePerSecond = singles / singleSeconds;
  const importPerSecond = rows / importSeconds;
  return { rows, singles, singleSeconds, importSeconds, singlePerSecond, importPerSecond, ratio: importPerSecond / singlePerSecond };
}

/** The goal: an import is at least as fast per row as the same customers created one by one. */
const GOAL = 1;

/** The section's rows (single creates, import, their ratio against the goal) and its details for the JSON. */
export function importRows(figures: ImportThroughput): Row[] {
  const perSecond = (metric: string, value: number): Row => ({ section: 'imports', metric, value: `${value.toFixed(0)} rows/s`, measured: Number(value.toFixed(1)), unit: 'rows/s', goal: '-' });
  return [
    perSecond(`single creates (POST /v1/customers x ${figures.singles.toLocaleString('en-US')} of the same rows, one at a time)`, figures.singlePerSecond),
    perSecond(`import of ${figures.rows.toLocaleString('en-US')} rows (POST /v1/customer-imports + import worker to completed)`, figures.importPerSecond),
    {
      section: 'imports',
      metric: 'import throughput ratio (import rows/s / single create rows/s)',
      value: ratio(figures.ratio),
      measured: Number(figures.ratio.toFixed(3)),
      unit: 'ratio',
      goal: `>= ${GOAL}`,
      met: figures.ratio >= GOAL,
    },
  ];
}
