// The end-date warning: tells the partner's primary contact that a delegated admin grant reaches its end
// date, which customer and roles it covers, and whether it renews by itself. It carries no link at all:
// there is nothing to click (a new request is made in the partner's own tools), and a mail without links
// gives nobody a reason to trust a lookalike that has one. It goes through the outbox: the cleanup writes it
// with the grant's warning mark (grantEndWarningPart), and the mailer renders and sends it.
import { html, joinHtml } from '../platform/html.js';
import { emailHtml, PARAGRAPH_STYLE, renderedMail, type RenderedMail } from '../platform/mail/layout.js';
import { resolveLocale } from '../platform/i18n/messages.js';
import { tMail } from '../platform/i18n/mail-messages.js';
import { formatDate } from '../platform/i18n/format.js';
import type { LabelledPart } from '../platform/dynamo/transactions.js';
import type { MailKind } from '../platform/mail/dispatch.js';
import { outboxPart } from '../platform/mail/outbox.js';
import { unlinkable } from '../invitations/index.js';
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
  const subject = tMail(locale, subjectKey, { displayName: model.displayName, customerName: model.customerName, date });
  // Partner- and customer-chosen text stays plain text in the body (see unlinkable).
  const names = {
    displayName: unlinkable(model.displayName),
    customerName: unlinkable(model.customerName),
    partnerName: unlinkable(model.partnerName),
    date,
  };
  const heading = tMail(locale, subjectKey, names);
  const paragraphs = {
    greeting: tMail(locale, 'email.grantEnd.greeting', { name: unlinkable(model.contactName) }),
    intro: tMail(locale, 'email.grantEnd.intro', names),
    renewal: tMail(locale, model.autoExtend ? 'email.grantEnd.autoExtend' : 'email.grantEnd.noAutoExtend', names),
    why: tMail(locale, 'email.grantEnd.why', names),
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
  const body = emailHtml(
    locale,
    heading,
    joinHtml(
      [
        html`<p style="${P}">${paragraphs.greeting}</p>`,
        html`<p style="${P}">${paragraphs.intro}</p>`,
        html`<ul style="${P}">${roles.map((role) => html`<li>${role}</li>`)}</ul>`,
        html`<p style="${P}">${paragraphs.renewal}</p>`,
        html`<p style="${P}">${paragraphs.why}</p>`,
      ],
      '\n',
    ),
  );

  return renderedMail(subject, body, text);
}

export const GRANT_END_WARNING_MAIL = 'delegatedAdmin.endWarning';

/** The mail as the cleanup found it due: what it says, to whom, and for which grant and window. */
export interface GrantEndWarningPayload extends GrantEndWarningModel {
  to: string;
  partnerId: string;
  grantId: string;
  /** The warning window, in days before the end date. */
  warning: string;
}

/** One mail per grant, end date and window: the outbox item's id says so. */
export const grantEndWarningPart = (payload: GrantEndWarningPayload, at: Date): LabelledPart<'outbox'> =>
  outboxPart('outbox', { kind: GRANT_END_WARNING_MAIL, payload }, { partnerId: payload.partnerId, id: `${payload.grantId}#${payload.endsAt}#${payload.warning}` }, at);

const TEXT_FIELDS = ['locale', 'contactName', 'partnerName', 'customerName', 'displayName', 'endsAt', 'to', 'partnerId', 'grantId', 'warning'] as const;

export const grantEndWarningMail: MailKind<GrantEndWarningPayload> = {
  kind: GRANT_END_WARNING_MAIL,
  parse(payload) {
    const p = (payload ?? {}) as Record<string, unknown>;
    const valid =
      TEXT_FIELDS.every((field) => typeof p[field] === 'string') &&
      Array.isArray(p.roles) && p.roles.every((role) => typeof role === 'string') &&
      typeof p.autoExtend === 'boolean';
    if (!valid) throw new Error('malformed grant end warning payload');
    return p as unknown as GrantEndWarningPayload;
  },
  logIds: ({ partnerId, grantId, warning }) => ({ partnerId, grantId, warning }),
  prepare: async (payload) => ({ to: payload.to, mail: renderGrantEndWarningEmail(payload) }),
};
