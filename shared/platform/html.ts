import { neutralizeControls } from './text.js';

/** Escapes text for HTML element content and quoted attribute values, with control and bidi characters neutralized. */
export const escapeHtml = (value: unknown): string =>
  neutralizeControls(String(value)).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Headers for every HTML page: nothing cached, no referrer, nothing loaded from elsewhere. */
export const HTML_PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
} as const;
