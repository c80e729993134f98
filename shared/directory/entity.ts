// The directory's stored items: their keys and partitions, and the schemas they are read through. The
// items themselves are built from a published profile in entries.ts.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { array, nullable, number, object, optional, string } from '../platform/dynamo/item-schema.js';
import { LocationAddressItem, PublicProfileItem } from '../business-profiles/index.js';

/** Per partner: how many referrals it answered and in how many hours altogether (the directory shows the mean). */
export const responseTimeKey = (partnerId: string) => ({ pk: partnerPartition(partnerId), sk: 'REFERRAL_RESPONSE_TIME' });

/**
 * Partners whose response time changed since their listings were placed (the response-time item sits in
 * this partition of the `search` index until the cleanup has moved them): see ranking.ts.
 */
export const rerankQueue = { index: 'search', pk: 'DIRECTORY_RERANK' } as const;

/** Absent counts are a partner that has answered no referral yet. */
export const ResponseTimeItem = object({ count: optional(number), totalHours: optional(number), version: number });

/** What the cleanup reads of the re-rank queue: the partner id its sort key holds. */
export const RerankEntryItem = object({ gsi3sk: string });

export const directoryPartitions = {
  all: 'DIRECTORY#ALL',
  country: (country: string) => `DIRECTORY#COUNTRY#${country}`,
  word: (word: string) => `DIRECTORY#WORD#${word}`,
};

/** Where every directory item of a partner sorts in its own partition. */
export const directoryItemPrefix = (partnerId: string) => ({ pk: partnerPartition(partnerId), skPrefix: 'DIRECTORY#' });
export const listingKey = (partnerId: string, country: string, partition: 'ALL' | 'COUNTRY' | `WORD#${string}`) => ({
  pk: partnerPartition(partnerId),
  sk: `DIRECTORY#${country}#${partition}`,
});
export const locationEntryKey = (partnerId: string, locationId: string) => ({ pk: partnerPartition(partnerId), sk: `DIRECTORY#LOCATION#${locationId}` });

const publicFields = { ...PublicProfileItem.fields, name: string, partnerId: string, country: string };

/** One published profile as the directory lists it. */
export const DirectoryListingItem = object({
  ...publicFields,
  locations: array(object({ id: string, city: string, region: optional(string), path: string })),
  responseHours: nullable(number),
});

/** What moving a listing in the order reads of it. */
export const ListingPlacementItem = object({ partnerId: string, country: string, gsi3sk: string });

/** One location's public page. */
export const DirectoryLocationItem = object({ ...publicFields, locationId: string, address: LocationAddressItem });
