// The end-date warning: tells the partner's primary contact that a delegated admin grant reaches its end
// date, which customer and roles it covers, and whether it renews by itself. It carries no link at all:
// there is nothing to click (a new request is made in the partner's own tools), and a mail without links
// gives nobody a reason to trust a lookalike that has one.
import { escapeHtml as e } from '../platform/html.js';
import { emailHtml, PARAGRAPH_STYLE, renderedMail, type RenderedMail } from '../platform/mail/layout.js';
import { resolveLocale, t } from '../platform/i18n/messages.js';
import { formatDate } from '../platform/i18n/format.js';
import { unlinkable } from '../invitations/email.js';
import { roleName } from './roles.js';

export interface GrantEndWarningModel {
  locale: string;
  /** The partner's primary contact, who receives the mail. */
  contactName: string;
  partnerName: string;
  /** The customer's company name. */
  customerName: string;
  displayName: string;
  roles: string[];
  endsAt: string;
  /** Whether the grant will be extended at its end date (never with Global Administrator). */
  autoExtend: boolean;
}

export function renderGrantEndWarningEmail(model: GrantEndWarningModel): RenderedMail {
  const locale = resolveLocale(model.locale);
  const date = formatDate(locale, model.endsAt);
  const subjectKey = model.autoExtend ? 'email.grantEnd.subjectAutoExtend' : 'email.grantEnd.subject';
  const subject = t(locale, subjectKey, { displayName: model.displayName, customerName: model.customerName, date });
  // Partner- and customer-chosen text stays plain text in the body (see unlinkable).
  const names = {
    displayName: unlinkable(model.displayName),
    customerName: unlinkable(model.customerName),
    partnerName: unlinkable(model.partnerName),
    date,
  };
  const heading = t(locale, subjectKey, names);
  const paragraphs = {
    greeting: t(locale, 'email.grantEnd.greeting', { name: unlinkable(model.contactName) }),
    intro: t(locale, 'email.grantEnd.intro', names),
    renewal: t(locale, model.autoExtend ? 'email.grantEnd.autoExtend' : 'email.grantEnd.noAutoExtend', names),
    why: t(locale, 'email.grantEnd.why', names),
  };
  const roles = model.roles.map((id) => roleName(locale, id));

  const text = [
    heading,
    paragraphs.greeting,
    paragraphs.intro,
    roles.map((role) => `- ${role}`).join('\n'),
    paragraphs.renewal,
    paragraphs.why,
  ].join('\n\n');

  const P = PARAGRAPH_STYLE;
  const html = emailHtml(
    locale,
    heading,
    [
      `<p style="${P}">${e(paragraphs.greeting)}</p>`,
      `<p style="${P}">${e(paragraphs.intro)}</p>`,
      `<ul style="${P}">${roles.map((role) => `<li>${e(role)}</li>`).join('')}</ul>`,
      `<p style="${P}">${e(paragraphs.renewal)}</p>`,
      `<p style="${P}">${e(paragraphs.why)}</p>`,
    ].join('\n'),
  );

  return renderedMail(subject, html, text);
}
