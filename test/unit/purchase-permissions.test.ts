// The pure parts of purchase permissions and validation codes: keys as stored, the due queue's bucket, and what
// a read, turning on, turning off and an end that has passed make of a permission.
import { purchasePermissionKeys, purchasePermissionsItem, type PurchasePermissionsRecord } from '../../shared/purchase-permissions/entity';
import { allOff, effectiveState, turnedOff, turnedOn } from '../../shared/purchase-permissions/state';
import { validationCodeKeys } from '../../shared/validation-codes/entity';
import { maskCode } from '../../shared/validation-codes/service';

const NOW = new Date('2026-06-15T12:00:00.000Z');

test('keys are spelled as stored; the due queue holds an item in the day of its earliest end among the enabled types', () => {
  expect(purchasePermissionKeys.permissions('p1', 'c1')).toEqual({ pk: 'PARTNER#p1', sk: 'PURCHASE_PERMISSIONS#c1' });
  expect(validationCodeKeys.code('p1', 'h')).toEqual({ pk: 'PARTNER#p1', sk: 'VALIDATION_CODE#h' });
  const record: PurchasePermissionsRecord = {
    partnerId: 'p1',
    customerId: 'c1',
    version: 2,
    azureReservations: { enabled: true, enabledUntil: '2026-07-01T00:00:00.000Z' },
    azureSavingsPlans: { enabled: true, enabledUntil: '2026-06-20T08:00:00.000Z' },
  };
  expect(purchasePermissionsItem(record)).toMatchObject({ gsi3pk: 'PURCHASE_PERMISSIONS#UNTIL#2026-06-20', gsi3sk: '2026-06-20T08:00:00.000Z#p1#c1' });
  const withoutEnd = purchasePermissionsItem({ ...record, azureReservations: { enabled: true }, azureSavingsPlans: { enabled: false } });
  expect(withoutEnd).not.toHaveProperty('gsi3pk');
  expect(purchasePermissionKeys.dueBy('2026-06-20T08:00:00.000Z') > '2026-06-20T08:00:00.000Z#p1#c1').toBe(true);
});

test('a read shows a passed end as off by the system at that end; on and off keep the history they should', () => {
  expect(effectiveState(undefined, NOW)).toEqual({ enabled: false });
  const on = turnedOn({ enabled: false }, 'u1', '2026-06-01T00:00:00.000Z', '2026-06-10T00:00:00.000Z');
  expect(on).toEqual({ enabled: true, enabledAt: '2026-06-01T00:00:00.000Z', enabledBy: 'u1', enabledUntil: '2026-06-10T00:00:00.000Z' });
  expect(effectiveState(on, NOW)).toEqual({
    enabled: false, enabledAt: '2026-06-01T00:00:00.000Z', enabledBy: 'u1', disabledAt: '2026-06-10T00:00:00.000Z', disabledBy: 'system', disabledReason: 'expired',
  });
  expect(effectiveState(on, new Date('2026-06-09T00:00:00.000Z'))).toBe(on);
  // Changing the end of one that is on keeps who turned it on and when.
  expect(turnedOn(on, 'u2', '2026-06-05T00:00:00.000Z', undefined)).toEqual({ enabled: true, enabledAt: '2026-06-01T00:00:00.000Z', enabledBy: 'u1' });
  expect(turnedOff(turnedOff(on, 'system', 'x', 'relationshipEnded'), 'u3', 'y')).not.toHaveProperty('disabledReason');
  const ended = allOff({ partnerId: 'p', customerId: 'c', version: 1, azureReservations: on, azureSavingsPlans: turnedOn({ enabled: false }, 'u1', 'a', undefined) }, NOW, 'system', 'relationshipEnded');
  expect(ended.azureReservations).toMatchObject({ enabled: false, disabledReason: 'expired', disabledAt: '2026-06-10T00:00:00.000Z' });
  expect(ended.azureSavingsPlans).toMatchObject({ enabled: false, disabledReason: 'relationshipEnded', disabledAt: NOW.toISOString(), disabledBy: 'system' });
});

test('a validation code shows only its last four characters', () => {
  expect(maskCode('GOV-ABCDEF-1234')).toBe('****1234');
});
