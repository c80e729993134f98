// Dates, countries and plurals as the reader's locale writes them, for pages and mails alike.
import { MESSAGES, t, type Locale, type MessageKey } from './messages.js';

/** The reader's time zone is unknown (no JavaScript on pages, none in mail), so dates are in UTC and say so. */
export function formatDate(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}

export function countryName(locale: Locale, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code; // not a region code: show what the profile holds
  }
}

/** `${base}.one` / `${base}.other` and so on, by the locale's plural rules; `.other` when a form is missing. */
export function plural(locale: Locale, base: string, count: number, values: Record<string, string | number>): string {
  const key = `${base}.${new Intl.PluralRules(locale).select(count)}`;
  return t(locale, (Object.hasOwn(MESSAGES.en, key) ? key : `${base}.other`) as MessageKey, values);
}
