// The manage page's paths and forms. Constants and schemas only: the route table bundles no crypto.
import { enum as zodEnum, globalRegistry, maxLength, minLength, regex, strictObject, string } from '../platform/zod.js';
import { FormToken, MultiLineText } from '../platform/schemas.js';
import { PURCHASE_PERMISSION_TYPES } from '../purchase-permissions/index.js';

/**
 * `<subject in base64url>.<key version>.<HMAC>` (link.ts): a one-time invitation token (43 characters, no dots)
 * never matches, and a manage token never matches the invitation routes' pattern.
 */
export const MANAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,200}\.[1-9][0-9]{0,2}\.[A-Za-z0-9_-]{43}$/;

const ManageToken = string().check(regex(MANAGE_TOKEN_PATTERN));

export const ManageLinkParams = strictObject({ token: ManageToken });

export const ManageGrantParams = strictObject({ token: ManageToken, grantId: string().check(regex(/^[0-9a-f-]{36}$/)) });

/** Ending needs a reason: the partner is told it. */
export const EndFromCustomerForm = strictObject({ csrf: FormToken, reason: MultiLineText.check(minLength(1), maxLength(500)) }).register(globalRegistry, { id: 'EndFromCustomerForm' });

export const TerminateGrantForm = strictObject({ csrf: FormToken }).register(globalRegistry, { id: 'TerminateGrantForm' });

export const ManagePurchasePermissionParams = strictObject({ token: ManageToken, type: zodEnum(PURCHASE_PERMISSION_TYPES) });

export const TurnOffPurchasePermissionForm = strictObject({ csrf: FormToken }).register(globalRegistry, { id: 'TurnOffPurchasePermissionForm' });
