// The customer admin's manage page and its answers: plain HTML forms under HTML_PAGE_HEADERS' CSP, written
// with the `html` tag (every interpolated value escaped, attribute values included).
import { html, joinHtml, type SafeHtml } from '../platform/html.js';
import { attrs, layout } from '../platform/page-layout.js';
import { csrfField, errorSummary, field, p, type FieldError } from '../platform/form-fields.js';
import { countryName, formatDate } from '../platform/i18n/format.js';
import { resolveLocale, t, type Locale } from '../platform/i18n/messages.js';
import { roleName } from '../delegated-admin/index.js';
import { tManage } from './messages.js';
import { PURCHASE_PERMISSION_TYPES, type PurchasePermissions, type PurchasePermissionType } from '../purchase-permissions/index.js';

export interface ManagedGrant {
  id: string;
  displayName: string;
  roles: string[];
  state: 'approvalPending' | 'active' | 'expired' | 'terminated';
  endsAt?: string;
  terminatedAt?: string;
  /** Whether it renews at its end date (auto-extend, never with Global Administrator). */
  renews: boolean;
}

export interface ManagePageModel {
  locale: string;
  partnerName: string;
  partnerCountry: string;
  companyName: string;
  domain: string;
  activeSince: string;
  grants: ManagedGrant[];
  /** As the partner's API shows them now (an end that has passed reads as off). */
  purchasePermissions: PurchasePermissions;
  /** `/manage/<token>`: the forms post below it. */
  formAction: string;
  csrfToken: string;
  errors?: FieldError[];
  /** What the last post did, shown on top. */
  notice?: string;
}

const join = (base: string, suffix: string) => base.replace(/\/+$/, '') + suffix;

function grantLine(locale: Locale, grant: ManagedGrant): string {
  const displayName = grant.displayName;
  switch (grant.state) {
    case 'active':
      return tManage(locale, grant.renews ? 'manage.grant.activeRenews' : 'manage.grant.active', { displayName, date: formatDate(locale, grant.endsAt ?? '') });
    case 'terminated':
      return tManage(locale, 'manage.grant.terminated', { displayName, date: formatDate(locale, grant.terminatedAt ?? '') });
    default:
      return tManage(locale, grant.state === 'expired' ? 'manage.grant.expired' : 'manage.grant.approvalPending', { displayName });
  }
}

function grantItem(locale: Locale, model: ManagePageModel, grant: ManagedGrant): SafeHtml {
  const roles = html`<ul>${grant.roles.map((id) => html`<li>${roleName(locale, id)}</li>`)}</ul>`;
  const terminate =
    grant.state === 'active'
      ? html`<form ${attrs({ method: 'post', action: join(model.formAction, `/grants/${grant.id}/terminate`) })}>${csrfField(model.csrfToken)}<button type="submit" class="secondary">${tManage(locale, 'manage.grant.terminate', { displayName: grant.displayName })}</button></form>`
      : '';
  return html`<li>${p(grantLine(locale, grant))}${roles}${terminate}</li>`;
}

function permissionLine(locale: Locale, type: PurchasePermissionType, state: PurchasePermissions[PurchasePermissionType]): string {
  const name = tManage(locale, `purchasePermission.${type}`);
  if (!state.enabled) return tManage(locale, 'manage.purchase.off', { type: name });
  const since = formatDate(locale, state.enabledAt ?? '');
  return state.enabledUntil ? tManage(locale, 'manage.purchase.onUntil', { type: name, since, until: formatDate(locale, state.enabledUntil) }) : tManage(locale, 'manage.purchase.on', { type: name, since });
}

function permissionItem(locale: Locale, model: ManagePageModel, type: PurchasePermissionType): SafeHtml {
  const state = model.purchasePermissions[type];
  const turnOff = state.enabled
    ? html`<form ${attrs({ method: 'post', action: join(model.formAction, `/purchase-permissions/${type}/turn-off`) })}>${csrfField(model.csrfToken)}<button type="submit" class="secondary">${tManage(locale, 'manage.purchase.turnOff', { type: tManage(locale, `purchasePermission.${type}`) })}</button></form>`
    : '';
  return html`<li ${attrs({ id: `purchase-permission-${type}` })}>${p(permissionLine(locale, type, state))}${turnOff}</li>`;
}

export function renderManagePage(model: ManagePageModel): string {
  const locale = resolveLocale(model.locale);
  const { partnerName } = model;
  const errors = model.errors ?? [];
  const grants = model.grants.length
    ? html`${p(tManage(locale, 'manage.grants.intro', { partnerName }))}<ul>${model.grants.map((grant) => grantItem(locale, model, grant))}</ul>`
    : p(tManage(locale, 'manage.grants.none', { partnerName }));
  const purchase = html`<section id="purchase-permissions"><h2>${tManage(locale, 'manage.purchase.heading')}</h2>${p(tManage(locale, 'manage.purchase.intro', { partnerName }))}<ul>${PURCHASE_PERMISSION_TYPES.map((type) => permissionItem(locale, model, type))}</ul></section>`;
  const endForm = html`<form ${attrs({ method: 'post', action: join(model.formAction, '/end') })}>
<h2>${tManage(locale, 'manage.end.heading')}</h2>
${p(tManage(locale, 'manage.end.intro', { partnerName }))}
${csrfField(model.csrfToken)}
${field(locale, errors, {
  name: 'reason',
  label: tManage(locale, 'manage.field.reason'),
  hint: tManage(locale, 'manage.field.reasonHint', { partnerName }),
  textarea: true,
  control: { maxlength: 500, rows: 4, required: true },
})}
<button type="submit" class="primary">${tManage(locale, 'manage.end')}</button>
</form>`;
  const body = html`${errorSummary(locale, errors, ['reason'])}
${model.notice ? html`<div class="summary" role="status">${p(model.notice)}</div>` : ''}
${p(t(locale, 'invitation.partnerWithCountry', { partnerName, country: countryName(locale, model.partnerCountry) }))}
${p(tManage(locale, 'manage.state', { partnerName, companyName: model.companyName, domain: model.domain, date: formatDate(locale, model.activeSince) }))}
<section><h2>${tManage(locale, 'manage.grants.heading')}</h2>${grants}</section>
${purchase}
${endForm}
${p(tManage(locale, 'manage.keep'))}`;
  return layout(locale, tManage(locale, 'manage.title', { partnerName }), body, errors.length > 0);
}

/** After the customer ended the relationship from this page. */
export function renderEndedByCustomerPage(model: { locale: string; partnerName: string }): string {
  const locale = resolveLocale(model.locale);
  const { partnerName } = model;
  return layout(locale, tManage(locale, 'manage.ended.title'), joinHtml([tManage(locale, 'manage.ended.lead', { partnerName }), tManage(locale, 'manage.ended.again', { partnerName })].map(p), '\n'));
}

/** The link still works, but the relationship has ended (the partner ended it): nothing is left to manage. */
export function renderRelationshipEndedPage(model: { locale: string; partnerName: string; endedAt: string }): string {
  const locale = resolveLocale(model.locale);
  const { partnerName } = model;
  return layout(
    locale,
    tManage(locale, 'manage.endedBefore.title'),
    joinHtml([tManage(locale, 'manage.endedBefore.body', { partnerName, date: formatDate(locale, model.endedAt) }), tManage(locale, 'manage.ended.again', { partnerName })].map(p), '\n'),
  );
}

/** One text for 404 and 410 alike, so the page never tells whether a link ever existed. */
export function renderManageLinkUnusablePage(model: { locale: string }): string {
  const locale = resolveLocale(model.locale);
  return layout(locale, tManage(locale, 'manage.unusable.title'), html`${p(tManage(locale, 'manage.unusable.body'))}\n${p(tManage(locale, 'manage.unusable.action'))}`);
}
