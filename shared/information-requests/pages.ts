// What the requester sees: the request form on a directory location's page, the "check your email" page, the
// confirmation page the emailed link opens (a button: opening the link confirms nothing), its outcome, and
// the page of a link that can no longer be used. Plain HTML without JavaScript, readable on a phone, written
// with the `html` tag (every interpolated value escaped), strings from the message catalogue.
import { html, joinHtml, raw, type SafeHtml } from '../platform/html.js';
import { csrfField, errorSummary, field, p, type FieldError } from '../platform/form-fields.js';
import { countryName } from '../platform/i18n/format.js';
import { resolveLocale, t, type Locale, type MessageKey } from '../platform/i18n/messages.js';
import { attrs, layout } from '../platform/page-layout.js';
import { COUNTRY_CODES, CUSTOMER_SIZES } from '../platform/reference-data.js';
import { MAX_NEED_LENGTH } from './schemas.js';

/** The checkbox sits beside its label; the honeypot is off-screen and out of the tab order and the accessibility tree. */
export const REQUEST_FORM_STYLE = raw(`
.check{display:flex;gap:.6rem;align-items:flex-start}.check input{width:1.5rem;height:1.5rem;margin:.1rem 0 0;flex:none}.check label{font-weight:400}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.consent{color:#444;font-size:.95rem}`);

const FIELDS = ['firstName', 'lastName', 'companyName', 'email', 'phone', 'country', 'size', 'need', 'contactMe'] as const;

export interface RequestFormModel {
  locale: string;
  partnerName: string;
  formAction: string;
  csrfToken: string;
  errors?: FieldError[];
  /** What the visitor entered, shown again with the errors (never the honeypot). */
  prefill?: Partial<Record<(typeof FIELDS)[number], string>>;
}

function options(locale: Locale, entries: [string, string][]): [string, string][] {
  return [['', t(locale, 'rfi.choose')], ...entries];
}

/** The form section of a location page. */
export function requestForm(model: RequestFormModel): { html: SafeHtml; hasErrors: boolean } {
  const locale = resolveLocale(model.locale);
  const errors = model.errors ?? [];
  const value = model.prefill ?? {};
  const { partnerName } = model;
  const text = (name: (typeof FIELDS)[number], label: MessageKey, control: Record<string, string | number | boolean>, hint?: string) =>
    field(locale, errors, { name, label: t(locale, label), ...(hint ? { hint } : {}), control: { type: 'text', value: value[name] ?? '', ...control } });
  const countries = [...COUNTRY_CODES].map((code): [string, string] => [code, countryName(locale, code)]).sort((a, b) => a[1].localeCompare(b[1], locale));
  const contactMeErrors = errors.filter((e) => e.field === 'contactMe');
  const form = html`<section aria-labelledby="rfi-heading"><h2 id="rfi-heading">${t(locale, 'rfi.heading', { partnerName })}</h2>
${errorSummary(locale, errors, FIELDS)}
${p(t(locale, 'rfi.intro', { partnerName }))}
<form ${attrs({ method: 'post', action: model.formAction })}>
${csrfField(model.csrfToken)}
${text('firstName', 'rfi.field.firstName', { required: true, maxlength: 50, autocomplete: 'given-name' })}
${text('lastName', 'rfi.field.lastName', { required: true, maxlength: 50, autocomplete: 'family-name' })}
${text('companyName', 'rfi.field.companyName', { required: true, maxlength: 256, autocomplete: 'organization' })}
${text('email', 'rfi.field.email', { type: 'email', required: true, maxlength: 254, autocomplete: 'email', autocapitalize: 'none', spellcheck: 'false' }, t(locale, 'rfi.field.emailHint'))}
${text('phone', 'rfi.field.phone', { type: 'tel', maxlength: 30, autocomplete: 'tel' })}
${field(locale, errors, { name: 'country', label: t(locale, 'rfi.field.country'), options: options(locale, countries), control: { value: value.country ?? '', required: true, autocomplete: 'country' } })}
${field(locale, errors, { name: 'size', label: t(locale, 'rfi.field.size'), options: options(locale, CUSTOMER_SIZES.map((size) => [size, t(locale, `size.${size}` as MessageKey)])), control: { value: value.size ?? '', required: true } })}
${field(locale, errors, { name: 'need', label: t(locale, 'rfi.field.need'), hint: t(locale, 'rfi.field.needHint', { max: MAX_NEED_LENGTH }), textarea: true, control: { value: value.need ?? '', required: true, maxlength: MAX_NEED_LENGTH, rows: 6 } })}
<div class="field check">
<input ${attrs({ type: 'checkbox', id: 'f-contactMe', name: 'contactMe', value: 'yes', checked: value.contactMe === 'yes' })}>
<label for="f-contactMe">${t(locale, 'rfi.field.contactMe')}</label>${joinHtml(contactMeErrors.map((e) => html`<span class="error">${e.message}</span>`), ' ')}
</div>
<div class="hp" aria-hidden="true"><label for="f-website">${t(locale, 'rfi.field.honeypot')}</label><input ${attrs({ type: 'text', id: 'f-website', name: 'website', value: '', tabindex: -1, autocomplete: 'off' })}></div>
<p class="consent">${t(locale, 'rfi.consent', { partnerName })}</p>
<button type="submit" class="primary">${t(locale, 'rfi.submit')}</button>
</form></section>`;
  return { html: form, hasErrors: errors.length > 0 };
}

export function renderSentPage(model: { locale: string; partnerName: string; linkTtlHours: number }): string {
  const locale = resolveLocale(model.locale);
  const body = html`${p(t(locale, 'rfi.sent.body', { hours: model.linkTtlHours }))}\n${p(t(locale, 'rfi.sent.next', { partnerName: model.partnerName }))}`;
  return layout(locale, t(locale, 'rfi.sent.title'), body);
}

export function renderConfirmPage(model: { locale: string; partnerName: string; city: string; formAction: string; csrfToken: string }): string {
  const locale = resolveLocale(model.locale);
  const body = html`${p(t(locale, 'rfi.confirm.body', { partnerName: model.partnerName, city: model.city }))}
<form ${attrs({ method: 'post', action: model.formAction })}>
${csrfField(model.csrfToken)}
<button type="submit" class="primary">${t(locale, 'rfi.confirm.submit')}</button>
</form>`;
  return layout(locale, t(locale, 'rfi.confirm.title', { partnerName: model.partnerName }), body);
}

export function renderConfirmedPage(model: { locale: string; partnerName: string }): string {
  const locale = resolveLocale(model.locale);
  return layout(locale, t(locale, 'rfi.confirmed.title'), p(t(locale, 'rfi.confirmed.body', { partnerName: model.partnerName })));
}

/** One text for 404 and 410 alike, so the page never tells whether a token ever existed. */
export function renderLinkUnusablePage(model: { locale: string; linkTtlHours: number }): string {
  const locale = resolveLocale(model.locale);
  const body = html`${p(t(locale, 'rfi.unusable.body', { hours: model.linkTtlHours }))}\n${p(t(locale, 'rfi.unusable.action'))}\n<p><a href="/directory">${t(locale, 'directory.back')}</a></p>`;
  return layout(locale, t(locale, 'rfi.unusable.title'), body);
}
