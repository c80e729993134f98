import { array, boolean, enum as zodEnum, extend, globalRegistry, maxLength, meta, minLength, object, omit, optional, refine, strictObject, string, url } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { Address } from '../customers/index.js';
import { CATALOGUE_VERSION, CUSTOMER_SIZES, INDUSTRIES, PRODUCTS, SERVICES } from '../platform/reference-data.js';
import { CountryCode, Email, Id, IsoDateTime, MultiLineText, PhoneNumber, SingleLineText } from '../platform/schemas.js';

/** Limits of the domain notes: at most 5 locations per country, a description of up to 2,500 characters. */
export const MAX_LOCATIONS = 5;
export const MAX_SOLUTIONS = 50;

export const CustomerSize = zodEnum(CUSTOMER_SIZES);
export type CustomerSize = Infer<typeof CustomerSize>;

/** An id of one catalogue; an unknown one is named in the error, with the catalogue version it was checked against. */
export const catalogueId = (catalogue: Readonly<Record<string, string>>, what: string) =>
  string().check(
    refine((id) => Object.hasOwn(catalogue, id), {
      error: (issue) => `unknown ${what} id "${String(issue.input)}" (reference data ${CATALOGUE_VERSION})`,
    }),
  );

const catalogueIds = (catalogue: Readonly<Record<string, string>>, what: string) =>
  array(catalogueId(catalogue, what)).check(
    maxLength(Object.keys(catalogue).length),
    refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat an id' }),
    meta({ description: `${what} ids of reference data ${CATALOGUE_VERSION}: ${Object.keys(catalogue).join(', ')}` }),
  );

export const CountryParams = strictObject({ country: CountryCode });

export const LocationAddress = omit(Address, { firstName: true, lastName: true, phoneNumber: true }).register(globalRegistry, { id: 'LocationAddress' });

export const LocationContact = strictObject({
  name: SingleLineText.check(minLength(1), maxLength(100)),
  email: Email,
  phone: optional(PhoneNumber),
});

export const LocationInput = strictObject({
  id: optional(Id).check(meta({ description: 'Keep it to edit a location in place; leave it out for a new one' })),
  address: LocationAddress,
  contact: LocationContact.check(meta({ description: 'Who receives the leads of this location' })),
});

export const BusinessProfileInput = strictObject({
  description: MultiLineText.check(maxLength(2500)),
  website: url({ protocol: /^https?$/ }).check(maxLength(2048)),
  industries: catalogueIds(INDUSTRIES, 'industry'),
  products: catalogueIds(PRODUCTS, 'product'),
  services: catalogueIds(SERVICES, 'service'),
  solutions: array(SingleLineText.check(minLength(1), maxLength(100))).check(maxLength(MAX_SOLUTIONS)),
  customerSizes: array(CustomerSize).check(
    minLength(1),
    maxLength(CUSTOMER_SIZES.length),
    refine((sizes) => new Set(sizes).size === sizes.length, { message: 'must not repeat a size' }),
  ),
  locations: array(LocationInput).check(minLength(1), maxLength(MAX_LOCATIONS)),
}).register(globalRegistry, { id: 'BusinessProfileInput' });
export type BusinessProfileInput = Infer<typeof BusinessProfileInput>;

export const Location = object({ id: string(), address: LocationAddress, contact: LocationContact }).register(globalRegistry, { id: 'BusinessLocation' });
export type Location = Infer<typeof Location>;

/** What the public sees of a profile: in the directory's listings and on its location pages. */
export const PublicProfile = object({
  name: string().check(meta({ description: "The public name: the company name of the partner's legal profile" })),
  description: string(),
  website: string(),
  industries: array(string()),
  products: array(string()),
  services: array(string()),
  solutions: array(string()),
  customerSizes: array(CustomerSize),
});

export const BusinessProfile = extend(PublicProfile, {
  country: string(),
  locations: array(Location),
  referenceDataVersion: string(),
  published: boolean(),
  publishedAt: optional(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).register(globalRegistry, { id: 'BusinessProfile' });
export type BusinessProfile = Infer<typeof BusinessProfile>;

export const BusinessProfileList = object({ items: array(BusinessProfile) }).register(globalRegistry, { id: 'BusinessProfileList' });
