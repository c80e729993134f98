// Key building (shared/platform/dynamo/keys.ts), over generated ids rather than a few samples: a partner's items live
// only under partition keys its own id leads, so no key built for one partner can reach another's items;
// and the search key that names and queries are compared by.
import fc from 'fast-check';
import { keys, searchKey } from '../../shared/platform/dynamo/keys.js';
import { outboxKey } from '../../shared/platform/mail/outbox.js';

// What principalFrom accepts as a partner id (shared/platform/auth.ts); no other partner id reaches a key.
const PARTNER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const partnerId = fc.stringMatching(PARTNER_ID);
// Two partners, the second often the first's id with a word of the keys added or a letter taken away: the
// pairs that would collide if a key ran the partner id into what follows it.
const twoPartners = partnerId
  .chain((p) =>
    fc.tuple(
      fc.constant(p),
      fc.oneof(partnerId, fc.constantFrom('ACTIVITY', 'CUSTOMERS', 'SEARCH', 'INVITATIONS', '_', '-', '0').map((word) => p + word), fc.constant(p.slice(0, -1))),
    ),
  )
  .filter(([p, q]) => p !== q && PARTNER_ID.test(q));
// Other parts of a key (customer, invitation and grant ids, dates, names) come from elsewhere: any text.
const part = fc.string({ unit: 'binary', maxLength: 12 });
const state = fc.constantFrom('active', 'ended' as const);

/** Every partition key value (table and index) of every partner-scoped key the builders make. */
function partnerPartitions(p: string, [a, b, c, d]: string[], s: 'active' | 'ended'): string[] {
  const items: Record<string, unknown>[] = [
    keys.partnerProfile(p),
    keys.customer(p, a!),
    keys.customerDomainTerm(p, a!),
    keys.customerCollection(p, a!),
    keys.agreement(p, a!, b!, c!),
    keys.customerIndexes(p, a!, s, b!),
    keys.domainTermIndexes(p, a!, s, b!),
    keys.customerListing(p),
    keys.customerListing(p, s),
    keys.customerSearch(p),
    keys.customerSearch(p, s),
    keys.partnerTenant(p, a!),
    keys.invitation(p, a!),
    keys.invitationIndexes(p, a!, b!, c!),
    keys.invitationListing(p),
    keys.invitationListing(p, c!),
    outboxKey({ partnerId: p, id: b! }, a!),
    keys.pendingInvitationCounter(p, 'partner'),
    keys.pendingInvitationCounter(p, 'relationshipLink'),
    keys.relationshipLinkDayCounter(p, b!),
    keys.delegatedAdminGrant(p, a!),
    keys.delegatedAdminOfCustomer(p, a!),
    keys.delegatedAdminListing(p, a!),
    keys.delegatedAdminName(p, b!),
    keys.providerAuthorization(p, d!),
    keys.providerAuthorizations(p),
    keys.idempotency(p, d!),
    keys.activity(p, b!, c!, a!),
    keys.activityLog(p),
    keys.activityLog(p, a!),
  ];
  // The global queues also hold a partner's items, but under keys of their own (checked below).
  return items.flatMap((item) => ['pk', 'gsi1pk', 'gsi2pk', 'gsi3pk', 'gsi4pk'].map((name) => item[name]).filter((v): v is string => typeof v === 'string'));
}

test("the partner's own id leads every partition key of its items", () => {
  fc.assert(
    fc.property(partnerId, fc.array(part, { minLength: 4, maxLength: 4 }), state, (p, ids, s) => {
      // The id must end at a separator too: "PARTNER#ab" is not partner "a"'s.
      expect(partnerPartitions(p, ids, s).filter((key) => !key.startsWith('PARTNER#') || key.split('#')[1] !== p)).toEqual([]);
    }),
  );
});

test('no partition key of one partner is a partition key of another, whatever the other ids', () => {
  fc.assert(
    fc.property(
      twoPartners,
      fc.array(part, { minLength: 4, maxLength: 4 }),
      fc.array(part, { minLength: 4, maxLength: 4 }),
      state,
      state,
      ([p, q], idsOfP, idsOfQ, s, t) => {
        const ofQ = new Set(partnerPartitions(q, idsOfQ, t));
        expect(partnerPartitions(p, idsOfP, s).filter((key) => ofQ.has(key))).toEqual([]);
      },
    ),
  );
});

test('the global queues and per-recipient keys never take the form of a partner partition', () => {
  fc.assert(
    fc.property(part, part, part, (a, b, c) => {
      const global = [
        keys.domain(a),
        keys.organization(a),
        keys.invitationToken(a),
        keys.clientDayCounter(a, b),
        keys.usedFormNonce(a),
        keys.recipientDayCounter(a, b),
        keys.bouncedRecipient(a),
        keys.sentMessage(a),
        keys.activeDelegatedAdminIndexes(a, b, c),
        keys.pendingInvitationQueue,
        keys.activeDelegatedAdminQueue,
      ] as Record<string, unknown>[];
      expect(global.flatMap((item) => [item.pk, item.gsi3pk]).filter((key) => typeof key === 'string' && key.startsWith('PARTNER#'))).toEqual([]);
    }),
  );
});

describe('searchKey', () => {
  test('is idempotent: a key is its own key', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => expect(searchKey(searchKey(s))).toBe(searchKey(s))));
  });

  // Letters with a one-to-one case pair. The others are not matched across case, a known limit of
  // lower-casing (it is not Unicode case folding), reported on issue 8: "STRASSE" does not find "Straße",
  // "istanbul" does not find "İSTANBUL" (İ lower-cases to i + U+0307, ı upper-cases to I), and a query ending
  // in Σ ("ΚΩΣ") does not find "ΚΩΣΤΑΣ" (final sigma). Fixing it changes the stored index keys.
  const sigma = /[ΣσςϲϹ]/;
  const simpleCase = (ch: string) =>
    !sigma.test(ch) &&
    [...ch.toUpperCase()].length === 1 &&
    [...ch.toLowerCase()].length === 1 &&
    ch.toUpperCase().toLowerCase() === ch.toLowerCase() &&
    ch.toLowerCase().toUpperCase() === ch.toUpperCase();
  // Latin, Greek and Cyrillic letters as names are written (precomposed: no combining marks), digits, punctuation.
  const nameChar = fc.oneof(
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,&-\''),
    fc.integer({ min: 0xc0, max: 0x52f }).map((cp) => String.fromCodePoint(cp)).filter((ch) => !/\p{M}/u.test(ch) && simpleCase(ch)),
  );

  test('does not see case: a prefix of a name, with any of its letters upper- or lower-cased, finds the name', () => {
    fc.assert(
      fc.property(fc.array(nameChar, { minLength: 1, maxLength: 20 }), fc.nat(), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), (name, cut, upper) => {
        const query = name
          .slice(0, 1 + (cut % name.length))
          .map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase()))
          .join('');
        expect(searchKey(name.join('')).startsWith(searchKey(query))).toBe(true);
      }),
    );
  });
});
