// What every feature's keys have in common; each feature builds its own keys in its entity module.
// Parts of a key are joined by `#`. Partner data always has the partner id leading its partition key,
// so no key built from one caller's token can reach another partner's items.

/** An item's table key. */
export interface ItemKey {
  pk: string;
  sk: string;
}

/** The partition of everything a partner owns; its index partitions begin the same way. */
export const partnerPartition = (partnerId: string): string => `PARTNER#${partnerId}`;

/** Lower-cased, compatibility-normalised text: what name and search keys compare. */
export const searchKey = (text: string): string => text.normalize('NFKC').toLowerCase();
