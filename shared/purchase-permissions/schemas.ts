import { boolean, enum as zodEnum, globalRegistry, meta, object, optional, refine, strictObject, string } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { IsoDateTime } from '../platform/schemas.js';
import { CustomerId } from '../customers/index.js';
import { DISABLED_REASONS, PURCHASE_PERMISSION_TYPES } from './entity.js';

/** How far ahead `enabledUntil` may lie (our rule: a permission with an end is reviewed at least yearly). */
export const MAX_ENABLED_DAYS = 366;

export const PurchasePermissionType = zodEnum(PURCHASE_PERMISSION_TYPES);
export const PurchasePermissionParams = strictObject({ customerId: CustomerId, type: PurchasePermissionType });

export const PutPurchasePermissionRequest = strictObject({
  enabled: boolean(),
  enabledUntil: optional(IsoDateTime).check(meta({ description: `Only with enabled: true. In the future, at most ${MAX_ENABLED_DAYS} days ahead; at that time the permission turns off by itself` })),
}).check(
  refine((body) => body.enabled || body.enabledUntil === undefined, { message: 'only a permission being turned on has an end', path: ['enabledUntil'] }),
  meta({ id: 'PutPurchasePermissionRequest' }),
);
export type PutPurchasePermissionRequest = Infer<typeof PutPurchasePermissionRequest>;

export const PurchasePermission = object({
  enabled: boolean(),
  enabledAt: optional(IsoDateTime).check(meta({ description: 'When it was last turned on' })),
  enabledBy: optional(string()),
  enabledUntil: optional(IsoDateTime),
  disabledAt: optional(IsoDateTime).check(meta({ description: 'When it was last turned off (absent while on)' })),
  disabledBy: optional(string()).check(meta({ description: 'The user, or `system`' })),
  disabledReason: optional(zodEnum(DISABLED_REASONS)).check(meta({ description: 'Why the system turned it off' })),
}).register(globalRegistry, { id: 'PurchasePermission' });

export const PurchasePermissions = object({
  customerId: string(),
  azureReservations: PurchasePermission,
  azureSavingsPlans: PurchasePermission,
}).register(globalRegistry, { id: 'PurchasePermissions' });
export type PurchasePermissions = Infer<typeof PurchasePermissions>;
