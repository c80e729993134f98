// The referral entity's keys (shared/referrals/entity.ts): a partner's referrals and listings sit under
// partition keys its own id leads; the listing sort key orders new, active, closed and then newest first,
// and a status or substatus filter is a prefix of it; only a new referral is in the expiry queue, in the
// partition of its expiration day; a stored item is read back through the allow-list.
import fc from 'fast-check';
import { dueAt, parseReferral, referralIndexes, referralItem, referralKeys, statePrefix, type ReferralRecord } from '../../shared/referrals/entity.js';
import { STATUSES, SUBSTATUSES_OF, type ReferralState } from '../../shared/referrals/state-machine.js';

const PARTNER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const partnerId = fc.stringMatching(PARTNER_ID);
const STATES: ReferralState[] = STATUSES.flatMap((status) => SUBSTATUSES_OF[status].map((substatus) => ({ status, substatus }) as ReferralState));
const iso = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

const record = (overrides: Partial<ReferralRecord> = {}): ReferralRecord => ({
  id: '7b0c1f1e-3a52-4a59-9d7e-0d5c8a4e2f10',
  partnerId: 'partner-a',
  engagementId: 'e-1',
  status: 'new',
  substatus: 'received',
  direction: 'incoming',
  qualification: 'direct',
  customerProfile: {
    name: 'Contoso Ltd',
    address: { country: 'US', city: 'Redmond', addressLine1: '1 Way', postalCode: '98052' },
    size: '1to9employees',
    contacts: [{ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@contoso.example' }],
  },
  consent: { consentToContact: true, consentToShareReferralWithPartners: true },
  details: { customerRequestedContact: true },
  team: [],
  createdDateTime: '2026-11-01T10:00:00.000Z',
  updatedDateTime: '2026-11-01T10:00:00.000Z',
  expirationDateTime: '2026-11-15T10:00:00.000Z',
  revealedTo: {},
  version: 1,
  ...overrides,
});

test('property: every partition key of a partner leads with PARTNER#<its id>#, so two partners never share one', () => {
  fc.assert(
    fc.property(partnerId, partnerId, fc.constantFrom(...STATES), (p, q, s) => {
      fc.pre(p !== q);
      const partitions = (id: string) => {
        const indexes = referralIndexes(record({ partnerId: id, ...s }));
        return [referralKeys.referral(id, 'x').pk, indexes.gsi1pk, indexes.gsi2pk, indexes.gsi4pk, referralKeys.idempotency(id, 'k').pk];
      };
      for (const pk of partitions(p)) expect(pk.startsWith(`PARTNER#${p}`)).toBe(true);
      const mine = new Set(partitions(p));
      for (const pk of partitions(q)) expect(mine.has(pk)).toBe(false);
    }),
  );
});

test('property: read newest first, the listing orders new before active before closed, then newest first', () => {
  fc.assert(
    fc.property(fc.constantFrom(...STATES), fc.constantFrom(...STATES), iso, iso, (a, b, t1, t2) => {
      const ka = referralIndexes(record({ ...a, createdDateTime: t1 })).gsi1sk;
      const kb = referralIndexes(record({ ...b, createdDateTime: t2 })).gsi1sk;
      const rank = (s: ReferralState) => STATUSES.length - STATUSES.indexOf(s.status);
      if (rank(a) !== rank(b)) expect(ka > kb).toBe(rank(a) > rank(b));
      else if (a.substatus === b.substatus && t1 !== t2) expect(ka > kb).toBe(t1 > t2);
    }),
  );
});

test('property: a status or substatus filter is exactly a prefix of the sort keys of that state', () => {
  fc.assert(
    fc.property(fc.constantFrom(...STATES), fc.constantFrom(...STATES), iso, (filter, s, t) => {
      const key = referralIndexes(record({ ...s, createdDateTime: t })).gsi2sk;
      expect(key.startsWith(statePrefix(filter.status))).toBe(filter.status === s.status);
      expect(key.startsWith(statePrefix(filter.status, filter.substatus))).toBe(filter.status === s.status && filter.substatus === s.substatus);
    }),
  );
});

test('only a new referral is in the expiry queue, in the partition of its expiration day, sorted by its next due work', () => {
  const id = '#partner-a#7b0c1f1e-3a52-4a59-9d7e-0d5c8a4e2f10';
  const waiting = referralIndexes(record());
  expect(waiting.gsi3pk).toBe('REFERRAL_EXPIRY#2026-11-15');
  // Not warned yet: due at the 3-day warning; then at the 1-day warning; then at the expiration.
  expect(waiting.gsi3sk).toBe(`2026-11-12T10:00:00.000Z${id}`);
  expect(referralIndexes(record({ expiryWarnings: ['3'] }))).toMatchObject({ gsi3pk: 'REFERRAL_EXPIRY#2026-11-15', gsi3sk: `2026-11-14T10:00:00.000Z${id}` });
  expect(referralIndexes(record({ expiryWarnings: ['3', '1'] }))).toMatchObject({ gsi3pk: 'REFERRAL_EXPIRY#2026-11-15', gsi3sk: `2026-11-15T10:00:00.000Z${id}` });
  // A late run that sent only the 1-day warning leaves the expiration as the next work.
  expect(referralIndexes(record({ expiryWarnings: ['1'] })).gsi3sk).toBe(`2026-11-15T10:00:00.000Z${id}`);
  for (const s of STATES.filter((x) => x.status !== 'new')) expect(referralIndexes(record({ ...s, expiryWarnings: ['3'] }))).not.toHaveProperty('gsi3pk');
  // A sender's pending copy shows the same expiration but follows its receiver's copy out of the queue.
  expect(referralIndexes(record({ substatus: 'pending', direction: 'outgoing' }))).not.toHaveProperty('gsi3pk');
});

test("the open-engagement counter of two partners is one item under the id that sorts first, whichever asks", () => {
  expect(referralKeys.openWith('zeta', 'alpha')).toEqual({ pk: 'PARTNER#alpha', sk: 'REFERRALS_OPEN_WITH#zeta' });
  expect(referralKeys.openWith('alpha', 'zeta')).toEqual(referralKeys.openWith('zeta', 'alpha'));
});

test('property: the next due work of a waiting referral is never after its expiration, and moves only forward as warnings are marked', () => {
  fc.assert(
    fc.property(iso, fc.subarray(['3', '1'] as const), (expirationDateTime, sent) => {
      const due = dueAt({ expirationDateTime });
      const later = dueAt({ expirationDateTime, expiryWarnings: [...sent] });
      expect(due <= later).toBe(true);
      expect(later <= expirationDateTime).toBe(true);
      expect(Date.parse(expirationDateTime) - Date.parse(due)).toBe(3 * 86_400_000);
    }),
  );
});

test('an item read back keeps only the fields of the record (no keys, no unknown attributes)', () => {
  const item = { ...referralItem(record()), somethingInternal: 'secret', expiresAtEpoch: 1 };
  const parsed = parseReferral(item);
  expect(parsed).toEqual(record());
  expect(Object.keys(parsed)).not.toEqual(expect.arrayContaining(['pk', 'gsi1pk', 'kind', 'somethingInternal']));
  expect(() => parseReferral({ ...item, substatus: 'won' })).toThrow(/not a referral/);
  expect(() => parseReferral({ ...item, kind: 'customer' })).toThrow(/not a referral/);
});
