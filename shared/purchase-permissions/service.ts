// Purchase permissions: whether a customer may buy Azure reservations or savings plans itself, paid by the
// partner. Off by default, only while the relationship is active, granted only by a bill-to partner; every
// change is one transaction with its activity record.
import type { Principal } from '../platform/auth.js';
import { clock, DAY_MS } from '../platform/clock.js';
import { put, putVersioned, transact, type LabelledPart } from '../platform/dynamo/transactions.js';
import { preconditionFailed, preconditionRequired, stateConflict, validationFailed } from '../platform/errors.js';
import { activityItem, diff } from '../activity/index.js';
import { customerNotFound, etagOf, findCustomer } from '../customers/index.js';
import { profileRequired } from '../partner/index.js';
import { purchasePermissionsItem, SYSTEM_ACTOR, type DisabledReason, type PurchasePermissionType, type PurchasePermissionsRecord } from './entity.js';
import { billToPartnerRequired, relationshipNotActive } from './problems.js';
import { MAX_ENABLED_DAYS, type PurchasePermissions, type PutPurchasePermissionRequest } from './schemas.js';
import { allOff, effectiveRecord, effectiveState, storedOn, turnedOff, turnedOn } from './state.js';
import { billToPartner, findPurchasePermissions, relationshipActive, unchangedSince } from './store.js';

export const ENABLE_OPERATION = 'Create Customer Purchase Permissions';
export const DISABLE_OPERATION = 'Delete Customer Purchase Permissions';

export interface PurchasePermissionsResult {
  permissions: PurchasePermissions;
  etag: string;
}

/** A customer without an item has both off, at version 0. */
const stored = (partnerId: string, customerId: string, record: PurchasePermissionsRecord | undefined): PurchasePermissionsRecord => record ?? { partnerId, customerId, version: 0 };

function result(record: PurchasePermissionsRecord, now: Date): PurchasePermissionsResult {
  const current = effectiveRecord(record, now);
  return {
    permissions: { customerId: record.customerId, azureReservations: current.azureReservations!, azureSavingsPlans: current.azureSavingsPlans! },
    etag: etagOf(record),
  };
}

export async function getPurchasePermissions(principal: Principal, customerId: string): Promise<PurchasePermissionsResult> {
  const [customer, record] = await Promise.all([findCustomer(principal.partnerId, customerId), findPurchasePermissions(principal.partnerId, customerId)]);
  if (!customer) throw customerNotFound(customerId);
  return result(stored(principal.partnerId, customerId, record), clock.now());
}

/** If-Match is required once the customer has permissions (an item); before that, `"v0"` (the ETag a read shows) or `*` match. */
function checkIfMatch(ifMatch: string | undefined, current: PurchasePermissionsRecord | undefined): void {
  const value = ifMatch?.trim();
  if (!value) {
    if (current) throw preconditionRequired();
    return;
  }
  if (value !== '*' && value !== etagOf({ version: current?.version ?? 0 })) throw preconditionFailed();
}

function checkEnd(enabledUntil: string | undefined, now: Date): void {
  if (enabledUntil === undefined) return;
  const end = Date.parse(enabledUntil);
  if (end <= now.getTime()) throw validationFailed([{ path: 'body.enabledUntil', message: 'must be in the future' }]);
  if (end > now.getTime() + MAX_ENABLED_DAYS * DAY_MS) throw validationFailed([{ path: 'body.enabledUntil', message: `must be at most ${MAX_ENABLED_DAYS} days ahead` }]);
}

export async function putPurchasePermission(
  principal: Principal,
  customerId: string,
  type: PurchasePermissionType,
  body: PutPurchasePermissionRequest,
  ifMatch: string | undefined,
): Promise<PurchasePermissionsResult> {
  const now = clock.now();
  const at = now.toISOString();
  checkEnd(body.enabledUntil, now);
  const { partnerId } = principal;
  const [customer, current] = await Promise.all([findCustomer(partnerId, customerId), findPurchasePermissions(partnerId, customerId)]);
  if (!customer) throw customerNotFound(customerId);
  checkIfMatch(ifMatch, current);
  if (customer.state !== 'active') throw relationshipNotActive(customerId);

  const base = stored(partnerId, customerId, current);
  const before = effectiveState(base[type], now);
  const after = body.enabled ? turnedOn(before, principal.userId, at, body.enabledUntil) : before.enabled ? turnedOff(before, principal.userId, at) : before;
  const changes = diff(before, after, type);
  if (changes.length === 0) return result(base, now);

  const next: PurchasePermissionsRecord = { ...base, [type]: after, version: base.version + 1 };
  const outcome = await transact<'permissions' | 'customer' | 'partner' | 'activity'>([
    putVersioned('permissions', purchasePermissionsItem(next), current?.version),
    relationshipActive('customer', partnerId, customerId),
    ...(body.enabled ? [billToPartner('partner', partnerId)] : []),
    put('activity', activityItem(principal, body.enabled ? ENABLE_OPERATION : DISABLE_OPERATION, at, changes, customerId)),
  ]);
  if (!outcome.ok) {
    if (outcome.failed.has('customer')) throw relationshipNotActive(customerId, outcome.cause);
    if (outcome.failed.has('partner')) throw outcome.oldItems.partner ? billToPartnerRequired(outcome.cause) : profileRequired(outcome.cause);
    if (outcome.failed.has('permissions')) throw preconditionFailed(outcome.cause);
    throw stateConflict('The customer was being changed by another request; nothing was changed. Send it again.', outcome.cause);
  }
  return result(next, now);
}

export interface TurnOff {
  /** `disabledBy` and the activity record's actor: a user id, or `system`. */
  actor?: string;
  reason?: DisabledReason;
  now: Date;
}

/**
 * The parts that turn every purchase permission of a customer off, for the transaction of the change that
 * calls for it (ending the relationship, the customer's own page): the permissions and an activity record, or,
 * when none is on, a check that none was turned on meanwhile. Held to the version read here, so a concurrent
 * change cancels the caller's transaction rather than be lost.
 */
export async function turnOffPurchasePermissionsParts(partnerId: string, customerId: string, { actor = SYSTEM_ACTOR, reason, now }: TurnOff): Promise<LabelledPart[]> {
  const current = await findPurchasePermissions(partnerId, customerId);
  if (!current || !storedOn(current)) return [unchangedSince('purchasePermissions', partnerId, customerId, current?.version)];
  const next = { ...allOff(current, now, actor, reason), version: current.version + 1 };
  const changes = diff(effectiveRecord(current, now), next).filter((c) => c.field !== 'version');
  return [
    putVersioned('purchasePermissions', purchasePermissionsItem(next), current.version),
    ...(changes.length > 0
      ? [put('purchasePermissionsActivity', activityItem({ partnerId, userId: actor, roles: [] }, DISABLE_OPERATION, now.toISOString(), changes, customerId))]
      : []),
  ];
}

/** The permissions as a read shows them now, for a page that is not the partner's API (the customer's own). */
export async function purchasePermissionsOf(partnerId: string, customerId: string): Promise<PurchasePermissions> {
  return result(stored(partnerId, customerId, await findPurchasePermissions(partnerId, customerId)), clock.now()).permissions;
}

/**
 * One type turned off by someone outside the partner's API (the customer admin on its own page, as `actor`): the
 * parts for the caller's transaction (the permissions held to the version read, the relationship still active,
 * the activity record) and what a read shows after it; `undefined` when a read shows that type off already, so
 * there is nothing to write.
 */
export async function turnOffPurchasePermissionParts(
  actor: Principal,
  customerId: string,
  type: PurchasePermissionType,
  now: Date,
): Promise<{ parts: LabelledPart[]; permissions: PurchasePermissions } | undefined> {
  const { partnerId } = actor;
  const current = await findPurchasePermissions(partnerId, customerId);
  const base = stored(partnerId, customerId, current);
  const before = effectiveState(base[type], now);
  if (!before.enabled) return undefined;
  const at = now.toISOString();
  const after = turnedOff(before, actor.userId, at);
  const next: PurchasePermissionsRecord = { ...base, [type]: after, version: base.version + 1 };
  return {
    parts: [
      putVersioned('purchasePermissions', purchasePermissionsItem(next), current?.version),
      relationshipActive('customer', partnerId, customerId),
      put('purchasePermissionsActivity', activityItem(actor, DISABLE_OPERATION, at, diff(before, after, type), customerId)),
    ],
    permissions: result(next, now).permissions,
  };
}
