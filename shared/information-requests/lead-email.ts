// The mail to a location's contact that a confirmed request for information waits as a referral. It says
// where and what kind of customer, never who: the requester's name, address, phone and words stay in the
// referral, which shows its contacts only once accepted. It carries no link: the referral is answered in the
// partner's own tools.
import { html, joinHtml } from '../platform/html.js';
import { countryName, formatDate } from '../platform/i18n/format.js';
import { resolveLocale, t, type MessageKey } from '../platform/i18n/messages.js';
import { tMail } from '../platform/i18n/mail-messages.js';
import type { LabelledPart } from '../platform/dynamo/transactions.js';
import type { MailKind } from '../platform/mail/dispatch.js';
import { emailHtml, PARAGRAPH_STYLE, renderedMail, type RenderedMail } from '../platform/mail/layout.js';
import { outboxPart } from '../platform/mail/outbox.js';
import { unlinkable } from '../invitations/index.js';

export interface LeadMailPayload {
  partnerId: string;
  referralId: string;
  /** The location's contact. */
  to: string;
  contactName: string;
  partnerName: string;
  city: string;
  customerCountry: string;
  size: string;
  contactMe: boolean;
  /** When the referral closes unanswered. */
  expiresAt: string;
  locale: string;
}

export function renderLeadEmail(model: LeadMailPayload): RenderedMail {
  const locale = resolveLocale(model.locale);
  const names = { partnerName: unlinkable(model.partnerName), city: unlinkable(model.city) };
  const heading = tMail(locale, 'email.lead.subject', names);
  const paragraphs = [
    tMail(locale, 'email.lead.greeting', { name: unlinkable(model.contactName) }),
    tMail(locale, 'email.lead.intro', { ...names, referralId: model.referralId }),
    tMail(locale, 'email.lead.about', { size: t(locale, `size.${model.size}` as MessageKey), country: countryName(locale, model.customerCountry) }),
    ...(model.contactMe ? [tMail(locale, 'email.lead.contactMe')] : []),
    tMail(locale, 'email.lead.answer', { date: formatDate(locale, model.expiresAt) }),
    tMail(locale, 'email.lead.why', names),
  ];
  const body = joinHtml(paragraphs.map((text) => html`<p style="${PARAGRAPH_STYLE}">${text}</p>`), '\n');
  return renderedMail(tMail(locale, 'email.lead.subject', { partnerName: model.partnerName, city: model.city }), emailHtml(locale, heading, body), [heading, ...paragraphs].join('\n\n'));
}

export const LEAD_MAIL = 'informationRequest.lead';

/** One mail per referral: the outbox item's id says so. Written in the referral's own transaction. */
export const leadMailPart = (payload: LeadMailPayload, at: Date): LabelledPart<'leadMail'> =>
  outboxPart('leadMail', { kind: LEAD_MAIL, payload }, { partnerId: payload.partnerId, id: payload.referralId }, at);

const TEXT_FIELDS = ['partnerId', 'referralId', 'to', 'contactName', 'partnerName', 'city', 'customerCountry', 'size', 'expiresAt', 'locale'] as const;

export const leadMail: MailKind<LeadMailPayload> = {
  kind: LEAD_MAIL,
  parse(payload) {
    const p = (payload ?? {}) as Record<string, unknown>;
    if (!TEXT_FIELDS.every((field) => typeof p[field] === 'string') || typeof p.contactMe !== 'boolean') throw new Error('malformed lead mail payload');
    return p as unknown as LeadMailPayload;
  },
  logIds: ({ partnerId, referralId }) => ({ partnerId, referralId }),
  prepare: async (payload) => ({ to: payload.to, mail: renderLeadEmail(payload) }),
};
