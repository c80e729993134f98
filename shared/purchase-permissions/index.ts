// What other features, functions and scripts may use of purchase-permissions; everything else in the folder is its own.
export { PURCHASE_PERMISSION_TYPES, type PurchasePermissionType, purchasePermissionKeys } from './entity.js';
export { type PurchasePermissionsProblemCode } from './problems.js';
export { PurchasePermissionParams, PurchasePermissions, PutPurchasePermissionRequest } from './schemas.js';
export { type PurchasePermissionsResult, getPurchasePermissions, purchasePermissionsOf, putPurchasePermission, turnOffPurchasePermissionParts, turnOffPurchasePermissionsParts } from './service.js';
export { type PurchasePermissionCleanupResult, expireDuePurchasePermissions } from './cleanup.js';
