// The public invitation pages: plain HTML forms that work without JavaScript under HTML_PAGE_HEADERS' CSP
// (inline styles only). Written with the `html` tag: every interpolated value is escaped, attribute values included.
import { html, joinHtml, raw, type SafeHtml } from '../platform/html.js';
import { roleName } from '../delegated-admin/roles.js';
import { countryName, formatDate, plural } from '../platform/i18n/format.js';
import { resolveLocale, t, type Locale, type MessageKey } from '../platform/i18n/messages.js';

export type FieldError = { field: string; message: string };

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
function layout(locale: Locale, title: string, body: SafeHtml, hasErrors = false): string {
  const pageTitle = hasErrors ? t(locale, 'page.errorTitle', { title }) : title;
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${pageTitle}</title>
<style>${STYLE}</style></head>
<body><main>
<h1>${title}</h1>
${body}
</main></body></html>`.toString();
}

/** Attributes from a record: every value escaped; `true` gives a bare attribute, false/undefined none. */
function attrs(record: Record<string, string | number | boolean | undefined>): SafeHtml {
  const present = Object.entries(record).filter((entry): entry is [string, string | number | true] => entry[1] !== undefined && entry[1] !== false);
  return joinHtml(present.map(([name, value]) => (value === true ? html`${name}` : html`${name}="${value}"`)), ' ');
}

const p = (text: string) => html`<p>${text}</p>`;
const fieldId = (name: string) => `f-${name}`;
// Form actions are site-relative paths; a trailing slash on formAction must not give '//accept'.
const join = (base: string, suffix: string) => base.replace(/\/+$/, '') + suffix;
const csrfField = (token: string) => html`<input ${attrs({ type: 'hidden', name: 'csrf', value: token })}>`;

type Control = Record<string, string | number | boolean | undefined>;

/** A labelled control; its hint and error are tied to it with aria-describedby. */
function field(locale: Locale, errors: FieldError[], f: { name: string; label: string; hint?: string; textarea?: boolean; control: Control }): SafeHtml {
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
  const control = f.textarea
    ? html`<textarea ${attrs({ ...common, ...rest })}>${String(value ?? '')}</textarea>`
    : html`<input ${attrs({ ...common, ...f.control })}>`;
  return html`<div class="${messages.length ? 'field invalid' : 'field'}"><label ${attrs({ for: id })}>${f.label}</label>${hint}${error}${control}</div>`;
}

/** The summary at the top; errors for fields on the page link to them, others (e.g. the form as a whole) are plain text. */
function errorSummary(locale: Locale, errors: FieldError[], fieldsOnPage: readonly string[]): SafeHtml {
  if (!errors.length) return html``;
  const items = errors.map((x) => (fieldsOnPage.includes(x.field) ? html`<li><a ${attrs({ href: `#${fieldId(x.field)}` })}>${x.message}</a></li>` : html`<li>${x.message}</li>`));
  return html`<div class="summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">${t(locale, 'form.errorSummaryTitle')}</h2><ul>${items}</ul></div>`;
}

const roleList = (locale: Locale, roles: string[]) => html`<ul>${roles.map((id) => html`<li>${roleName(locale, id)}</li>`)}</ul>`;

export type InvitationPageModel = {
  locale: string;
  partnerName: string;
  partnerCountry?: string;
  recipientEmail: string;
  expiresAt: string;
  delegatedAdmin?: { displayName: string; roles: string[]; durationDays: number; autoExtend: boolean };
  prefill: { domain?: string; companyName?: string; country?: string; acceptorName?: string };
  formAction: string;
  csrfToken: string;
  errors?: FieldError[];
};

const INVITATION_FIELDS = ['domain', 'companyName', 'country', 'acceptorName', 'reason'] as const;

export function renderInvitationPage(model: InvitationPageModel): string {
  const locale = resolveLocale(model.locale);
  const errors = model.errors ?? [];
  const partnerName = model.partnerName;
  const admin = model.delegatedAdmin;
  const partner = model.partnerCountry
    ? t(locale, 'invitation.partnerWithCountry', { partnerName, country: countryName(locale, model.partnerCountry) })
    : t(locale, 'invitation.partner', { partnerName });

  const adminSection = admin
    ? html`<section><h2>${t(locale, 'invitation.admin.heading')}</h2>
${p(t(locale, 'invitation.admin.intro', { partnerName, displayName: admin.displayName }))}
${roleList(locale, admin.roles)}
${p(plural(locale, 'invitation.admin.duration', admin.durationDays, { days: admin.durationDays }))}
${p(t(locale, admin.autoExtend ? 'invitation.admin.autoExtend' : 'invitation.admin.noAutoExtend'))}
${admin.autoExtend && admin.roles.includes('globalAdministrator') ? p(t(locale, 'invitation.admin.autoExtendExcept', { role: roleName(locale, 'globalAdministrator') })) : ''}
${p(t(locale, 'invitation.admin.approve'))}</section>`
    : p(t(locale, 'invitation.noAdmin', { partnerName }));

  const acceptForm = html`<form ${attrs({ method: 'post', action: join(model.formAction, '/accept') })}>
<h2>${t(locale, 'invitation.confirm.heading')}</h2>
${p(t(locale, 'invitation.confirm.intro'))}
${csrfField(model.csrfToken)}
${field(locale, errors, {
  name: 'domain',
  label: t(locale, 'invitation.field.domain'),
  hint: t(locale, 'invitation.field.domainHint'),
  control: { type: 'text', value: model.prefill.domain ?? '', required: true, maxlength: 253, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' },
})}
${field(locale, errors, {
  name: 'companyName',
  label: t(locale, 'invitation.field.companyName'),
  control: { type: 'text', value: model.prefill.companyName ?? '', required: true, maxlength: 256, autocomplete: 'organization' },
})}
${field(locale, errors, {
  name: 'country',
  label: t(locale, 'invitation.field.country'),
  hint: t(locale, 'invitation.field.countryHint'),
  control: { type: 'text', value: model.prefill.country ?? '', required: true, minlength: 2, maxlength: 2, pattern: '[A-Za-z]{2}', autocapitalize: 'characters', autocomplete: 'country', spellcheck: 'false' },
})}
${field(locale, errors, {
  name: 'acceptorName',
  label: t(locale, 'invitation.field.acceptorName'),
  control: { type: 'text', value: model.prefill.acceptorName ?? '', required: true, maxlength: 100, autocomplete: 'name' },
})}
<button type="submit" class="primary">${t(locale, 'invitation.accept')}</button>
</form>`;

  const declineForm = html`<form ${attrs({ method: 'post', action: join(model.formAction, '/decline') })}>
<h2>${t(locale, 'invitation.decline.heading')}</h2>
${p(t(locale, 'invitation.decline.intro', { partnerName }))}
${csrfField(model.csrfToken)}
${field(locale, errors, {
  name: 'reason',
  label: t(locale, 'invitation.field.reason'),
  hint: t(locale, 'invitation.field.reasonHint', { partnerName }),
  textarea: true,
  control: { maxlength: 500, rows: 4 },
})}
<button type="submit" class="secondary">${t(locale, 'invitation.decline')}</button>
</form>`;

  const body = html`${errorSummary(locale, errors, INVITATION_FIELDS)}
${p(partner)}
${p(t(locale, 'invitation.relationship', { partnerName }))}
${adminSection}
${p(t(locale, 'invitation.recipient', { email: model.recipientEmail }))}
${p(t(locale, 'invitation.expires', { date: formatDate(locale, model.expiresAt) }))}
${acceptForm}
${declineForm}`;
  return layout(locale, t(locale, 'invitation.title', { partnerName }), body, errors.length > 0);
}

export type DecisionPageModel = {
  locale: string;
  outcome: 'accepted' | 'declined';
  partnerName: string;
  companyName?: string;
  delegatedAdmin?: { roles: string[]; endsAt: string };
};

export function renderDecisionPage(model: DecisionPageModel): string {
  const locale = resolveLocale(model.locale);
  const { partnerName, companyName } = model;
  if (model.outcome === 'declined') {
    const body = joinHtml([t(locale, 'decision.declined.lead', { partnerName }), t(locale, 'decision.declined.partnerSees', { partnerName }), t(locale, 'decision.close')].map(p), '\n');
    return layout(locale, t(locale, 'decision.declined.title'), body);
  }
  const lead = companyName ? t(locale, 'decision.accepted.leadWithCompany', { partnerName, companyName }) : t(locale, 'decision.accepted.lead', { partnerName });
  const admin = model.delegatedAdmin
    ? html`${p(t(locale, 'decision.accepted.admin', { partnerName, date: formatDate(locale, model.delegatedAdmin.endsAt) }))}${roleList(locale, model.delegatedAdmin.roles)}`
    : '';
  return layout(locale, t(locale, 'decision.accepted.title'), html`${p(lead)}\n${admin}\n${p(t(locale, 'decision.close'))}`);
}

/** One text for 404 and 410 alike, so the page never tells whether a token ever existed. */
export function renderLinkUnusablePage(model: { locale: string; status: 404 | 410 }): string {
  const locale = resolveLocale(model.locale);
  return layout(locale, t(locale, 'unusable.title'), html`${p(t(locale, 'unusable.body'))}\n${p(t(locale, 'unusable.action'))}`);
}

export type RelationshipRequestPageModel = {
  locale: string;
  partnerName: string;
  formAction: string;
  csrfToken: string;
  errors?: FieldError[];
  sent?: boolean;
  /** The link cannot start a relationship in this cloud: a page that says so, with no form. */
  unavailable?: boolean;
};

export function renderRelationshipRequestPage(model: RelationshipRequestPageModel): string {
  const locale = resolveLocale(model.locale);
  const { partnerName } = model;
  if (model.unavailable) {
    return layout(locale, t(locale, 'request.unavailable.title'), joinHtml([t(locale, 'request.unavailable.body', { partnerName }), t(locale, 'request.unavailable.action', { partnerName })].map(p), '\n'));
  }
  if (model.sent) {
    return layout(locale, t(locale, 'request.sent.title'), html`${p(t(locale, 'request.sent.body'))}\n${p(t(locale, 'request.sent.next'))}`);
  }
  const errors = model.errors ?? [];
  const body = html`${errorSummary(locale, errors, ['email'])}
${p(t(locale, 'request.intro', { partnerName }))}
${p(t(locale, 'request.adminOnly'))}
<form ${attrs({ method: 'post', action: model.formAction })}>
${csrfField(model.csrfToken)}
${field(locale, errors, {
  name: 'email',
  label: t(locale, 'request.field.email'),
  hint: t(locale, 'request.field.emailHint'),
  control: { type: 'email', required: true, maxlength: 254, autocomplete: 'email', autocapitalize: 'none', spellcheck: 'false' },
})}
<button type="submit" class="primary">${t(locale, 'request.submit')}</button>
</form>`;
  return layout(locale, t(locale, 'request.title', { partnerName }), body, errors.length > 0);
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
  return layout(locale, t(locale, title), p(t(locale, body)));
}
