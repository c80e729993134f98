// The frame of every public page: plain HTML that works without JavaScript under HTML_PAGE_HEADERS' CSP
// (inline styles only), readable on a phone. Written with the `html` tag: every interpolated value is escaped.
import { html, joinHtml, raw, type SafeHtml } from './html.js';
import { resolveLocale, t, type Locale, type MessageKey } from './i18n/messages.js';

const STYLE = raw(`*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem;overflow-wrap:break-word}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .5rem}
section,form{margin:1.5rem 0}
.field{margin:0 0 1.25rem}label{display:block;font-weight:600}
.hint{display:block;color:#555;font-size:.95rem}
.error{display:block;color:#b00020;font-weight:600}
input,textarea{display:block;width:100%;font:inherit;padding:.6rem;margin-top:.25rem;border:2px solid #555;border-radius:4px}
textarea{min-height:6rem}
.invalid input,.invalid textarea{border-color:#b00020}
button{font:inherit;font-weight:600;padding:.75rem 1.25rem;border:0;border-radius:4px;cursor:pointer;width:100%;max-width:20rem}
.primary{background:#0a6b2e;color:#fff}.secondary{background:#e9e9e9;color:#1b1b1b;border:2px solid #555}
:focus-visible{outline:3px solid #fd0;outline-offset:2px}
.summary{border:3px solid #b00020;padding:1rem;margin:1rem 0}.summary h2{margin-top:0}
.summary a{color:#b00020}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (min-width:40rem){main{padding:2rem 1rem}}`);

/** The one place for <head>: lang, viewport, the inline stylesheet, and a title matching the <h1>. */
export function layout(locale: Locale, title: string, body: SafeHtml, hasErrors = false, style: SafeHtml = html``): string {
  const pageTitle = hasErrors ? t(locale, 'page.errorTitle', { title }) : title;
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${pageTitle}</title>
<style>${STYLE}${style}</style></head>
<body><main>
<h1>${title}</h1>
${body}
</main></body></html>`.toString();
}

/** Attributes from a record: every value escaped; `true` gives a bare attribute, false/undefined none. */
export function attrs(record: Record<string, string | number | boolean | undefined>): SafeHtml {
  const present = Object.entries(record).filter((entry): entry is [string, string | number | true] => entry[1] !== undefined && entry[1] !== false);
  return joinHtml(present.map(([name, value]) => (value === true ? html`${name}` : html`${name}="${value}"`)), ' ');
}

const ERROR_KINDS = {
  badRequest: ['error.badRequest.title', 'error.badRequest.body'],
  notFound: ['error.notFound.title', 'error.notFound.body'],
  tooMany: ['error.tooMany.title', 'error.tooMany.body'],
  server: ['error.server.title', 'error.server.body'],
} as const satisfies Record<string, readonly [MessageKey, MessageKey]>;

const errorKind = (status: number): keyof typeof ERROR_KINDS =>
  status === 429 ? 'tooMany' : status === 404 || status === 410 ? 'notFound' : status >= 400 && status < 500 ? 'badRequest' : 'server';

export function renderErrorPage(model: { locale: string; status: number }): string {
  const locale = resolveLocale(model.locale);
  const [title, body] = ERROR_KINDS[errorKind(model.status)];
  return layout(locale, t(locale, title), html`<p>${t(locale, body)}</p>`);
}
