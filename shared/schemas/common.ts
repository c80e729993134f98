import { array, coerce, email, iso, number, object, string } from 'zod';
import { BARE_LEGAL_FORMS, COUNTRY_CODES, WEBMAIL_DOMAINS } from './reference-data.js';

export const CountryCode = string()
  .transform((s) => s.toUpperCase())
  .refine((s) => COUNTRY_CODES.has(s), { message: 'must be an ISO 3166-1 alpha-2 country code' })
  .meta({ description: 'ISO 3166-1 alpha-2 country code', example: 'US' });

const DOMAIN_PATTERN = /^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export const Domain = string()
  .transform((s) => s.trim().toLowerCase())
  .refine((s) => DOMAIN_PATTERN.test(s), { message: 'must be a domain name such as contoso.onmicrosoft.com' })
  .meta({ example: 'contoso.onmicrosoft.com' });

export const Email = email().max(254).transform((s) => s.toLowerCase()).meta({ example: 'admin@contoso.com' });

export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

export const BusinessEmail = Email.refine((e) => !WEBMAIL_DOMAINS.has(emailDomain(e)), {
  message: 'must be a business address, not a web-mail one',
});

export const CompanyName = string()
  .trim()
  .min(2)
  .max(256)
  .refine((s) => /[\p{L}\p{N}]/u.test(s), { message: 'must contain letters or digits' })
  .refine((s) => !BARE_LEGAL_FORMS.has(s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')), {
    message: 'must be the legal name, not only a legal form such as "LLC"',
  })
  .meta({ example: 'Contoso Ltd' });

const Locale = string().refine(
  (s) => {
    try {
      return Intl.getCanonicalLocales(s).length === 1;
    } catch {
      return false;
    }
  },
  { message: 'must be a BCP 47 language tag' },
);
export const Culture = Locale.meta({ example: 'en-US' });
export const Language = Locale.meta({ example: 'en' });

export const PhoneNumber = string()
  .trim()
  .regex(/^\+?[0-9 ()\-.]{4,30}$/, 'must be a phone number')
  .meta({ example: '+1 425 555 0100' });

export const IsoDateTime = iso.datetime({ offset: true }).meta({ example: '2026-11-25T10:00:00Z' });

export const Id = string().uuid();

export const Limit = coerce.number().int().min(1).max(100).default(25);

export const ContinuationToken = string().min(1).max(2048).meta({ description: 'Opaque; pass back as given' });

export const Problem = object({
    type: string(),
    title: string(),
    status: number().int(),
    detail: string(),
    instance: string().optional(),
    errors: array(object({ path: string(), message: string() })).optional(),
    qualifyingAddresses: object({ domains: array(string()), adminContacts: array(string()) })
      .optional()
      .meta({ description: 'recipient-outside-organization: the domains whose addresses may accept, and the masked admin contacts' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
