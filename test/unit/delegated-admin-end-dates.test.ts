import fc from 'fast-check';
import { AUTO_EXTEND_DAYS, autoExtends, effectiveGrant, extendedEnd } from '../../shared/invitations/store.js';
import { END_WARNING_DAYS, GrantView, type GrantRecord } from '../../shared/delegated-admin/entity.js';
import { project } from '../../shared/platform/dynamo/item-schema.js';
import { dueWarning } from '../../shared/delegated-admin/cleanup.js';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

const grant = (overrides: Partial<GrantRecord> = {}): GrantRecord => ({
  id: 'g1',
  partnerId: 'p1',
  displayName: 'Support',
  roles: ['globalReader'],
  duration: 'P90D',
  autoExtend: false,
  state: 'active',
  invitationId: 'i1',
  customerId: 'c1',
  createdAt: at(-100 * DAY),
  activatedAt: at(-90 * DAY),
  endsAt: at(DAY),
  version: 3,
  ...overrides,
});

describe('dueWarning: the most urgent window only', () => {
  test.each([
    [31 * DAY, undefined],
    [30 * DAY + 1, undefined],
    [30 * DAY, '30'],
    [7 * DAY + 1, '30'],
    [7 * DAY, '7'],
    [DAY + 1, '7'],
    [DAY, '1'],
    [1, '1'],
    [0, undefined],
    [-DAY, undefined],
  ])('%d ms before the end date: %s', (left, expected) => {
    expect(dueWarning(at(left), NOW)).toBe(expected);
  });
});

describe('extendedEnd: steps of 180 days until the end date is in the future', () => {
  test('one step at the end date, one just after it, two after 180 days, ten after nine years', () => {
    expect(extendedEnd(at(0), NOW)).toBe(at(180 * DAY));
    expect(extendedEnd(at(-1), NOW)).toBe(at(180 * DAY - 1));
    expect(extendedEnd(at(-180 * DAY), NOW)).toBe(at(180 * DAY));
    expect(extendedEnd(at(-199 * DAY), NOW)).toBe(at(161 * DAY));
    expect(extendedEnd(at(-1800 * DAY + 1), NOW)).toBe(at(1));
  });
  test('an end date still ahead stays', () => {
    expect(extendedEnd(at(1), NOW)).toBe(at(1));
  });
});

describe('effectiveGrant: end dates hold on every read', () => {
  test('before its end date an active grant is as stored', () => {
    const g = grant();
    expect(effectiveGrant(g, NOW)).toBe(g);
  });
  test('at its end date: expired, or extended when it auto-extends', () => {
    expect(effectiveGrant(grant({ endsAt: at(0) }), NOW)).toMatchObject({ state: 'expired', endsAt: at(0) });
    expect(effectiveGrant(grant({ endsAt: at(-DAY), autoExtend: true }), NOW)).toMatchObject({ state: 'active', endsAt: at(179 * DAY) });
  });
  test('Global Administrator never auto-extends, even if stored so', () => {
    const ga = grant({ endsAt: at(-DAY), autoExtend: true, roles: ['globalReader', 'globalAdministrator'] });
    expect(autoExtends(ga)).toBe(false);
    expect(effectiveGrant(ga, NOW)).toMatchObject({ state: 'expired' });
  });
  test('other states are as stored; an expired grant is never restored', () => {
    for (const state of ['approvalPending', 'expired', 'terminated'] as const) {
      const g = grant({ state, endsAt: at(-DAY), autoExtend: true });
      expect(effectiveGrant(g, NOW)).toBe(g);
    }
  });
  test('the warning marks are never shown', () => {
    expect(project(GrantView, grant({ warnings: { endsAt: at(DAY), sent: ['30', '7'] } }))).not.toHaveProperty('warnings');
  });
});

describe('over any end date and any moment', () => {
  const STEP = AUTO_EXTEND_DAYS * DAY;
  const moment = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2100, 0, 1) });
  // End dates around `now`: anywhere within years, and often right on (or a millisecond off) a step or window edge.
  const offset = fc.oneof(
    fc.integer({ min: -10 * 365 * DAY, max: 2 * 365 * DAY }),
    fc.tuple(fc.integer({ min: -3, max: 2 }), fc.constantFrom(STEP, ...END_WARNING_DAYS.map((d) => d * DAY)), fc.constantFrom(-1, 0, 1)).map(([k, unit, ms]) => k * unit + ms),
  );
  // Time left to an end date around the warning windows, often right on (or a millisecond off) an edge.
  const left = fc.oneof(
    fc.integer({ min: -DAY, max: 31 * DAY }),
    fc.tuple(fc.constantFrom(0, ...END_WARNING_DAYS), fc.constantFrom(-1, 0, 1)).map(([d, ms]) => d * DAY + ms),
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  const grantAt = fc.record({
    state: fc.constantFrom<GrantRecord['state']>('approvalPending', 'active', 'expired', 'terminated'),
    autoExtend: fc.boolean(),
    roles: fc.constantFrom<string[]>(['globalReader'], ['userAdministrator', 'helpdeskAdministrator'], ['globalReader', 'globalAdministrator']),
  }) satisfies fc.Arbitrary<Partial<GrantRecord>>;

  test('extendedEnd: a future end date stays; a past one moves on in whole 180-day steps to the first one after now', () => {
    fc.assert(
      fc.property(moment, offset, (now, off) => {
        const end = Date.parse(extendedEnd(iso(now + off), new Date(now)));
        if (off > 0) {
          expect(end).toBe(now + off);
        } else {
          expect(end).toBeGreaterThan(now);
          expect(end - STEP).toBeLessThanOrEqual(now);
          expect((end - (now + off)) % STEP).toBe(0);
        }
      }),
    );
  });

  test('effectiveGrant: reading later what an earlier read (or the cleanup) stored is reading straight from the start', () => {
    fc.assert(
      fc.property(grantAt, moment, offset, fc.integer({ min: 0, max: 3 * 365 * DAY }), (shape, t1, off, later) => {
        const g = grant({ ...shape, endsAt: iso(t1 + off) });
        const t2 = new Date(t1 + later);
        expect(effectiveGrant(effectiveGrant(g, new Date(t1)), t2)).toEqual(effectiveGrant(g, t2));
      }),
    );
  });

  test('effectiveGrant: an active grant ends in the future or is expired; only active grants change, and only in end date or state', () => {
    fc.assert(
      fc.property(grantAt, moment, offset, (shape, now, off) => {
        const g = grant({ ...shape, endsAt: iso(now + off) });
        const read = effectiveGrant(g, new Date(now));
        if (g.state !== 'active') expect(read).toBe(g);
        if (read.state === 'active') expect(Date.parse(read.endsAt!)).toBeGreaterThan(now);
        if (g.roles.includes('globalAdministrator')) expect(read.endsAt).toBe(g.endsAt);
        expect({ ...read, endsAt: g.endsAt, state: g.state }).toEqual(g);
      }),
    );
  });

  test('dueWarning: in the last 30 days exactly one window is due, the most urgent that holds the end date; none before or after', () => {
    fc.assert(
      fc.property(moment, left, (now, ms) => {
        const due = dueWarning(iso(now + ms), new Date(now));
        const holding = END_WARNING_DAYS.filter((d) => ms > 0 && ms <= d * DAY);
        expect(due).toBe(holding.length ? String(Math.min(...holding)) : undefined);
      }),
    );
  });
});
