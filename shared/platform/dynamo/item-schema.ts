// Stored items are read through their schemas, by allow-list: only the fields a schema declares come
// out, so what the table holds for its own use (keys, index attributes, hashes, TTL, whatever is added
// later) never reaches a domain value unless a schema names it. A stored item that does not match is our
// fault, not the caller's: it is logged with its keys only (no field values) and thrown, which the HTTP
// edge answers as a 500.
//
// A reader of its own rather than zod: zod/mini would add about 19 kB to the mailer and cleanup bundles,
// which were slimmed by keeping zod out; this is under 1 kB. It only reads what this code itself wrote.
import { logger } from '../logger.js';

export interface Field<T> {
  read(value: unknown, path: string): T;
}

/** A field that may be absent: absent stays absent in what is read (no key set to undefined). */
export interface OptionalField<T> extends Field<T | undefined> {
  readonly optional: true;
}

type Shape = Record<string, Field<unknown>>;
type Read<F> = F extends Field<infer T> ? T : never;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalField<unknown> ? K : never }[keyof S];
type Flat<T> = { [K in keyof T]: T[K] };

/** The value an object schema reads: its optional fields are optional properties. */
export type ObjectOf<S extends Shape> = Flat<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Read<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Read<S[K]>, undefined> }
>;

export interface ObjectField<S extends Shape> extends Field<ObjectOf<S>> {
  /** The declared fields, for a schema that extends this one. */
  readonly fields: S;
}

/** What a schema reads (the domain type of a stored item). */
export type Infer<F> = Read<F>;

/** Where a stored value departs from its schema: a field path and what was expected, never the value. */
class Mismatch extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path || '(item)'}: expected ${expected}`);
  }
}

const primitive = <T>(expected: string, is: (value: unknown) => value is T): Field<T> => ({
  read(value, path) {
    if (!is(value)) throw new Mismatch(path, expected);
    return value;
  },
});

export const string = primitive('a string', (v): v is string => typeof v === 'string');
export const number = primitive('a number', (v): v is number => typeof v === 'number' && Number.isFinite(v));
export const boolean = primitive('a boolean', (v): v is boolean => typeof v === 'boolean');
/** Any stored JSON value, taken as it is (activity before/after values, a stored response body). */
export const unknown: Field<unknown> = { read: (value) => value };

/** One of a fixed list; the list is the one the API schema is built from, so both know the same values. */
export const oneOf = <const T extends string>(values: readonly T[]): Field<T> =>
  primitive(`one of ${values.join(', ')}`, (v): v is T => typeof v === 'string' && (values as readonly string[]).includes(v));

export const optional = <T>(field: Field<T>): OptionalField<T> => ({
  optional: true,
  read: (value, path) => (value === undefined ? undefined : field.read(value, path)),
});

/** A value that may be stored as null (a number not known yet, say). */
export const nullable = <T>(field: Field<T>): Field<T | null> => ({
  read: (value, path) => (value === null ? null : field.read(value, path)),
});

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const array = <T>(of: Field<T>): Field<T[]> => ({
  read(value, path) {
    if (!Array.isArray(value)) throw new Mismatch(path, 'a list');
    return value.map((element, i) => of.read(element, `${path}[${i}]`));
  },
});

/** A map with any keys (e.g. stored response headers). */
export const record = <T>(of: Field<T>): Field<Record<string, T>> => ({
  read(value, path) {
    if (!isObject(value)) throw new Mismatch(path, 'a map');
    return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, of.read(v, `${path}.${name}`)]));
  },
});

/** Only the declared fields come out; any other attribute of the value is left behind. */
export function object<S extends Shape>(fields: S): ObjectField<S> {
  return {
    fields,
    read(value, path) {
      if (!isObject(value)) throw new Mismatch(path, 'an object');
      const out: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(fields)) {
        const v = value[name];
        if (v === undefined && 'optional' in field) continue;
        out[name] = field.read(v, path ? `${path}.${name}` : name);
      }
      return out as ObjectOf<S>;
    },
  };
}

export class StoredItemMismatch extends Error {
  override readonly name = 'StoredItemMismatch';
}

/**
 * Reads a stored item (or a stream image, or the old item of a failed condition) through its schema.
 * A mismatch is logged and thrown with the item's table keys and the field path only.
 */
export function readItem<T>(schema: Field<T>, item: Record<string, unknown>): T {
  try {
    return schema.read(item, '');
  } catch (error) {
    if (!(error instanceof Mismatch)) throw error;
    const where = { pk: String(item.pk), sk: String(item.sk), field: error.path, expected: error.expected };
    logger.error('stored item does not match its schema', where);
    throw new StoredItemMismatch(`The stored item ${where.pk} ${where.sk} does not match its schema at ${error.message}.`);
  }
}

/** A domain value cut down to what `schema` declares (a record's API view, say): an allow-list too. */
export const project = <T>(schema: Field<T>, value: T): T => schema.read(value, '');
