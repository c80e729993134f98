// The public page a partnership invitation's link opens: who invites, what authorizing it grants, and how the
// reseller's Global admin accepts (signed in, through the API). It has no form: opening it changes nothing.
import { html } from '../platform/html.js';
import { layout } from '../platform/page-layout.js';
import { p } from '../platform/form-fields.js';
import { formatDate } from '../platform/i18n/format.js';
import { resolveLocale, t } from '../platform/i18n/messages.js';

export interface PartnershipPageModel {
  locale: string;
  providerName: string;
  providerId: string;
  recipientEmail: string;
  expiresAt: string;
  /** The link's own token: the value the accept request carries. */
  token: string;
}

export function renderPartnershipPage(model: PartnershipPageModel): string {
  const locale = resolveLocale(model.locale);
  const partnerName = model.providerName;
  const request = `POST /v1/indirect-providers/accept\nContent-Type: application/json\n\n${JSON.stringify({ invitationToken: model.token })}`;
  const body = html`${p(t(locale, 'partnership.intro', { partnerName, partnerId: model.providerId }))}
${p(t(locale, 'partnership.grants', { partnerName }))}
<ul>${(['partnership.grant.customers', 'partnership.grant.orders', 'partnership.grant.shared'] as const).map((key) => html`<li>${t(locale, key)}</li>`)}</ul>
${p(t(locale, 'partnership.ending'))}
${p(t(locale, 'partnership.how'))}
<pre style="white-space:pre-wrap;background:#f4f4f4;padding:1rem">${request}</pre>
${p(t(locale, 'partnership.expires', { email: model.recipientEmail, date: formatDate(locale, model.expiresAt) }))}`;
  return layout(locale, t(locale, 'partnership.title', { partnerName }), body);
}

/** One text for a link never issued, replaced, used, revoked or expired. */
export function renderPartnershipUnusablePage(model: { locale: string }): string {
  const locale = resolveLocale(model.locale);
  return layout(locale, t(locale, 'unusable.title'), html`${p(t(locale, 'partnership.unusable.body'))}\n${p(t(locale, 'partnership.unusable.action'))}`);
}
