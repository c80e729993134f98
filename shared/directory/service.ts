// The public partner directory: published business profiles, searched and ordered as DIRECTORY_ORDER says.
import { DIRECTORY_ORDER, listingQuery } from './search.js';
import { findListings, getLocation } from './store.js';
import type { DirectoryLocation, DirectoryPage, DirectoryQuery } from './schemas.js';

export async function searchDirectory(query: DirectoryQuery): Promise<DirectoryPage> {
  const { query: partitionQuery, binding } = listingQuery(query);
  const page = await findListings(partitionQuery, { binding, continuationToken: query.continuationToken });
  return { items: page.items, ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}), order: DIRECTORY_ORDER };
}

/** A published location, or undefined (never published, unpublished, deleted, or another partner's id). */
export const findLocation = (partnerId: string, locationId: string): Promise<DirectoryLocation | undefined> => getLocation(partnerId, locationId);
