// The end-date warning: tells the partner's primary contact that a delegated admin grant reaches its end
// date, which customer and roles it covers, and whether it renews by itself. It carries no link at all:
// there is nothing to click (a new request is made in the partner's own tools), and a mail without links
// gives nobody a reason to trust a lookalike that has one.
import { escapeHtml as e } from '../html.js';
import { resolveLocale, t } from '../pages/messages.js';
import { formatDate, roleName, unlinkable, type RenderedMail } from './invitation-email.js';

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
  // One line: a name with a line break must not make a multi-line subject.
  const subject = t(locale, subjectKey, { displayName: model.displayName, customerName: model.customerName, date }).replace(/\s+/g, ' ').trim();
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

  const P = 'margin:0 0 16px';
  const html = `<!doctype html>
<html lang="${e(locale)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(heading)}</title></head>
<body style="margin:0;padding:0;background:#ffffff;color:#1b1b1b;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">
<div style="max-width:640px;margin:0 auto;padding:16px">
<h1 style="font-size:22px;line-height:1.25;margin:8px 0 16px">${e(heading)}</h1>
<p style="${P}">${e(paragraphs.greeting)}</p>
<p style="${P}">${e(paragraphs.intro)}</p>
<ul style="${P}">${roles.map((role) => `<li>${e(role)}</li>`).join('')}</ul>
<p style="${P}">${e(paragraphs.renewal)}</p>
<p style="${P}">${e(paragraphs.why)}</p>
</div></body></html>`;

  return { subject, html, text };
}
