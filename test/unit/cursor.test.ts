// Continuation tokens (sealCursor / openCursor): a token opens to exactly the key it sealed, and only for
// the listing it was issued for; a token changed in any byte, cut short or opened for another partner or
// query is refused as a client error, never read.
process.env.TABLE_NAME = 'unit';
process.env.CURSOR_KEY = '5e'.repeat(32);

import fc from 'fast-check';
import { openCursor, sealCursor } from '../../shared/platform/dynamo/cursor.js';
import { Problem } from '../../shared/platform/errors.js';

// A DynamoDB LastEvaluatedKey: table and index key attributes, strings or numbers.
const lastKey = fc.dictionary(fc.constantFrom('pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi3sk'), fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer()), {
  minKeys: 1,
});
// What query.ts binds a token to: `customers|<partner>|<state>|<q>` and the like, q being any search text.
const binding = fc.string({ unit: 'grapheme', maxLength: 40 });
const sealed = fc.tuple(lastKey, binding).map(([key, bound]) => ({ key, bound }));

const refused = async (token: string, bound: string) => {
  const error = await openCursor(token, bound).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  expect((error as Problem).code).toBe('http.invalidContinuationToken');
};

test('a token opens to the key it sealed, for the binding it was sealed to', async () => {
  await fc.assert(
    fc.asyncProperty(sealed, async ({ key, bound }) => {
      expect(await openCursor(await sealCursor(key, bound), bound)).toEqual(key);
    }),
  );
});

test('sealing the same key twice gives two different tokens (a fresh nonce each time)', async () => {
  await fc.assert(
    fc.asyncProperty(sealed, async ({ key, bound }) => {
      expect(await sealCursor(key, bound)).not.toBe(await sealCursor(key, bound));
    }),
  );
});

test('a token with any byte changed is refused', async () => {
  await fc.assert(
    fc.asyncProperty(sealed, fc.nat(), fc.integer({ min: 1, max: 255 }), async ({ key, bound }, at, flip) => {
      const raw = Buffer.from((await sealCursor(key, bound))!, 'base64url');
      raw[at % raw.length]! ^= flip;
      await refused(raw.toString('base64url'), bound);
    }),
  );
});

test('a token cut short or with bytes added is refused', async () => {
  await fc.assert(
    fc.asyncProperty(sealed, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), async ({ key, bound }, cut, extra) => {
      const raw = Buffer.from((await sealCursor(key, bound))!, 'base64url');
      await refused(raw.subarray(0, cut % raw.length).toString('base64url'), bound);
      await refused(Buffer.concat([raw, extra]).toString('base64url'), bound);
    }),
  );
});

test('a token opened for another partner or another query is refused', async () => {
  await fc.assert(
    fc.asyncProperty(sealed, binding, async ({ key, bound }, other) => {
      fc.pre(other !== bound);
      await refused((await sealCursor(key, bound))!, other);
    }),
  );
});

test('text that is not a token at all is refused', async () => {
  await fc.assert(fc.asyncProperty(fc.string({ maxLength: 80 }), binding, async (text, bound) => refused(text, bound)));
});
