// The referral part of the benchmark: a partner's referral list page at two sizes, and DynamoDB round
// trips per transition through the referrals handler. Imported dynamically by scripts/bench.ts, after the
// environment is set (like workload.ts).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handler as referralsHandler } from '../../functions/referrals.js';
import { referralItem, type ReferralRecord } from '../../shared/referrals/index.js';
import { receiveReferral } from '../../shared/referrals/index.js';
import { CUSTOMER_SIZES, QUALIFICATIONS } from '../../shared/referrals/index.js';
import { batchWrite } from './batch-write.js';
import type { DynamoDbCallCounter } from './dynamodb-calls.js';
import { apiEvent, benchContext, partnerClaims, type BenchRequest } from './lambda-events.js';

const CONTEXT = benchContext('referrals');
const HOUR = 3_600_000;

const eventFor = (partnerId: string, request: BenchRequest) => apiEvent(request, partnerClaims(partnerId, ['global-admin'], 'bench-user'));

async function invoke(event: ReturnType<typeof eventFor>, expectedStatus: number) {
  const result = (await referralsHandler(event, CONTEXT)) as APIGatewayProxyStructuredResultV2;
  if ((result.statusCode ?? 200) !== expectedStatus) throw new Error(`${event.routeKey} answered ${result.statusCode}, expected ${expectedStatus}: ${String(result.body).slice(0, 500)}`);
  return JSON.parse(result.body ?? 'null') as Record<string, unknown>;
}

const call = (partnerId: string, request: BenchRequest, expectedStatus = 200) => invoke(eventFor(partnerId, request), expectedStatus);

const customerProfile = (i: number): ReferralRecord['customerProfile'] => ({
  name: `Lead ${i} Ltd`,
  address: { country: 'US', city: 'Redmond', addressLine1: `${i} Lead Street`, postalCode: '98052' },
  size: CUSTOMER_SIZES[i % CUSTOMER_SIZES.length]!,
  contacts: [{ firstName: 'Lena', lastName: `Lead ${i}`, email: `lead${i}@bench-lead.example` }],
});

/** A stored referral in a spread of states, directions and qualifications, as the entity writes it. */
function seedRecord(partnerId: string, i: number, now: number): ReferralRecord {
  const at = new Date(now - i * 60_000).toISOString();
  const kind = i % 4;
  const base = {
    id: randomUUID(),
    partnerId,
    engagementId: randomUUID(),
    direction: kind === 3 ? ('outgoing' as const) : ('incoming' as const),
    qualification: QUALIFICATIONS[i % QUALIFICATIONS.length]!,
    customerProfile: customerProfile(i),
    consent: { consentToContact: true, consentToShareReferralWithPartners: true },
    details: { customerRequestedContact: true },
    team: [],
    createdDateTime: at,
    updatedDateTime: at,
    revealedTo: {},
    version: 1,
  };
  if (kind === 0) return { ...base, status: 'new', substatus: 'received', expirationDateTime: new Date(Date.parse(at) + 14 * 24 * HOUR).toISOString() };
  if (kind === 1) return { ...base, status: 'closed', substatus: 'declined', reasonCode: 'other' };
  return { ...base, status: 'active', substatus: 'accepted', name: `Deal ${i}`, acceptedDateTime: at };
}

/** Writes `count` referrals with BatchWriteItem (batch-write.ts). */
export async function seedReferrals(partnerId: string, count: number): Promise<{ seconds: number }> {
  const started = performance.now();
  const now = Date.now();
  await batchWrite(Array.from({ length: count }, (_, i) => referralItem(seedRecord(partnerId, i, now))));
  return { seconds: (performance.now() - started) / 1000 };
}

const LIST: BenchRequest = { method: 'GET', route: '/v1/referrals', query: { limit: '25' } };

/** GET /v1/referrals?limit=25 for two partners, interleaved small, large, small, large... */
export async function measureReferralPages(smallPartner: string, largePartner: string, warmup: number, calls: number) {
  for (const partnerId of [smallPartner, largePartner]) {
    const page = await call(partnerId, LIST);
    if ((page.items as unknown[]).length !== 25) throw new Error(`referral page of ${partnerId} returned ${(page.items as unknown[]).length} items, expected 25`);
  }
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  const timed = async (event: ReturnType<typeof eventFor>) => {
    const t0 = performance.now();
    await invoke(event, 200);
    return performance.now() - t0;
  };
  for (let i = 0; i < warmup + calls; i++) {
    const s = await timed(eventFor(smallPartner, LIST));
    const l = await timed(eventFor(largePartner, LIST));
    if (i >= warmup) {
      smallMs.push(s);
      largeMs.push(l);
    }
  }
  return { smallMs, largeMs };
}

/** Round trips of each referral transition through the handler (goal 1 each). */
export async function measureTransitions(counter: DynamoDbCallCounter, partnerId: string) {
  const out: { operation: string; calls: string[] }[] = [];
  const measure = async (operation: string, request: BenchRequest, status = 200) => {
    const { result, calls } = await counter.record(() => call(partnerId, request, status));
    out.push({ operation, calls });
    return result;
  };
  const incoming = () =>
    receiveReferral({
      partnerId, qualification: 'direct', customerProfile: customerProfile(0), source: 'system:bench',
      consent: { consentToContact: true, consentToShareReferralWithPartners: true }, details: { customerRequestedContact: true },
    });
  const deal = { name: 'Bench deal', dealValue: 1000, currency: 'USD', closingDateTime: '2027-01-01T00:00:00Z', team: [{ firstName: 'B', lastName: 'Bench', email: 'b@bench.example', phoneNumber: '+1 425 555 0100' }] };
  const path = (referralId: string, action: string) => ({ route: `/v1/referrals/{referralId}${action}`, pathParameters: { referralId } });

  const { id } = await incoming();
  await measure('referral accept (POST /v1/referrals/{id}/accept)', { method: 'POST', ...path(id, '/accept'), body: deal });
  await measure('referral update (PATCH /v1/referrals/{id}, If-Match)', { method: 'PATCH', ...path(id, ''), headers: { 'if-match': '"v2"' }, body: { notes: 'bench' } });
  await measure('referral close won (POST /v1/referrals/{id}/close)', { method: 'POST', ...path(id, '/close'), body: { outcome: 'won' } });
  const declined = (await incoming()).id;
  await measure('referral decline (POST /v1/referrals/{id}/decline)', { method: 'POST', ...path(declined, '/decline'), body: { reasonCode: 'other' } });
  await measure('referral illegal transition (409)', { method: 'POST', ...path(declined, '/accept'), body: deal }, 409);
  await measure('referral create (POST /v1/referrals)', {
    method: 'POST', route: '/v1/referrals',
    body: { ...deal, customerProfile: customerProfile(1), consent: { consentToContact: true, consentToShareReferralWithPartners: true } },
  }, 201);
  return out;
}
