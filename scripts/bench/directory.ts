// The public directory at two sizes: published business profiles seeded with batch writes of the very items
// the business-profiles store writes (no API calls, so thousands take seconds), then the directory page
// through its handler, small and large interleaved.
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handler as directoryHandler } from '../../functions/directory.js';
import { businessProfileItem } from '../../shared/business-profiles/index.js';
import type { BusinessProfileRecord } from '../../shared/business-profiles/index.js';
import { directoryItems, type PublishedProfile } from '../../shared/directory/index.js';
import { batchWrite } from './batch-write.js';
import { apiEvent, benchContext, type BenchRequest } from './lambda-events.js';

const CONTEXT = benchContext('directory');

/** A published profile in `country` whose one solution is `word`, so that each set has a word of its own. */
function profile(partnerId: string, country: string, word: string, i: number): PublishedProfile {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  const record: BusinessProfileRecord = {
    partnerId,
    country,
    description: `Bench partner ${i}.`,
    website: `https://${partnerId}.example`,
    industries: ['healthcare'],
    products: [],
    services: [],
    solutions: [word],
    customerSizes: ['1to9employees'],
    locations: [{ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, address: { country, city: 'Bench City', addressLine1: `${i} Main Street`, postalCode: '1000' }, contact: { name: 'Bea Bench', email: 'leads@bench.example' } }],
    referenceDataVersion: '2026-11',
    published: true,
    publishedAt: at,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return record as PublishedProfile;
}

/** Writes `count` published profiles (the profile item and its directory items), `concurrency` batches in flight. */
export async function seedDirectory(set: { country: string; word: string }, count: number, concurrency = 8): Promise<{ items: number; seconds: number }> {
  const started = performance.now();
  const items = Array.from({ length: count }, (_, i) => {
    const published = profile(`bench-${set.word}-${i}`, set.country, set.word, i);
    // Every fifth partner has answered referrals, so the order has response times to sort by.
    return [businessProfileItem(published), ...directoryItems(published, `Bench Partner ${i} Ltd`, i % 5 === 0 ? { hours: i % 48, version: 1 } : { version: 0 })];
  }).flat();
  await batchWrite(items, concurrency);
  return { items: items.length, seconds: (performance.now() - started) / 1000 };
}

async function page(request: BenchRequest, expectedItems: number): Promise<number> {
  const started = performance.now();
  const result = (await directoryHandler(apiEvent(request, {}), CONTEXT)) as APIGatewayProxyStructuredResultV2;
  const elapsed = performance.now() - started;
  if (result.statusCode !== 200) throw new Error(`GET /directory answered ${result.statusCode}: ${String(result.body).slice(0, 300)}`);
  const listed = (JSON.parse(String(result.body)) as { items: unknown[] }).items.length;
  if (listed !== expectedItems) throw new Error(`GET /directory listed ${listed}, expected ${expectedItems}`);
  return elapsed;
}

/** The keyword page (JSON, 20 per page) of each set, interleaved small, large, small, large... */
export async function measureDirectoryPages(small: { word: string }, large: { word: string }, warmup: number, calls: number) {
  const request = (word: string): BenchRequest => ({ method: 'GET', route: '/directory', query: { q: word }, headers: { accept: 'application/json' } });
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  for (let i = 0; i < warmup + calls; i++) {
    const s = await page(request(small.word), 20);
    const l = await page(request(large.word), 20);
    if (i >= warmup) {
      smallMs.push(s);
      largeMs.push(l);
    }
  }
  return { smallMs, largeMs };
}
