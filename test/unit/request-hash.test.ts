// The hash that ties an Idempotency-Key to its request (requestHash): a retry of the same request must
// replay, however the client's JSON library orders keys or spaces the text; a different request under the
// same key must be refused, so any change of a value must change the hash.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { requestHash } from '../../shared/customers/service.js';

const body = fc.jsonValue({ maxDepth: 3 });

/** The same JSON value with the members of every object in another order, fixed by `seed`. */
function reordered(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reordered(v, seed));
  if (value === null || typeof value !== 'object') return value;
  const rank = (name: string) => createHash('sha256').update(`${seed}:${name}`).digest('hex');
  const names = Object.keys(value).sort((a, b) => rank(a).localeCompare(rank(b)));
  return Object.fromEntries(names.map((n) => [n, reordered((value as Record<string, unknown>)[n], seed)]));
}

test('the same request, with its keys in any order and any spacing, has one hash', () => {
  fc.assert(
    fc.property(body, fc.integer(), fc.constantFrom(0, 1, 2, '\t', ' \n '), (value, seed, space) => {
      const resent = JSON.parse(JSON.stringify(reordered(value, seed), null, space));
      expect(requestHash(resent)).toBe(requestHash(value));
    }),
  );
});

const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
/** A place in a body: the names and indexes leading to it, built into `value` by `put`. */
const put = (path: (string | number)[], leaf: unknown): unknown => {
  if (path.length === 0) return leaf;
  const [step, ...rest] = path;
  return typeof step === 'number' ? [...Array(step).fill(0), put(rest, leaf)] : { [step!]: put(rest, leaf) };
};
const path = fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.nat(2)), { maxLength: 4 });

test('two requests that differ in one value anywhere have different hashes', () => {
  fc.assert(
    fc.property(path, scalar, scalar, (at, a, b) => {
      // JSON has one -0 and 0 (both "0"); any other difference is a different request.
      fc.pre(JSON.stringify(a) !== JSON.stringify(b));
      expect(requestHash(put(at, a))).not.toBe(requestHash(put(at, b)));
    }),
  );
});

test('order inside an array and the type of a value count', () => {
  fc.assert(
    fc.property(fc.uniqueArray(scalar, { minLength: 2, maxLength: 5, selector: (v) => JSON.stringify(v) }), (items) => {
      expect(requestHash({ items: [...items].reverse() })).not.toBe(requestHash({ items }));
    }),
  );
  fc.assert(fc.property(fc.integer(), (n) => expect(requestHash({ n: String(n) })).not.toBe(requestHash({ n }))));
});
