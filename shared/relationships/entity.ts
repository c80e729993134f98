// What the public relationship link stores to limit its use: daily request counters.
import { partnerPartition } from '../platform/dynamo/keys.js';

export const relationshipLinkKeys = {
  /** Requests through the partner's public relationship link on one UTC day. */
  linkDayCounter: (partnerId: string, day: string) => ({ pk: partnerPartition(partnerId), sk: `COUNTER#LINK_REQUESTS#${day}` }),
  /** Requests through any public relationship link from one client network on one UTC day (keyed by a hash). */
  clientDayCounter: (clientHash: string, day: string) => ({ pk: `CLIENT#${clientHash}`, sk: `LINK_REQUESTS#${day}` }),
};
