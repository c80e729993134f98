import { array, enum as zodEnum, object, strictObject, string } from 'zod';
import type { z } from 'zod';
import { BusinessEmail, CompanyName, CountryCode, IsoDateTime, SingleLineText } from '../platform/schemas.js';
import { PARTNER_TYPES } from './entity.js';

export const PartnerType = zodEnum(PARTNER_TYPES);
export type PartnerType = z.infer<typeof PartnerType>;

export const PartnerProfileInput = strictObject({
    companyName: CompanyName,
    country: CountryCode,
    partnerType: PartnerType,
    markets: array(CountryCode).min(1).max(250).optional().meta({ description: 'Defaults to [country]' }),
    primaryContact: strictObject({ name: SingleLineText.min(1).max(100), email: BusinessEmail }),
  })
  .meta({ id: 'PartnerProfileInput' });
export type PartnerProfileInput = z.infer<typeof PartnerProfileInput>;

export const PartnerProfile = object({
    partnerId: string(),
    companyName: string(),
    country: string(),
    partnerType: PartnerType,
    markets: array(string()),
    primaryContact: object({ name: string(), email: string() }),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'PartnerProfile' });
export type PartnerProfile = z.infer<typeof PartnerProfile>;
