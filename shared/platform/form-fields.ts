// The parts of the public pages' forms: labelled fields with their hints and errors, the error summary, and
// the hidden CSRF field. Written with the `html` tag: every interpolated value is escaped, attribute values included.
import { html, joinHtml, type SafeHtml } from './html.js';
import { t, type Locale } from './i18n/messages.js';
import { attrs } from './page-layout.js';

/** A form field's problem as the page shows it beside the field (`form`: the form as a whole). */
export type FieldError = { field: string; message: string };

export const p = (text: string) => html`<p>${text}</p>`;
const fieldId = (name: string) => `f-${name}`;
export const csrfField = (token: string) => html`<input ${attrs({ type: 'hidden', name: 'csrf', value: token })}>`;

export type Control = Record<string, string | number | boolean | undefined>;

/** A labelled control; its hint and error are tied to it with aria-describedby. */
/** `options`: a select of these `[value, text]` pairs, the one equal to the control's value selected. */
export function field(
  locale: Locale,
  errors: FieldError[],
  f: { name: string; label: string; hint?: string; textarea?: boolean; options?: readonly (readonly [string, string])[]; control: Control },
): SafeHtml {
  const id = fieldId(f.name);
  const messages = errors.filter((x) => x.field === f.name).map((x) => x.message);
  const hintId = f.hint ? `${id}-hint` : undefined;
  const errorId = messages.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = { id, name: f.name, 'aria-describedby': describedBy, 'aria-invalid': messages.length ? 'true' : undefined };
  const hint = hintId ? html`<span ${attrs({ class: 'hint', id: hintId })}>${f.hint!}</span>` : '';
  const error = errorId
    ? html`<span ${attrs({ class: 'error', id: errorId })}><span class="vh">${t(locale, 'form.errorPrefix')} </span>${joinHtml(messages.map((message) => html`${message}`), ' ')}</span>`
    : '';
  const { value, ...rest } = f.control;
  const control = f.options
    ? html`<select ${attrs({ ...common, ...rest })}>${f.options.map(([option, text]) => html`<option ${attrs({ value: option, selected: option === (value ?? '') })}>${text}</option>`)}</select>`
    : f.textarea
      ? html`<textarea ${attrs({ ...common, ...rest })}>${String(value ?? '')}</textarea>`
      : html`<input ${attrs({ ...common, ...f.control })}>`;
  return html`<div class="${messages.length ? 'field invalid' : 'field'}"><label ${attrs({ for: id })}>${f.label}</label>${hint}${error}${control}</div>`;
}

/** The summary at the top; errors for fields on the page link to them, others (e.g. the form as a whole) are plain text. */
export function errorSummary(locale: Locale, errors: FieldError[], fieldsOnPage: readonly string[]): SafeHtml {
  if (!errors.length) return html``;
  const items = errors.map((x) => (fieldsOnPage.includes(x.field) ? html`<li><a ${attrs({ href: `#${fieldId(x.field)}` })}>${x.message}</a></li>` : html`<li>${x.message}</li>`));
  return html`<div class="summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">${t(locale, 'form.errorSummaryTitle')}</h2><ul>${items}</ul></div>`;
}

