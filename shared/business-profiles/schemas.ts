import { array, boolean, enum as zodEnum, object, strictObject, string, url } from 'zod';
import type { z } from 'zod';
import { Address } from '../customers/schemas.js';
import { CATALOGUE_VERSION, CUSTOMER_SIZES, INDUSTRIES, PRODUCTS, SERVICES } from '../platform/reference-data.js';
import { CountryCode, Email, Id, IsoDateTime, MultiLineText, PhoneNumber, SingleLineText } from '../platform/schemas.js';

/** Limits of the domain notes: at most 5 locations per country, a description of up to 2,500 characters. */
export const MAX_LOCATIONS = 5;
export const MAX_SOLUTIONS = 50;

export const CustomerSize = zodEnum(CUSTOMER_SIZES);
export type CustomerSize = z.infer<typeof CustomerSize>;

/** An id of one catalogue; an unknown one is named in the error, with the catalogue version it was checked against. */
export const catalogueId = (catalogue: Readonly<Record<string, string>>, what: string) =>
  string().refine((id) => Object.hasOwn(catalogue, id), {
    error: (issue) => `unknown ${what} id "${String(issue.input)}" (reference data ${CATALOGUE_VERSION})`,
  });

const catalogueIds = (catalogue: Readonly<Record<string, string>>, what: string) =>
  array(catalogueId(catalogue, what))
    .max(Object.keys(catalogue).length)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat an id' })
    .meta({ description: `${what} ids of reference data ${CATALOGUE_VERSION}: ${Object.keys(catalogue).join(', ')}` });

export const CountryParams = strictObject({ country: CountryCode });

export const LocationAddress = Address.omit({ firstName: true, lastName: true, phoneNumber: true }).meta({ id: 'LocationAddress' });

export const LocationContact = strictObject({
  name: SingleLineText.min(1).max(100),
  email: Email,
  phone: PhoneNumber.optional(),
});

export const LocationInput = strictObject({
  id: Id.optional().meta({ description: 'Keep it to edit a location in place; leave it out for a new one' }),
  address: LocationAddress,
  contact: LocationContact.meta({ description: 'Who receives the leads of this location' }),
});

export const BusinessProfileInput = strictObject({
    description: MultiLineText.max(2500),
    website: url({ protocol: /^https?$/ }).max(2048),
    industries: catalogueIds(INDUSTRIES, 'industry'),
    products: catalogueIds(PRODUCTS, 'product'),
    services: catalogueIds(SERVICES, 'service'),
    solutions: array(SingleLineText.min(1).max(100)).max(MAX_SOLUTIONS),
    customerSizes: array(CustomerSize).min(1).max(CUSTOMER_SIZES.length)
      .refine((sizes) => new Set(sizes).size === sizes.length, { message: 'must not repeat a size' }),
    locations: array(LocationInput).min(1).max(MAX_LOCATIONS),
  })
  .meta({ id: 'BusinessProfileInput' });
export type BusinessProfileInput = z.infer<typeof BusinessProfileInput>;

export const Location = object({ id: string(), address: LocationAddress, contact: LocationContact }).meta({ id: 'BusinessLocation' });
export type Location = z.infer<typeof Location>;

/** What the public sees of a profile: in the directory's listings and on its location pages. */
export const PublicProfile = object({
  name: string().meta({ description: "The public name: the company name of the partner's legal profile" }),
  description: string(),
  website: string(),
  industries: array(string()),
  products: array(string()),
  services: array(string()),
  solutions: array(string()),
  customerSizes: array(CustomerSize),
});

export const BusinessProfile = PublicProfile.extend({
    country: string(),
    locations: array(Location),
    referenceDataVersion: string(),
    published: boolean(),
    publishedAt: IsoDateTime.optional(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'BusinessProfile' });
export type BusinessProfile = z.infer<typeof BusinessProfile>;

export const BusinessProfileList = object({ items: array(BusinessProfile) }).meta({ id: 'BusinessProfileList' });
