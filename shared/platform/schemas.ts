import { _default, coerce, email, int, iso, maxLength, maximum, meta, minLength, minimum, optional, pipe, refine, regex, string, transform, trim, uuid } from './zod.js';
import type { core } from './zod.js';
import { emailDomain } from './email-address.js';
import { BARE_LEGAL_FORMS, COUNTRY_CODES, WEBMAIL_DOMAINS } from './reference-data.js';
import { PARTNER_ID_PATTERN } from './partner-id.js';

// Requests may write country codes and domains in any case, and the document says so in a pattern of its own:
// JSON Schema patterns take no flags, so each letter becomes a class such as [Uu].
const anyCase = (letters: string): string => [...letters].map((l) => `${l}${l.toLowerCase()}`).join('');

const secondLetters = new Map<string, string>();
for (const code of COUNTRY_CODES) secondLetters.set(code[0]!, (secondLetters.get(code[0]!) ?? '') + code[1]!);
/** The assigned codes, grouped by first letter to keep the pattern short: ^(?:[Aa][DdEe…]|…)$. */
const COUNTRY_CODE_PATTERN = `^(?:${[...secondLetters].map(([first, seconds]) => `[${anyCase(first)}][${anyCase(seconds)}]`).join('|')})$`;

// Checked before case folding: toUpperCase maps some non-ASCII letters onto ASCII ('ſ' → 'S', 'ı' → 'I'), and
// an input the document's pattern refuses must not be accepted.
export const CountryCode = pipe(
  string().check(refine((s) => /^[A-Za-z]{2}$/.test(s) && COUNTRY_CODES.has(s.toUpperCase()), { message: 'must be an ISO 3166-1 alpha-2 country code' })),
  transform((s: string) => s.toUpperCase()),
).check(meta({ description: 'ISO 3166-1 alpha-2 country code (any case; kept upper-case)', example: 'US', pattern: COUNTRY_CODE_PATTERN }));

/** A domain name of 3 to 253 characters, in the letters given, with `around` allowed on either side. */
const domainPattern = (letter: string, around: string) =>
  `^${around}(?=\\S{3,253}${around}$)(?:[${letter}0-9](?:[${letter}0-9-]{0,61}[${letter}0-9])?\\.)+[${letter}][${letter}0-9-]{0,61}[${letter}0-9]${around}$`;

// The raw input is checked, as the document's pattern checks it: lower-casing first would let the Kelvin sign
// (U+212A) through as 'k'.
const DOMAIN_PATTERN = new RegExp(domainPattern('a-zA-Z', '\\s*'));

export const Domain = pipe(
  string().check(refine((s) => DOMAIN_PATTERN.test(s), { message: 'must be a domain name such as contoso.onmicrosoft.com' })),
  transform((s: string) => s.trim().toLowerCase()),
).check(
  meta({
    description: 'A domain name (any case, white space around it ignored; kept trimmed and lower-case)',
    example: 'contoso.onmicrosoft.com',
    pattern: DOMAIN_PATTERN.source,
  }),
);

export const Email = pipe(email().check(maxLength(254)), transform((s: string) => s.toLowerCase())).check(meta({ example: 'admin@contoso.com' }));

export const BusinessEmail = Email.check(
  refine((e) => !WEBMAIL_DOMAINS.has(emailDomain(e)), { message: 'must be a business address, not a web-mail one' }),
);

// Names and other text people type are shown to other people: in mail subjects, page titles, lists. A bidi
// control there makes text display other than it reads ("Contoso \u202Emoc.tfosorcim" shows as "Contoso
// microsoft.com"), an invisible character makes two different names look alike ("Help\u200Bdesk" next to
// "Helpdesk"), and a control character breaks the lines of a mail or a terminal. So such text refuses control
// characters (Cc: C0, DEL, C1), format characters (Cf: the bidi controls U+061C, U+200E, U+200F, U+202A–U+202E,
// U+2066–U+2069, zero-width space, word joiner, soft hyphen, byte order mark, tag characters...), the line and
// paragraph separators U+2028/U+2029 and lone surrogates. Letters, marks, digits, punctuation, symbols and
// spaces of every script stay. The zero-width non-joiner and joiner (U+200C, U+200D) are accepted between two
// non-ASCII letters, marks or emoji, where they belong to the spelling (Persian, Indic scripts) or to an emoji
// sequence; next to ASCII, at an end or beside a space they could only hide.
const JOINABLE = String.raw`(?![\x00-\x7F])[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}]`;
function plainText(lineBreaks: boolean) {
  const pattern = new RegExp(
    String.raw`^(?:[^\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]${lineBreaks ? String.raw`|[\t\n\r]` : ''}|(?<=${JOINABLE})[\u200C\u200D](?=${JOINABLE}))*$`,
    'u',
  );
  // The pattern's source is the pattern as it is meant: JSON Schema patterns are Unicode-aware, and take no flags.
  return string().check(trim(), regex(pattern, 'must not contain control, bidirectional or invisible formatting characters'), meta({ pattern: pattern.source }));
}

/** A field of a plain HTML form: one left empty arrives as `name=`, which means "not given". */
export const optionalFormField = <S extends core.SomeType>(schema: S) => pipe(transform((value: unknown) => (value === '' ? undefined : value)), optional(schema));

/** A name or another one-line text (trimmed); add its length limits with .check(minLength(n), maxLength(n)). */
export const SingleLineText = plainText(false);

/** Free text that may span lines (tab, LF and CR allowed), such as a reason; otherwise as SingleLineText. */
export const MultiLineText = plainText(true);

export const CompanyName = SingleLineText.check(
  minLength(2),
  maxLength(256),
  refine((s) => /[\p{L}\p{N}]/u.test(s), { message: 'must contain letters or digits' }),
  refine((s) => !BARE_LEGAL_FORMS.has(s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')), {
    message: 'must be the legal name, not only a legal form such as "LLC"',
  }),
  meta({ example: 'Contoso Ltd' }),
);

const Locale = string().check(
  refine(
    (s) => {
      try {
        return Intl.getCanonicalLocales(s).length === 1;
      } catch {
        return false;
      }
    },
    { message: 'must be a BCP 47 language tag' },
  ),
);
export const Culture = Locale.check(meta({ example: 'en-US' }));
export const Language = Locale.check(meta({ example: 'en' }));

export const PhoneNumber = string().check(trim(), regex(/^\+?[0-9 ()\-.]{4,30}$/, 'must be a phone number'), meta({ example: '+1 425 555 0100' }));

export const IsoDateTime = iso.datetime({ offset: true }).check(meta({ example: '2026-11-25T10:00:00Z' }));

export const Id = uuid();

/** Partner Center's partner id, as another partner is named in a request. */
export const PartnerId = string().check(regex(PARTNER_ID_PATTERN, 'must be a partner id'));

/** A US Government validation code as issued: letters, digits and hyphens, compared exactly (stored only as a hash). */
export const ValidationCode = string().check(regex(/^[A-Za-z0-9-]{6,64}$/, 'must be 6-64 letters, digits or hyphens'), meta({ description: 'A US Government validation code issued to the partner' }));

/** The hidden csrf value of a public page's form; it goes back with the cookie the page set. */
export const FormToken = string().check(minLength(1), maxLength(200), meta({ description: 'The value in the page form; send it with the cookie the page set' }));

export const Limit = _default(coerce.number().check(int(), minimum(1), maximum(100)), 25);

export const ContinuationToken = string().check(minLength(1), maxLength(2048), meta({ description: 'Opaque; pass back as given' }));
