// What the public relationship link stores to limit its use: used form nonces and daily request counters.
import { partnerPartition } from '../platform/dynamo/keys.js';
import { TTL_ATTRIBUTE } from '../platform/dynamo/table-definition.js';

export const relationshipLinkKeys = {
  /** Requests through the partner's public relationship link on one UTC day. */
  linkDayCounter: (partnerId: string, day: string) => ({ pk: partnerPartition(partnerId), sk: `COUNTER#LINK_REQUESTS#${day}` }),
  /** Requests through any public relationship link from one client network on one UTC day (keyed by a hash). */
  clientDayCounter: (clientHash: string, day: string) => ({ pk: `CLIENT#${clientHash}`, sk: `LINK_REQUESTS#${day}` }),
  /** A form's CSRF nonce once it has served its one submission (keyed by a hash). */
  usedFormNonce: (nonceHash: string) => ({ pk: `FORM_NONCE#${nonceHash}`, sk: 'USED' }),
};

export const usedFormNonceItem = (nonceHash: string, expiresAtEpoch: number) => ({
  ...relationshipLinkKeys.usedFormNonce(nonceHash),
  kind: 'usedFormNonce',
  [TTL_ATTRIBUTE]: expiresAtEpoch,
});
