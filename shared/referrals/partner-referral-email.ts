// The mail to a reseller that an indirect provider referred a customer to (engagement.ts), written to the
// outbox in the referral's own transaction. It carries no link and none of the customer's contacts, which
// the reseller sees only once it accepts.
import { formatDate } from '../platform/i18n/format.js';
import { resolveLocale } from '../platform/i18n/messages.js';
import { tMail } from '../platform/i18n/mail-messages.js';
import type { LabelledPart } from '../platform/dynamo/transactions.js';
import type { MailKind } from '../platform/mail/dispatch.js';
import { emailHtml, renderedMail, type RenderedMail } from '../platform/mail/layout.js';
import { outboxPart } from '../platform/mail/outbox.js';
import { unlinkable } from '../invitations/index.js';
import type { ReferralRecord } from './entity.js';
import { paragraphs, parsePayload } from './expiry-email.js';

export interface PartnerReferralModel {
  locale: string;
  /** The reseller's primary contact. */
  contactName: string;
  resellerName: string;
  providerName: string;
  customerName: string;
  referralId: string;
  expiresAt: string;
}

export function renderPartnerReferralEmail(model: PartnerReferralModel): RenderedMail {
  const locale = resolveLocale(model.locale);
  const date = formatDate(locale, model.expiresAt);
  // Partner- and customer-chosen text stays plain text in the body (see unlinkable).
  const names = { providerName: unlinkable(model.providerName), resellerName: unlinkable(model.resellerName), customerName: unlinkable(model.customerName) };
  const subject = tMail(locale, 'email.partnerReferral.subject', { providerName: model.providerName, customerName: model.customerName });
  const texts = [
    tMail(locale, 'email.partnerReferral.greeting', { name: unlinkable(model.contactName) }),
    tMail(locale, 'email.partnerReferral.intro', { ...names, referralId: model.referralId }),
    tMail(locale, 'email.partnerReferral.answer', { ...names, date }),
    tMail(locale, 'email.partnerReferral.why', names),
  ];
  const heading = tMail(locale, 'email.partnerReferral.subject', names);
  return renderedMail(subject, emailHtml(locale, heading, paragraphs(texts)), [heading, ...texts].join('\n\n'));
}

export const PARTNER_REFERRAL_MAIL = 'referrals.partnerReferral';

export interface PartnerReferralPayload extends PartnerReferralModel {
  to: string;
  partnerId: string;
}

const FIELDS = ['locale', 'contactName', 'resellerName', 'providerName', 'customerName', 'referralId', 'expiresAt', 'to', 'partnerId'] as const;

/** One mail per received copy, under the reseller. */
export const partnerReferralMailPart = (
  received: ReferralRecord,
  reseller: { companyName: string; primaryContact: { name: string; email: string } },
  at: Date,
): LabelledPart<'partnerReferralMail'> => {
  const payload: PartnerReferralPayload = {
    to: reseller.primaryContact.email,
    partnerId: received.partnerId,
    referralId: received.id,
    locale: 'en',
    contactName: reseller.primaryContact.name,
    resellerName: reseller.companyName,
    providerName: received.counterparty!.partnerName,
    customerName: received.customerProfile.name,
    expiresAt: received.expirationDateTime!,
  };
  return outboxPart('partnerReferralMail', { kind: PARTNER_REFERRAL_MAIL, payload }, { partnerId: received.partnerId, id: received.id }, at);
};

export const partnerReferralMail: MailKind<PartnerReferralPayload> = {
  kind: PARTNER_REFERRAL_MAIL,
  parse: (payload) => parsePayload<PartnerReferralPayload>(payload, FIELDS, [], 'partner referral'),
  logIds: ({ partnerId, referralId }) => ({ partnerId, referralId }),
  prepare: async (payload) => ({ to: payload.to, mail: renderPartnerReferralEmail(payload) }),
};
