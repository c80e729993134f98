// The directory's index: for each published business profile, the items that let one Query answer a
// directory page. Every item sits under the partner's own partition (so a profile's items are found and
// removed with it) and is listed through the `search` index in one of these directory partitions:
//   DIRECTORY#ALL               every published profile
//   DIRECTORY#COUNTRY#<code>    the published profiles of one country
//   DIRECTORY#WORD#<word>       the published profiles whose tags or solutions hold that word
// Within a partition the sort key is the order the directory promises: tag match first (word partitions
// only), then the partner's mean referral response time (fastest first, unknown last), then partner id.
// Each location also has an item of its own, read by its public page with one GetItem.
import type { ItemKey } from '../platform/dynamo/keys.js';
import { INDUSTRIES, PRODUCTS, SERVICES } from '../platform/reference-data.js';
import type { BusinessProfileRecord } from '../business-profiles/index.js';
import { directoryPartitions, listingKey, locationEntryKey } from './entity.js';
import type { DirectoryListing, DirectoryLocation } from './schemas.js';

/**
 * A profile's index must fit one transaction (100 parts) together with the profile, its activity record
 * and the response-time check, also while an update replaces every item: 2 × (2 + 5 locations + 40 words) + 3.
 */
export const MAX_SEARCH_WORDS = 40;

const STOP_WORDS = new Set(['and', 'or', 'the', 'of', 'for', 'to', 'in', 'on', 'with', 'an']);
const MAX_WORD_LENGTH = 40;

/** The words of a text as search compares them: compatibility-normalised, lower-case, letters and digits. */
export function searchWords(text: string): string[] {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2 && !STOP_WORDS.has(word))
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
  return [...new Set(words)];
}

type Tagged = Pick<BusinessProfileRecord, 'industries' | 'products' | 'services' | 'solutions'>;

export const tagLabels = (profile: Pick<Tagged, 'industries' | 'products' | 'services'>): string[] => [
  ...profile.industries.map((id) => INDUSTRIES[id] ?? id),
  ...profile.products.map((id) => PRODUCTS[id] ?? id),
  ...profile.services.map((id) => SERVICES[id] ?? id),
];

/** Every searchable word of a profile; `tag` when an expertise tag (not only a solution) holds it. */
export function profileWords(profile: Tagged): { word: string; tag: boolean }[] {
  const tagWords = new Set(tagLabels(profile).flatMap(searchWords));
  const solutionWords = profile.solutions.flatMap(searchWords).filter((word) => !tagWords.has(word));
  return [...[...tagWords].map((word) => ({ word, tag: true })), ...[...new Set(solutionWords)].map((word) => ({ word, tag: false }))];
}

/** The partner's referral response time as the directory orders by it; a stored item carries its version. */
export interface ResponseTime {
  hours?: number;
  version: number;
}

/** Whole hours, fastest first; `~` sorts after every digit, so a partner without answers comes last. */
export const speedKey = (hours: number | undefined): string =>
  hours === undefined ? '~' : String(Math.min(Math.ceil(hours), 99_999)).padStart(5, '0');

/** The sort key of a listing in its directory partition. */
export const listingSortKey = (partnerId: string, country: string, hours: number | undefined, tagMatch?: boolean): string =>
  `${tagMatch === undefined ? '' : tagMatch ? '0#' : '1#'}${speedKey(hours)}#${partnerId}#${country}`;

export type PublishedProfile = BusinessProfileRecord & { published: true };

export const locationPath = (partnerId: string, locationId: string) => `/directory/${encodeURIComponent(partnerId)}/${locationId}`;

function listing(profile: BusinessProfileRecord, name: string, response: ResponseTime): DirectoryListing {
  return {
    partnerId: profile.partnerId,
    name,
    country: profile.country,
    description: profile.description,
    website: profile.website,
    industries: profile.industries,
    products: profile.products,
    services: profile.services,
    solutions: profile.solutions,
    customerSizes: profile.customerSizes,
    locations: profile.locations.map(({ id, address }) => ({ id, city: address.city, ...(address.region ? { region: address.region } : {}), path: locationPath(profile.partnerId, id) })),
    responseHours: response.hours ?? null,
  };
}

/** Every directory item of a published profile: its listings in each partition, and one item per location. */
export function directoryItems(profile: PublishedProfile, name: string, response: ResponseTime): (ItemKey & Record<string, unknown>)[] {
  const { partnerId, country } = profile;
  const entry = listing(profile, name, response);
  const words = profileWords(profile);
  const listed = (partition: Parameters<typeof listingKey>[2], gsi3pk: string, tagMatch?: boolean) => ({
    ...listingKey(partnerId, country, partition),
    kind: 'directoryListing',
    ...entry,
    words: words.map((w) => w.word),
    responseVersion: response.version,
    gsi3pk,
    gsi3sk: listingSortKey(partnerId, country, response.hours, tagMatch),
  });
  const locations = profile.locations.map((location): ItemKey & Record<string, unknown> & DirectoryLocation => ({
    ...locationEntryKey(partnerId, location.id),
    kind: 'directoryLocation',
    ...(({ locations: _l, responseHours: _r, ...rest }) => rest)(entry),
    locationId: location.id,
    address: location.address,
  }));
  return [
    listed('ALL', directoryPartitions.all),
    listed('COUNTRY', directoryPartitions.country(country)),
    ...words.map(({ word, tag }) => listed(`WORD#${word}`, directoryPartitions.word(word), tag)),
    ...locations,
  ];
}

/** The keys of the items `directoryItems` writes for this profile. */
export const directoryKeys = (profile: PublishedProfile): ItemKey[] => directoryItems(profile, '', { version: 0 }).map(({ pk, sk }) => ({ pk, sk }));
