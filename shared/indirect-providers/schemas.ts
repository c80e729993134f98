import { array, globalRegistry, object, regex, strictObject, string } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { IsoDateTime } from '../platform/schemas.js';

export const ProviderIdParams = strictObject({ providerId: string().check(regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be a partner id')) });

export const ProviderAuthorization = object({
  providerId: string(),
  providerName: string(),
  authorizedAt: IsoDateTime,
  authorizedBy: string(),
}).register(globalRegistry, { id: 'ProviderAuthorization' });
export type ProviderAuthorization = Infer<typeof ProviderAuthorization>;

export const ProviderAuthorizationList = object({ items: array(ProviderAuthorization) }).register(globalRegistry, { id: 'ProviderAuthorizationList' });
