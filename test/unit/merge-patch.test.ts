// The JSON merge patch (RFC 7396) that PATCH /v1/customers/{id} applies to a billing profile, checked
// against the RFC's rules over generated documents and patches rather than a few examples.
import fc from 'fast-check';
import { mergePatch } from '../../shared/customers/service.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Few names, so that patches and documents share members and nested objects really merge; "__proto__"
// because a request body is parsed JSON, where it is a member like any other.
const name = fc.constantFrom('email', 'defaultAddress', 'city', 'a', 'b', '__proto__');
const { doc } = fc.letrec<{ doc: unknown; value: unknown }>((tie) => ({
  doc: fc.dictionary(name, tie('value'), { maxKeys: 4 }),
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 4 }), fc.array(tie('value'), { maxLength: 3 }), tie('doc')),
}));
/** What a request body looks like once parsed: JSON.parse makes "__proto__" an own member. */
const asParsed = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const target = doc.map(asParsed);
const patch = fc.oneof({ weight: 4, arbitrary: doc }, fc.constant(null), fc.string({ maxLength: 4 }), fc.array(fc.integer(), { maxLength: 3 })).map(asParsed);

test('follows RFC 7396: null removes a member, an object merges member by member, anything else replaces', () => {
  const expectPatched = (before: unknown, p: unknown, after: unknown): void => {
    if (!isObject(p)) {
      expect(after).toEqual(p);
      return;
    }
    expect(isObject(after)).toBe(true);
    const base = isObject(before) ? before : {};
    const result = after as Record<string, unknown>;
    const expectedNames = new Set([...Object.keys(base), ...Object.keys(p)].filter((n) => !(Object.hasOwn(p, n) && p[n] === null)));
    expect(Object.keys(result).sort()).toEqual([...expectedNames].sort());
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    for (const n of expectedNames) {
      if (Object.hasOwn(p, n)) expectPatched(Object.hasOwn(base, n) ? base[n] : undefined, p[n], result[n]);
      else expect(result[n]).toEqual(base[n]);
    }
  };
  fc.assert(fc.property(target, patch, (t, p) => expectPatched(t, p, mergePatch(t, p))));
});

test('leaves the stored document and the patch as they were', () => {
  fc.assert(
    fc.property(target, patch, (t, p) => {
      const [tBefore, pBefore] = [JSON.stringify(t), JSON.stringify(p)];
      mergePatch(t, p);
      expect([JSON.stringify(t), JSON.stringify(p)]).toEqual([tBefore, pBefore]);
    }),
  );
});
