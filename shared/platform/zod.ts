// Every schema module takes zod from here: zod/mini, the small build (about 70 kB less in each bundle than
// zod classic), with zod's English messages, which zod/mini leaves out unless asked.
//
// How to write a schema (zod classic → zod/mini; the same checks, messages and document):
//   string().min(1).max(50)            → string().check(minLength(1), maxLength(50))
//   .regex(re, 'msg'), .trim()         → .check(regex(re, 'msg')), .check(trim())   (checks run in the order given)
//   number().int().min(0)              → number().check(int(), minimum(0))
//   .refine(fn, { message, path })     → .check(refine(fn, { message, path })); .superRefine(fn) → .check(superRefine(fn))
//   .optional() .nullable() .default(v) → optional(s), nullable(s), _default(s, v)
//   .transform(fn)                     → pipe(s, transform(fn)); preprocess(fn, s) → pipe(transform(fn), s)
//   A.extend({...}) .omit({...}) .partial() → extend(A, {...}), omit(A, {...}), partial(A)
//   .meta({ id, description, example }) → .check(meta({ ... })): `id` makes it a component of the OpenAPI document
// Then `npm run openapi` regenerates shared/openapi.json (a unit test fails until it matches).
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';
