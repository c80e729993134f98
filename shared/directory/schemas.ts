import { array, coerce, number, object, preprocess, strictObject, string } from 'zod';
import type { z } from 'zod';
import { catalogueId, CustomerSize, LocationAddress, PublicProfile } from '../business-profiles/schemas.js';
import { INDUSTRIES, PRODUCTS, SERVICES } from '../platform/reference-data.js';
import { ContinuationToken, CountryCode, Id, SingleLineText } from '../platform/schemas.js';

// The search form is a plain GET form: a field left empty arrives as `name=`, which means "no filter".
const optionalField = <S extends z.ZodType>(schema: S) => preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const DIRECTORY_PAGE_SIZE = 20;

export const DirectoryQuery = strictObject({
  q: optionalField(SingleLineText.max(200)).meta({ description: 'Words to find in expertise tags and solutions (not the description); every word must match' }),
  country: optionalField(CountryCode),
  customerSize: optionalField(CustomerSize),
  industry: optionalField(catalogueId(INDUSTRIES, 'industry')),
  product: optionalField(catalogueId(PRODUCTS, 'product')),
  service: optionalField(catalogueId(SERVICES, 'service')),
  limit: optionalField(coerce.number().int().min(1).max(50)).meta({ description: `Entries examined for this page (default ${DIRECTORY_PAGE_SIZE}); with filters a page can hold fewer` }),
  continuationToken: optionalField(ContinuationToken),
});
export type DirectoryQuery = z.output<typeof DirectoryQuery>;

export const LocationPageParams = strictObject({
  partnerId: string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/),
  locationId: Id,
});

/** One published business profile as the directory lists it. */
export const DirectoryListing = PublicProfile.extend({
    partnerId: string(),
    country: string(),
    locations: array(object({ id: string(), city: string(), region: string().optional(), path: string() })),
    responseHours: number().nullable().meta({ description: 'Mean hours the partner took to answer a referral; null until it has answered one' }),
  })
  .meta({ id: 'DirectoryListing' });
export type DirectoryListing = z.infer<typeof DirectoryListing>;

export const DirectoryPage = object({
    items: array(DirectoryListing),
    continuationToken: string().optional(),
    order: string().meta({ description: 'How the entries are ordered, in words' }),
  })
  .meta({ id: 'DirectoryPage' });
export type DirectoryPage = z.infer<typeof DirectoryPage>;

/** One location's public page. */
export const DirectoryLocation = DirectoryListing.omit({ locations: true, responseHours: true }).extend({
  locationId: string(),
  address: LocationAddress,
});
export type DirectoryLocation = z.infer<typeof DirectoryLocation>;
