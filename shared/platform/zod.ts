// Every schema module takes zod from here (an import boundary checks it): zod/mini, the small build (about 60 kB
// less in each bundle than zod classic), with zod's English messages, which zod/mini leaves out unless asked.
//
// How to write a schema (zod classic → zod/mini; the same checks, the same messages, the same document):
//   string().min(1).max(50)              → string().check(minLength(1), maxLength(50))
//   .regex(re, 'msg'), .trim()           → .check(regex(re, 'msg')), .check(trim())     (checks run in the order given)
//   number().int().min(0), string().uuid() → number().check(int(), minimum(0)), uuid()
//   .refine(fn, { message, path })       → .check(refine(fn, { message, path })); .superRefine(fn) → .check(superRefine(fn))
//   .optional() .nullable() .default(v)  → optional(s), nullable(s), _default(s, v)
//   .transform(fn)                       → pipe(s, transform(fn)); preprocess(fn, s) → pipe(transform(fn), s)
//   A.extend({...}) .omit({...}) .partial() → extend(A, {...}), omit(A, {...}), partial(A)
//   .meta({ id, description, example })  → .register(globalRegistry, {...}) on a schema built right there;
//                                          .check(meta({...})) to annotate a copy of a shared one (as Culture does).
//   An `id` makes the schema a component of the OpenAPI document. An object that others extend, omit or make
//   partial must carry no checks (zod refuses), so it takes its metadata with register.
// Then `npm run openapi` regenerates the document (a unit test fails until it matches the schemas).
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';
