import { autoExtends, effectiveGrant, extendedEnd, toGrant, type GrantRecord } from '../../shared/invitations/store.js';
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
    expect(toGrant(grant({ warnings: { endsAt: at(DAY), sent: ['30', '7'] } }))).not.toHaveProperty('warnings');
  });
});
