// The scheduled cleanup's referral part (shared/referrals/expiry.ts), with an injected clock: referrals
// are received with the clock moved into the past, so that only this file's referrals are due at the real
// now; assertions are about this file's partner only (the queue is global and the table is shared).
import { clock } from '../../shared/platform/clock';
import { expireDueReferrals } from '../../shared/referrals/expiry';
import { getReferral as readStored } from '../../shared/referrals/store';
import { newPartner, startApi, type TestApi } from '../support/api';
import { allActivity, expectProblem, expectStatus } from './helpers';
import { acceptBody, incomingReferral } from './referral-helpers';

jest.setTimeout(60_000);

let api: TestApi;
let partner: Awaited<ReturnType<typeof newPartner>>;
beforeAll(async () => {
  api = await startApi({ mailer: false });
  partner = await newPartner(api);
});
afterAll(() => api.close());
afterEach(() => {
  clock.now = () => new Date();
});

const DAY = 86400_000;
const receivedAgo = async (ms: number) => {
  clock.now = () => new Date(Date.now() - ms);
  const referral = await incomingReferral(partner.partnerId);
  clock.now = () => new Date();
  return referral.id;
};

test('a new referral 14 days after arrival is closed/expired with its activity record; a younger one or an answered one is left alone', async () => {
  const due = await receivedAgo(14 * DAY + 60_000);
  const young = await receivedAgo(13 * DAY);
  const answered = await receivedAgo(14 * DAY + 120_000);
  expectStatus(await api.request('POST', `/v1/referrals/${answered}/accept`, { token: partner.tokens['global-admin'], body: acceptBody() }), 200);

  const result = await expireDueReferrals();
  expect(result.expired).toBeGreaterThanOrEqual(1);

  const read = (id: string) => api.request('GET', `/v1/referrals/${id}`, { token: partner.tokens['global-admin'] });
  const expired = await read(due);
  expect(expired.body).toMatchObject({ status: 'closed', substatus: 'expired' });
  expect(expired.body.customerProfile.contacts).toBeUndefined();
  expect(expired.body.expirationDateTime).toBeDefined();
  expect((await read(young)).body).toMatchObject({ status: 'new', substatus: 'received' });
  expect((await read(answered)).body).toMatchObject({ status: 'active', substatus: 'accepted' });

  const records = (await allActivity(api, partner.tokens['global-admin'])).filter((a) => a.operation === 'Expire Referral');
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ actor: { userId: 'system:cleanup', partnerId: partner.partnerId } });
  expect(records[0].changes).toEqual([
    { field: 'referral', after: { id: due } },
    { field: 'status', before: 'new', after: 'closed' },
    { field: 'substatus', before: 'received', after: 'expired' },
  ]);
  // An expired referral no longer waits: accepting it is refused, a second run finds nothing of it.
  const late = await api.request('POST', `/v1/referrals/${due}/accept`, { token: partner.tokens['global-admin'], body: acceptBody() });
  expectProblem(late, 409, 'referral-transition-not-allowed');
  expect(late.body.allowedTransitions).toEqual([]);
  const version = (await readStored(partner.partnerId, due))!.version;
  await expireDueReferrals();
  expect((await readStored(partner.partnerId, due))!.version).toBe(version);
});

test('a referral expires at its expiration time, not before', async () => {
  // The clock is only ever moved back here: the queue's watermark follows the cleanup's clock, and a run in
  // the future would retire days that other files' referrals (made at the real now) still use.
  const id = await receivedAgo(14 * DAY - 3000);
  await expireDueReferrals();
  expect((await readStored(partner.partnerId, id))!.substatus).toBe('received');
  await new Promise((resolve) => setTimeout(resolve, 3500));
  const result = await expireDueReferrals({ maxPerRun: 1000 });
  expect(result.more).toBe(false);
  expect((await readStored(partner.partnerId, id))!.substatus).toBe('expired');
});
