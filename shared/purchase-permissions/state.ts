// The pure rules of one permission's state: what a read shows, and what turning on, off, or an end that has
// passed makes of it. The service, the cleanup and the "turn everything off" part all go through these.
import { PURCHASE_PERMISSION_TYPES, SYSTEM_ACTOR, type DisabledReason, type PermissionStateRecord, type PurchasePermissionsRecord } from './entity.js';

const OFF: PermissionStateRecord = { enabled: false };

/** Turned off at `at` by `actor`; when it was last on stays as history. */
export function turnedOff(state: PermissionStateRecord, actor: string, at: string, reason?: DisabledReason): PermissionStateRecord {
  const { enabledUntil: _end, disabledReason: _reason, ...rest } = state;
  return { ...rest, enabled: false, disabledAt: at, disabledBy: actor, ...(reason ? { disabledReason: reason } : {}) };
}

/** An end that has passed turns the permission off at that end, whatever the cleanup has stored yet. */
export function effectiveState(state: PermissionStateRecord | undefined, now: Date): PermissionStateRecord {
  if (!state) return OFF;
  if (state.enabled && state.enabledUntil && Date.parse(state.enabledUntil) <= now.getTime()) return turnedOff(state, SYSTEM_ACTOR, state.enabledUntil, 'expired');
  return state;
}

/** Turned on (or its end changed); while it stays on, when and by whom it was turned on stays. */
export function turnedOn(state: PermissionStateRecord, actor: string, at: string, enabledUntil: string | undefined): PermissionStateRecord {
  const since = state.enabled ? { enabledAt: state.enabledAt, enabledBy: state.enabledBy } : { enabledAt: at, enabledBy: actor };
  return { enabled: true, ...since, ...(enabledUntil ? { enabledUntil } : {}) };
}

/** Every type as a read shows it at `now`. */
export const effectiveRecord = (record: PurchasePermissionsRecord, now: Date): PurchasePermissionsRecord => ({
  ...record,
  ...Object.fromEntries(PURCHASE_PERMISSION_TYPES.map((type) => [type, effectiveState(record[type], now)])),
});

/** The record with every type off: those whose end passed as expired (as the cleanup would store them), the rest by `actor` for `reason`. */
export function allOff(record: PurchasePermissionsRecord, now: Date, actor: string, reason?: DisabledReason): PurchasePermissionsRecord {
  const current = effectiveRecord(record, now);
  const at = now.toISOString();
  return {
    ...current,
    ...Object.fromEntries(PURCHASE_PERMISSION_TYPES.map((type) => [type, current[type]!.enabled ? turnedOff(current[type]!, actor, at, reason) : current[type]])),
  };
}

/** Whether a type is stored as on (its end may have passed: the item still needs a write). */
export const storedOn = (record: PurchasePermissionsRecord): boolean => PURCHASE_PERMISSION_TYPES.some((type) => record[type]?.enabled === true);
