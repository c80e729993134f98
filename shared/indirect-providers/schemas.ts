import { array, object, strictObject, string } from 'zod';
import type { z } from 'zod';
import { IsoDateTime } from '../platform/schemas.js';

export const ProviderIdParams = strictObject({ providerId: string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be a partner id') });

export const ProviderAuthorization = object({
  providerId: string(),
  providerName: string(),
  authorizedAt: IsoDateTime,
  authorizedBy: string(),
}).meta({ id: 'ProviderAuthorization' });
export type ProviderAuthorization = z.infer<typeof ProviderAuthorization>;

export const ProviderAuthorizationList = object({ items: array(ProviderAuthorization) }).meta({ id: 'ProviderAuthorizationList' });
