import { array, enum as zodEnum, globalRegistry, maxLength, meta, minLength, object, optional, strictObject, string } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { BusinessEmail, CompanyName, CountryCode, IsoDateTime, SingleLineText } from '../platform/schemas.js';
import { PARTNER_TYPES } from './entity.js';

export const PartnerType = zodEnum(PARTNER_TYPES);
export type PartnerType = Infer<typeof PartnerType>;

export const PartnerProfileInput = strictObject({
  companyName: CompanyName,
  country: CountryCode,
  partnerType: PartnerType,
  markets: optional(array(CountryCode).check(minLength(1), maxLength(250))).check(meta({ description: 'Defaults to [country]' })),
  primaryContact: strictObject({ name: SingleLineText.check(minLength(1), maxLength(100)), email: BusinessEmail }),
}).register(globalRegistry, { id: 'PartnerProfileInput' });
export type PartnerProfileInput = Infer<typeof PartnerProfileInput>;

export const PartnerProfile = object({
  partnerId: string(),
  companyName: string(),
  country: string(),
  partnerType: PartnerType,
  markets: array(string()),
  primaryContact: object({ name: string(), email: string() }),
  updatedAt: IsoDateTime,
}).register(globalRegistry, { id: 'PartnerProfile' });
export type PartnerProfile = Infer<typeof PartnerProfile>;
