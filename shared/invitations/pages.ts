// The public invitation pages: plain HTML forms that work without JavaScript under HTML_PAGE_HEADERS' CSP
// (inline styles only). Written with the `html` tag: every interpolated value is escaped, attribute values included.
import { html, joinHtml } from '../platform/html.js';
import { attrs, layout } from '../platform/page-layout.js';
import { csrfField, errorSummary, field, p, type FieldError } from '../platform/form-fields.js';
import { roleName } from '../delegated-admin/index.js';
import { countryName, formatDate, plural } from '../platform/i18n/format.js';
import { resolveLocale, t, type Locale } from '../platform/i18n/messages.js';

// Form actions are site-relative paths; a trailing slash on formAction must not give '//accept'.
const join = (base: string, suffix: string) => base.replace(/\/+$/, '') + suffix;

const roleList = (locale: Locale, roles: string[]) => html`<ul>${roles.map((id) => html`<li>${roleName(locale, id)}</li>`)}</ul>`;

export type InvitationPageModel = {
  locale: string;
  partnerName: string;
  /** A joint invitation: the reseller's indirect provider, whom the customer takes on at the same time. */
  indirectProviderName?: string;
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

  const providerName = model.indirectProviderName;
  // A joint invitation names both partners and what each relationship lets that partner do.
  const relationships = providerName
    ? html`<section><h2>${t(locale, 'invitation.joint.heading')}</h2>
${p(t(locale, 'invitation.joint.intro', { partnerName, providerName }))}
<ul><li>${t(locale, 'invitation.joint.reseller', { partnerName })}</li><li>${t(locale, 'invitation.joint.provider', { partnerName, providerName })}</li></ul>
${p(t(locale, 'invitation.joint.both'))}</section>`
    : p(t(locale, 'invitation.relationship', { partnerName }));

  const body = html`${errorSummary(locale, errors, INVITATION_FIELDS)}
${p(partner)}
${relationships}
${adminSection}
${p(t(locale, 'invitation.recipient', { email: model.recipientEmail }))}
${p(t(locale, 'invitation.expires', { date: formatDate(locale, model.expiresAt) }))}
${acceptForm}
${declineForm}`;
  const title = providerName ? t(locale, 'invitation.joint.title', { partnerName, providerName }) : t(locale, 'invitation.title', { partnerName });
  return layout(locale, title, body, errors.length > 0);
}

export type DecisionPageModel = {
  locale: string;
  outcome: 'accepted' | 'declined';
  partnerName: string;
  indirectProviderName?: string;
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
  const providerName = model.indirectProviderName;
  const lead = providerName
    ? t(locale, 'decision.accepted.joint', { partnerName, providerName, companyName: companyName ?? '' })
    : companyName
      ? t(locale, 'decision.accepted.leadWithCompany', { partnerName, companyName })
      : t(locale, 'decision.accepted.lead', { partnerName });
  const admin = model.delegatedAdmin
    ? html`${p(t(locale, 'decision.accepted.admin', { partnerName, date: formatDate(locale, model.delegatedAdmin.endsAt) }))}${roleList(locale, model.delegatedAdmin.roles)}`
    : '';
  return layout(locale, t(locale, 'decision.accepted.title'), html`${p(lead)}\n${admin}\n${p(t(locale, 'decision.close'))}`);
}

/** A joint invitation whose two relationships cannot both be made: nothing changed, and who to ask. */
export function renderJointRefusedPage(model: { locale: string; reason: 'linkEnded' | 'customerElsewhere'; partnerName: string; providerName: string }): string {
  const locale = resolveLocale(model.locale);
  const names = { partnerName: model.partnerName, providerName: model.providerName };
  const body = joinHtml([t(locale, model.reason === 'linkEnded' ? 'joint.refused.linkEnded' : 'joint.refused.customerElsewhere', names), t(locale, 'joint.refused.nothingChanged'), t(locale, 'joint.refused.action', names)].map(p), '\n');
  return layout(locale, t(locale, 'joint.refused.title'), body);
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
