// Key building, over generated ids rather than a few samples. Each feature builds its own keys (its
// entity.ts); the table's items are not migrated, so every builder must spell its keys exactly as they
// have been stored. And: distinct items never share a key, a partner's items live only under partition
// keys its own id leads (so no key built for one partner can reach another's items), and the search key
// that names and queries are compared by.
import fc from 'fast-check';
import { searchKey } from '../../shared/platform/dynamo/keys.js';
import { activityKeys } from '../../shared/activity/entity.js';
import { customerKeys } from '../../shared/customers/entity.js';
import { grantKeys } from '../../shared/delegated-admin/entity.js';
import { endedProviderKey, providerAuthorizationKey, providerLinksKey, resellerLinkKey, resellerLinksKey } from '../../shared/indirect-providers/entity.js';
import { resellerInvitationKeys } from '../../shared/reseller-invitations/entity.js';
import { invitationKeys } from '../../shared/invitations/entity.js';
import { domainKey, organizationKey } from '../../shared/organizations/entity.js';
import { partnerProfileKey } from '../../shared/partner/entity.js';
import { relationshipLinkKeys } from '../../shared/relationships/entity.js';
import { IDEMPOTENCY_KEY } from '../../shared/customers/schemas.js';
import { outboxKey } from '../../shared/platform/mail/outbox.js';
import { formNonceKey } from '../../shared/platform/http/form-nonce.js';
import { informationRequestKeys } from '../../shared/information-requests/entity.js';

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

describe('every key is spelled as it is stored', () => {
  // The spelling of each key, written out: a change to any of these is a data migration, not a refactoring.
  test('table keys', () => {
    fc.assert(
      fc.property(part, part, part, part, fc.nat(), (a, b, c, d, n) => {
        const P = `PARTNER#${a}`;
        expect([
          partnerProfileKey(a),
          domainKey(a),
          organizationKey(a),
          customerKeys.customer(a, b),
          customerKeys.domainTerm(a, b),
          customerKeys.collection(a, b),
          customerKeys.agreement(a, b, c, d),
          customerKeys.tenant(a, b),
          customerKeys.idempotency(a, b),
          invitationKeys.invitation(a, b),
          invitationKeys.token(a),
          outboxKey({ partnerId: a, id: `${b}#${n}` }, 'invitation'),
          invitationKeys.pendingCounter(a, 'partner'),
          invitationKeys.pendingCounter(a, 'relationshipLink'),
          invitationKeys.recipientDayCounter(a, b),
          invitationKeys.bouncedRecipient(a),
          invitationKeys.sentMessage(a),
          grantKeys.grant(a, b),
          grantKeys.name(a, b),
          providerAuthorizationKey(a, b),
          providerLinksKey(a),
          endedProviderKey(a, b),
          resellerLinkKey(a, b),
          resellerLinksKey(a),
          resellerInvitationKeys.invitation(a, b),
          resellerInvitationKeys.listing(a),
          resellerInvitationKeys.token(a),
          relationshipLinkKeys.linkDayCounter(a, b),
          relationshipLinkKeys.clientDayCounter(a, b),
          formNonceKey(a),
        ]).toEqual([
          { pk: P, sk: 'PROFILE' },
          { pk: `DOMAIN#${a}`, sk: 'DOMAIN' },
          { pk: `ORGANIZATION#${a}`, sk: 'ORGANIZATION' },
          { pk: P, sk: `CUSTOMER#${b}` },
          { pk: P, sk: `CUSTOMER#${b}#TERM#DOMAIN` },
          { pk: P, skPrefix: `CUSTOMER#${b}` },
          { pk: P, sk: `CUSTOMER#${b}#AGREEMENT#${c}#${d}` },
          { pk: P, sk: `TENANT#${b}` },
          { pk: P, sk: `IDEMPOTENCY#${b}` },
          { pk: P, sk: `INVITATION#${b}` },
          { pk: `INVITATION_TOKEN#${a}`, sk: 'TOKEN' },
          { pk: P, sk: `OUTBOX#invitation#${b}#${n}` },
          { pk: P, sk: 'COUNTER#PENDING_INVITATIONS' },
          { pk: P, sk: 'COUNTER#PENDING_LINK_INVITATIONS' },
          { pk: `RECIPIENT#${a}`, sk: `DAY#${b}` },
          { pk: `RECIPIENT#${a}`, sk: 'BOUNCED' },
          { pk: `SES_MESSAGE#${a}`, sk: 'MESSAGE' },
          { pk: P, sk: `DELEGATED_ADMIN#${b}` },
          { pk: P, sk: `DELEGATED_ADMIN_NAME#${searchKey(b)}` },
          { pk: P, sk: `INDIRECT_PROVIDER#${b}` },
          { pk: P, skPrefix: 'INDIRECT_PROVIDER' },
          { pk: P, sk: `INDIRECT_PROVIDER_ENDED#${b}` },
          { pk: P, sk: `INDIRECT_RESELLER#${b}` },
          { pk: P, skPrefix: 'INDIRECT_RESELLER#' },
          { pk: P, sk: `RESELLER_INVITATION#${b}` },
          { index: 'listing', pk: `${P}#RESELLER_INVITATIONS` },
          { pk: `RESELLER_INVITATION_TOKEN#${a}`, sk: 'TOKEN' },
          { pk: P, sk: `COUNTER#LINK_REQUESTS#${b}` },
          { pk: `CLIENT#${a}`, sk: `LINK_REQUESTS#${b}` },
          { pk: `FORM_NONCE#${a}`, sk: 'USED' },
        ]);
      }),
    );
  });

  test('index keys and the queries over them', () => {
    fc.assert(
      // `d` is a state or customer id that is given (an empty one is none), `e` one that may be missing.
      fc.property(part, part, part, part.filter((d) => d !== ''), state, fc.option(part, { nil: undefined }), (a, b, c, d, s, e) => {
        const P = `PARTNER#${a}`;
        const name = `${searchKey(c)}#${b}`;
        expect([
          customerKeys.indexes(a, b, s, c),
          customerKeys.domainTermIndexes(a, b, s, c),
          customerKeys.listing(a),
          customerKeys.listing(a, s),
          customerKeys.search(a),
          customerKeys.search(a, s),
          invitationKeys.indexes(a, b, c, d, e),
          invitationKeys.listing(a),
          invitationKeys.listing(a, d),
          invitationKeys.pendingQueue({ day: d }),
          invitationKeys.pendingQueue('unsharded'),
          grantKeys.ofCustomer(a, b),
          grantKeys.listing(a, b),
          grantKeys.activeIndexes(a, b, c),
          grantKeys.activeQueue({ day: d }),
          grantKeys.activeQueue('unsharded'),
          grantKeys.activeEndingBy(c),
          activityKeys.entry(a, b, c, e),
          activityKeys.log(a),
          activityKeys.log(a, d),
        ]).toEqual([
          { gsi1pk: `${P}#CUSTOMERS`, gsi1sk: name, gsi2pk: `${P}#CUSTOMERS#${s}`, gsi2sk: name, gsi3pk: `${P}#SEARCH`, gsi3sk: name, gsi4pk: `${P}#SEARCH#${s}`, gsi4sk: name },
          { gsi3pk: `${P}#SEARCH`, gsi3sk: name, gsi4pk: `${P}#SEARCH#${s}`, gsi4sk: name },
          { index: 'listing', pk: `${P}#CUSTOMERS` },
          { index: 'listingByState', pk: `${P}#CUSTOMERS#${s}` },
          { index: 'search', pk: `${P}#SEARCH` },
          { index: 'searchByState', pk: `${P}#SEARCH#${s}` },
          {
            gsi1pk: `${P}#INVITATIONS`,
            gsi1sk: `${c}#${b}`,
            gsi2pk: `${P}#INVITATIONS#${d}`,
            gsi2sk: `${c}#${b}`,
            // The expiry queue's partition is the UTC day of the expiry (the first ten characters of its ISO time).
            ...(e ? { gsi3pk: `INVITATIONS#PENDING#${e.slice(0, 10)}`, gsi3sk: `${e}#${a}#${b}` } : {}),
          },
          { index: 'listing', pk: `${P}#INVITATIONS` },
          { index: 'listingByState', pk: `${P}#INVITATIONS#${d}` },
          { index: 'search', pk: `INVITATIONS#PENDING#${d}` },
          { index: 'search', pk: 'INVITATIONS#PENDING' },
          { gsi1pk: `${P}#CUSTOMER#${b}#DELEGATED_ADMIN` },
          { index: 'listing', pk: `${P}#CUSTOMER#${b}#DELEGATED_ADMIN` },
          { gsi3pk: `DELEGATED_ADMIN#ACTIVE#${c.slice(0, 10)}`, gsi3sk: `${c}#${a}#${b}` },
          { index: 'search', pk: `DELEGATED_ADMIN#ACTIVE#${d}` },
          { index: 'search', pk: 'DELEGATED_ADMIN#ACTIVE' },
          `${c}$`,
          { pk: `${P}#ACTIVITY`, sk: `${b}#${c}`, ...(e ? { gsi1pk: `${P}#ACTIVITY#${e}`, gsi1sk: `${b}#${c}` } : {}) },
          { index: undefined, pk: `${P}#ACTIVITY` },
          { index: 'listing', pk: `${P}#ACTIVITY#${d}` },
        ]);
      }),
    );
  });
});

// The values each part of a key takes in the product: ids are UUIDs, times ISO 8601, hashes base64url
// SHA-256, days UTC dates, idempotency keys what the header allows; grant names compare by their search key.
const uuid = fc.uuid();
const iso = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const day = iso.map((t) => t.slice(0, 10));
const hash = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
const generation = fc.integer({ min: 1, max: 1000 });
const idempotencyKey = fc.stringMatching(IDEMPOTENCY_KEY);
const sesMessageId = fc.stringMatching(/^[0-9a-f]{16}-[0-9a-f-]{8,40}$/);
const displayName = fc.string({ minLength: 1, maxLength: 50 });

/** One stored item: what it is (kind and the inputs that tell it apart) and its table key. */
const item = <A extends unknown[]>(kind: string, args: fc.Arbitrary<A>, key: (...a: A) => { pk: string; sk: string }, identity: (...a: A) => unknown[] = (...a) => a) =>
  args.map((a) => ({ what: JSON.stringify([kind, ...identity(...a)]), key: key(...a) }));

const anyItem = fc.oneof(
  item('partnerProfile', fc.tuple(partnerId), partnerProfileKey),
  item('domain', fc.tuple(fc.domain()), domainKey),
  item('organization', fc.tuple(uuid), organizationKey),
  item('customer', fc.tuple(partnerId, uuid), customerKeys.customer),
  item('domainTerm', fc.tuple(partnerId, uuid), customerKeys.domainTerm),
  item('agreement', fc.tuple(partnerId, uuid, iso, uuid), customerKeys.agreement),
  item('tenant', fc.tuple(partnerId, uuid), customerKeys.tenant),
  item('idempotency', fc.tuple(partnerId, idempotencyKey), customerKeys.idempotency),
  item('invitation', fc.tuple(partnerId, uuid), invitationKeys.invitation),
  item('token', fc.tuple(hash), invitationKeys.token),
  item('outbox', fc.tuple(partnerId, fc.constantFrom('invitation', 'grantEndWarning'), uuid, generation), (p, kind, id, g) => outboxKey({ partnerId: p, id: `${id}#${g}` }, kind)),
  item('pendingCounter', fc.tuple(partnerId, fc.constantFrom('partner', 'relationshipLink' as const)), invitationKeys.pendingCounter),
  item('recipientDay', fc.tuple(hash, day), invitationKeys.recipientDayCounter),
  item('bounced', fc.tuple(hash), invitationKeys.bouncedRecipient),
  item('sentMessage', fc.tuple(sesMessageId), invitationKeys.sentMessage),
  item('grant', fc.tuple(partnerId, uuid), grantKeys.grant),
  item('grantName', fc.tuple(partnerId, displayName), grantKeys.name, (p, name) => [p, searchKey(name)]),
  item('providerAuthorization', fc.tuple(partnerId, partnerId), providerAuthorizationKey),
  item('endedProvider', fc.tuple(partnerId, partnerId), endedProviderKey),
  item('resellerLink', fc.tuple(partnerId, partnerId), resellerLinkKey),
  item('resellerInvitation', fc.tuple(partnerId, uuid), resellerInvitationKeys.invitation),
  item('resellerInvitationToken', fc.tuple(hash), resellerInvitationKeys.token),
  item('activity', fc.tuple(partnerId, iso, uuid), (p, at, id) => activityKeys.entry(p, at, id)),
  item('linkDay', fc.tuple(partnerId, day), relationshipLinkKeys.linkDayCounter),
  item('clientDay', fc.tuple(hash, day), relationshipLinkKeys.clientDayCounter),
  item('formNonce', fc.tuple(hash), formNonceKey),
  item('informationRequest', fc.tuple(uuid), informationRequestKeys.request),
  item('informationRequestToken', fc.tuple(hash), informationRequestKeys.token),
  item('informationRequestClientDay', fc.tuple(hash, day), informationRequestKeys.clientDayCounter),
  item('informationRequestPartnerDay', fc.tuple(partnerId, day), informationRequestKeys.partnerDayCounter),
);

test('two different items never have the same key, of whatever kinds', () => {
  fc.assert(
    fc.property(fc.array(anyItem, { minLength: 2, maxLength: 40 }), (items) => {
      const byKey = new Map<string, string>();
      for (const { what, key } of items) {
        const at = `${key.pk}\u0000${key.sk}`;
        expect(byKey.get(at) ?? what).toBe(what);
        byKey.set(at, what);
      }
    }),
  );
  // Pairs that share a partner or a kind, which a generator of whole lists rarely draws.
  fc.assert(
    fc.property(partnerId, uuid, uuid, (p, a, b) => {
      const sameCustomer = [customerKeys.customer(p, a), customerKeys.domainTerm(p, a), customerKeys.tenant(p, a), invitationKeys.invitation(p, a), grantKeys.grant(p, a), customerKeys.agreement(p, a, '2026-01-01T00:00:00.000Z', b)];
      expect(new Set(sameCustomer.map((k) => `${k.pk}\u0000${k.sk}`)).size).toBe(sameCustomer.length);
    }),
  );
});

/** Every partition key value (table and index) of every partner-scoped key the builders make. */
function partnerPartitions(p: string, [a, b, c, d]: string[], s: 'active' | 'ended'): string[] {
  const items: Record<string, unknown>[] = [
    partnerProfileKey(p),
    customerKeys.customer(p, a!),
    customerKeys.domainTerm(p, a!),
    customerKeys.collection(p, a!),
    customerKeys.agreement(p, a!, b!, c!),
    customerKeys.indexes(p, a!, s, b!),
    customerKeys.domainTermIndexes(p, a!, s, b!),
    customerKeys.listing(p),
    customerKeys.listing(p, s),
    customerKeys.search(p),
    customerKeys.search(p, s),
    customerKeys.tenant(p, a!),
    invitationKeys.invitation(p, a!),
    invitationKeys.indexes(p, a!, b!, c!),
    invitationKeys.listing(p),
    invitationKeys.listing(p, c!),
    outboxKey({ partnerId: p, id: b! }, a!),
    invitationKeys.pendingCounter(p, 'partner'),
    invitationKeys.pendingCounter(p, 'relationshipLink'),
    relationshipLinkKeys.linkDayCounter(p, b!),
    grantKeys.grant(p, a!),
    grantKeys.ofCustomer(p, a!),
    grantKeys.listing(p, a!),
    grantKeys.name(p, b!),
    providerAuthorizationKey(p, d!),
    providerLinksKey(p),
    endedProviderKey(p, d!),
    resellerLinkKey(p, d!),
    resellerLinksKey(p),
    resellerInvitationKeys.invitation(p, a!),
    resellerInvitationKeys.listing(p),
    customerKeys.idempotency(p, d!),
    activityKeys.entry(p, b!, c!, a!),
    activityKeys.log(p),
    activityKeys.log(p, a!),
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
        domainKey(a),
        organizationKey(a),
        invitationKeys.token(a),
        relationshipLinkKeys.clientDayCounter(a, b),
        formNonceKey(a),
        informationRequestKeys.request(a),
        informationRequestKeys.token(a),
        informationRequestKeys.clientDayCounter(a, b),
        invitationKeys.recipientDayCounter(a, b),
        invitationKeys.bouncedRecipient(a),
        invitationKeys.sentMessage(a),
        grantKeys.activeIndexes(a, b, c),
        invitationKeys.pendingQueue({ day: a }),
        invitationKeys.pendingQueue('unsharded'),
        invitationKeys.pendingWatermark,
        grantKeys.activeQueue({ day: a }),
        grantKeys.activeQueue('unsharded'),
        grantKeys.activeWatermark,
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
