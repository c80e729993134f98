// HTML that cannot forget an escape: every page and mail is written with the `html` tag, which escapes each
// interpolated string or number and inserts only what is already SafeHtml (another `html` result, or a list
// of them) as it is. The tag does not judge URLs: an href must be built from a trusted base (config's
// publicBaseUrl, a route's own path), never from text a person typed.
import { neutralizeControls } from './text.js';

let safe: (markup: string) => SafeHtml;

/** Markup that is safe to insert as it is: made only by `html` and `raw` (the constructor is private). */
export class SafeHtml {
  readonly #markup: string;
  private constructor(markup: string) {
    this.#markup = markup;
  }
  static {
    safe = (markup) => new SafeHtml(markup);
  }
  toString(): string {
    return this.#markup;
  }
}

/** What may go into `${…}`: text and numbers are escaped, SafeHtml and lists of it are inserted as they are. */
export type HtmlValue = SafeHtml | string | number | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content and quoted attribute values, with control and bidi characters neutralized. */
const escapeText = (value: string | number): string => neutralizeControls(String(value)).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const markupOf = (value: HtmlValue): string =>
  value instanceof SafeHtml ? value.toString() : Array.isArray(value) ? value.map(markupOf).join('') : escapeText(value as string | number);

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return safe(strings.reduce((out, text, i) => out + text + (i < values.length ? markupOf(values[i]!) : ''), ''));
}

/** Inserts SafeHtml parts with a separator between them (a list interpolated directly has none). */
export const joinHtml = (parts: readonly SafeHtml[], separator: string): SafeHtml => safe(parts.map(String).join(escapeText(separator)));

/**
 * Markup inserted without escaping. Only for constants written in this repository (a stylesheet): never for
 * anything read from a request, the table or the message catalogue. `grep -rn "raw("` lists every use.
 */
export const raw = (vettedConstant: string): SafeHtml => safe(vettedConstant);

/** Headers for every HTML page: nothing cached, no referrer, nothing loaded from elsewhere. */
export const HTML_PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
} as const;
