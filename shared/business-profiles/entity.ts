// A business profile as stored: its key, the schema it is read through, and the item it is written as.
import { AddressItem } from '../customers/index.js';
import { partnerPartition } from '../platform/dynamo/keys.js';
import { array, boolean, number, object, oneOf, optional, string, type Infer } from '../platform/dynamo/item-schema.js';
import { CUSTOMER_SIZES } from '../platform/reference-data.js';

export const BUSINESS_PROFILE_PREFIX = 'BUSINESS_PROFILE#';

/** One profile per country, under the partner's partition. */
export const businessProfileKey = (partnerId: string, country: string) => ({ pk: partnerPartition(partnerId), sk: `${BUSINESS_PROFILE_PREFIX}${country}` });

/** A location's address: the customer address without the person's name and phone. */
export const LocationAddressItem = object((({ firstName: _f, lastName: _l, phoneNumber: _p, ...fields }) => fields)(AddressItem.fields));

/** What the public sees of a profile, without its name (the legal profile's, read beside it). */
export const PublicProfileItem = object({
  description: string,
  website: string,
  industries: array(string),
  products: array(string),
  services: array(string),
  solutions: array(string),
  customerSizes: array(oneOf(CUSTOMER_SIZES)),
});

/** The stored profile: the profile, its version (the ETag) and who owns it. */
export const BusinessProfileItem = object({
  ...PublicProfileItem.fields,
  partnerId: string,
  country: string,
  locations: array(object({ id: string, address: LocationAddressItem, contact: object({ name: string, email: string, phone: optional(string) }) })),
  referenceDataVersion: string,
  published: boolean,
  publishedAt: optional(string),
  createdAt: string,
  updatedAt: string,
  version: number,
});
export type BusinessProfileRecord = Infer<typeof BusinessProfileItem>;

export const businessProfileItem = (record: BusinessProfileRecord) => ({ ...businessProfileKey(record.partnerId, record.country), kind: 'businessProfile', ...record });
