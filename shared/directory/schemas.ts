import { array, coerce, extend, globalRegistry, int, maximum, maxLength, meta, minimum, nullable, number, object, omit, optional, strictObject, string } from '../platform/zod.js';
import type { infer as Infer, output } from '../platform/zod.js';
import { catalogueId, CustomerSize, LocationAddress, PublicProfile } from '../business-profiles/index.js';
import { INDUSTRIES, PRODUCTS, SERVICES } from '../platform/reference-data.js';
import { ContinuationToken, CountryCode, Id, optionalFormField, PartnerId, SingleLineText } from '../platform/schemas.js';

// The search form is a plain GET form: a filter left empty means no filter.
const optionalField = optionalFormField;

export const DIRECTORY_PAGE_SIZE = 20;

export const DirectoryQuery = strictObject({
  q: optionalField(SingleLineText.check(maxLength(200))).check(
    meta({ description: 'Words to find in expertise tags and solutions (not the description); every word must match' }),
  ),
  country: optionalField(CountryCode),
  customerSize: optionalField(CustomerSize),
  industry: optionalField(catalogueId(INDUSTRIES, 'industry')),
  product: optionalField(catalogueId(PRODUCTS, 'product')),
  service: optionalField(catalogueId(SERVICES, 'service')),
  limit: optionalField(coerce.number().check(int(), minimum(1), maximum(50))).check(
    meta({ description: `Entries examined for this page (default ${DIRECTORY_PAGE_SIZE}); with filters a page can hold fewer` }),
  ),
  continuationToken: optionalField(ContinuationToken),
});
export type DirectoryQuery = output<typeof DirectoryQuery>;

export const LocationPageParams = strictObject({
  partnerId: PartnerId,
  locationId: Id,
});

/** One published business profile as the directory lists it. */
export const DirectoryListing = extend(PublicProfile, {
  partnerId: string(),
  country: string(),
  locations: array(object({ id: string(), city: string(), region: optional(string()), path: string() })),
  responseHours: nullable(number()).check(meta({ description: 'Mean hours the partner took to answer a referral; null until it has answered one' })),
}).register(globalRegistry, { id: 'DirectoryListing' });
export type DirectoryListing = Infer<typeof DirectoryListing>;

export const DirectoryPage = object({
  items: array(DirectoryListing),
  continuationToken: optional(string()),
  order: string().check(meta({ description: 'How the entries are ordered, in words' })),
}).register(globalRegistry, { id: 'DirectoryPage' });
export type DirectoryPage = Infer<typeof DirectoryPage>;

/** One location's public page. */
export const DirectoryLocation = extend(omit(DirectoryListing, { locations: true, responseHours: true }), {
  locationId: string(),
  address: LocationAddress,
});
export type DirectoryLocation = Infer<typeof DirectoryLocation>;
