import { z } from 'zod';
import { BusinessEmail, CompanyName, CountryCode, IsoDateTime } from './common.js';

export const PartnerType = z.enum(['directBill', 'indirectProvider', 'indirectReseller']);
export type PartnerType = z.infer<typeof PartnerType>;

export const PartnerProfileInput = z
  .strictObject({
    companyName: CompanyName,
    country: CountryCode,
    partnerType: PartnerType,
    markets: z.array(CountryCode).min(1).max(250).optional().meta({ description: 'Defaults to [country]' }),
    primaryContact: z.strictObject({ name: z.string().trim().min(1).max(100), email: BusinessEmail }),
  })
  .meta({ id: 'PartnerProfileInput' });
export type PartnerProfileInput = z.infer<typeof PartnerProfileInput>;

export const PartnerProfile = z
  .object({
    partnerId: z.string(),
    companyName: z.string(),
    country: z.string(),
    partnerType: PartnerType,
    markets: z.array(z.string()),
    primaryContact: z.object({ name: z.string(), email: z.string() }),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'PartnerProfile' });
export type PartnerProfile = z.infer<typeof PartnerProfile>;
