// The two mails of a referral's expiry, both written to the outbox by the scheduled cleanup (expiry.ts) in
// the same transaction as what causes them, and rendered and sent by the mailer:
// - the warning, 3 days and 1 day before a `new` referral expires, to the partner's referral contact. It
//   carries no link (the answer is given in the partner's own tools) and none of the customer's contacts,
//   which the partner sees only once it accepts;
// - the note to the requester of a directory request that expired unanswered: choose another partner, with
//   a link to the public directory of the same country. Of the partner it names the public name only.
import { config } from '../platform/config.js';
import { html, joinHtml } from '../platform/html.js';
import { countryName, formatDate } from '../platform/i18n/format.js';
import { resolveLocale } from '../platform/i18n/messages.js';
import { tMail } from '../platform/i18n/mail-messages.js';
import type { LabelledPart } from '../platform/dynamo/transactions.js';
import type { MailKind } from '../platform/mail/dispatch.js';
import { emailHtml, PARAGRAPH_STYLE, renderedMail, type RenderedMail } from '../platform/mail/layout.js';
import { outboxPart } from '../platform/mail/outbox.js';
import { unlinkable } from '../invitations/index.js';
import { REFERRAL_TTL_DAYS, type ExpiryWarning } from './reference.js';

const P = PARAGRAPH_STYLE;
export const paragraphs = (texts: string[]) => joinHtml(texts.map((text) => html`<p style="${P}">${text}</p>`), '\n');

/** The payload fields that must be strings, checked by hand (the mailer bundles no schema library). */
export function parsePayload<T>(payload: unknown, fields: readonly string[], optional: readonly string[], what: string): T {
  const p = (payload ?? {}) as Record<string, unknown>;
  const valid = fields.every((f) => typeof p[f] === 'string') && optional.every((f) => p[f] === undefined || typeof p[f] === 'string');
  if (!valid) throw new Error(`malformed ${what} payload`);
  return p as T;
}

// ─── The warning to the partner ─────────────────────────────────────────────────────────────────────

export interface ExpiryWarningModel {
  locale: string;
  /** Who receives it: the target location's contact, else the partner's primary contact. */
  contactName: string;
  partnerName: string;
  /** The customer's company name (shown on a new referral too; its contacts are not). */
  customerName: string;
  referralId: string;
  expiresAt: string;
  /** The city of the target location, when the contact is that location's. */
  locationCity?: string;
  /** Whether the customer asked through the directory (and is told to choose another partner on expiry). */
  fromDirectory: boolean;
}

export function renderExpiryWarningEmail(model: ExpiryWarningModel): RenderedMail {
  const locale = resolveLocale(model.locale);
  const date = formatDate(locale, model.expiresAt);
  const subject = tMail(locale, 'email.referralExpiry.subject', { customerName: model.customerName, date });
  // Partner- and customer-chosen text stays plain text in the body (see unlinkable).
  const names = { customerName: unlinkable(model.customerName), partnerName: unlinkable(model.partnerName), date };
  const texts = [
    tMail(locale, 'email.referralExpiry.greeting', { name: unlinkable(model.contactName) }),
    tMail(locale, 'email.referralExpiry.intro', names),
    ...(model.fromDirectory ? [tMail(locale, 'email.referralExpiry.requester')] : []),
    tMail(locale, 'email.referralExpiry.action', { referralId: model.referralId }),
    model.locationCity
      ? tMail(locale, 'email.referralExpiry.whyLocation', { ...names, city: unlinkable(model.locationCity) })
      : tMail(locale, 'email.referralExpiry.why', names),
  ];
  const heading = tMail(locale, 'email.referralExpiry.subject', names);
  return renderedMail(subject, emailHtml(locale, heading, paragraphs(texts)), [heading, ...texts].join('\n\n'));
}

export const REFERRAL_EXPIRY_WARNING_MAIL = 'referrals.expiryWarning';

export interface ExpiryWarningPayload extends ExpiryWarningModel {
  to: string;
  partnerId: string;
  warning: ExpiryWarning;
}

/** One mail per referral and window: the outbox item's id says so. */
export const expiryWarningPart = (payload: ExpiryWarningPayload, at: Date): LabelledPart<'outbox'> =>
  outboxPart('outbox', { kind: REFERRAL_EXPIRY_WARNING_MAIL, payload }, { partnerId: payload.partnerId, id: `${payload.referralId}#${payload.warning}` }, at);

const WARNING_FIELDS = ['locale', 'contactName', 'partnerName', 'customerName', 'referralId', 'expiresAt', 'to', 'partnerId', 'warning'] as const;

export const referralExpiryWarningMail: MailKind<ExpiryWarningPayload> = {
  kind: REFERRAL_EXPIRY_WARNING_MAIL,
  parse(payload) {
    const parsed = parsePayload<ExpiryWarningPayload>(payload, WARNING_FIELDS, ['locationCity'], 'referral expiry warning');
    if (typeof parsed.fromDirectory !== 'boolean') throw new Error('malformed referral expiry warning payload');
    return parsed;
  },
  logIds: ({ partnerId, referralId, warning }) => ({ partnerId, referralId, warning }),
  prepare: async (payload) => ({ to: payload.to, mail: renderExpiryWarningEmail(payload) }),
};

// ─── The note to the requester ──────────────────────────────────────────────────────────────────────

export interface RequesterNoteModel {
  locale: string;
  /** The requester's name, as they gave it in the request. */
  name: string;
  /** The partner's public name (the directory's); nothing else of the partner. */
  partnerName: string;
  /** The country the requester looked in: the directory link is filtered to it. */
  country: string;
  /** The public directory of that country. */
  link: string;
}

export function renderRequesterNoteEmail(model: RequesterNoteModel): RenderedMail {
  const locale = resolveLocale(model.locale);
  const subject = tMail(locale, 'email.referralExpired.subject', { partnerName: model.partnerName });
  const partnerName = unlinkable(model.partnerName);
  const country = countryName(locale, model.country);
  const texts = {
    greeting: tMail(locale, 'email.referralExpired.greeting', { name: unlinkable(model.name) }),
    intro: tMail(locale, 'email.referralExpired.intro', { partnerName, days: REFERRAL_TTL_DAYS }),
    action: tMail(locale, 'email.referralExpired.action', { country }),
    notForwarded: tMail(locale, 'email.referralExpired.notForwarded'),
  };
  const linkText = tMail(locale, 'email.referralExpired.linkText', { country });
  const heading = tMail(locale, 'email.referralExpired.subject', { partnerName });
  const body = joinHtml(
    [
      paragraphs([texts.greeting, texts.intro, texts.action]),
      // The href is publicBaseUrl plus a country code (see requesterNoteMail): never text a person typed.
      html`<p style="margin:0 0 24px"><a href="${model.link}" style="display:inline-block;background:#0a6b2e;color:#ffffff;padding:12px 20px;border-radius:4px;font-weight:600;text-decoration:none">${linkText}</a></p>`,
      paragraphs([texts.notForwarded]),
    ],
    '\n',
  );
  const text = [heading, texts.greeting, texts.intro, texts.action, `${linkText}: ${model.link}`, texts.notForwarded].join('\n\n');
  return renderedMail(subject, emailHtml(locale, heading, body), text);
}

export const REFERRAL_EXPIRED_REQUESTER_MAIL = 'referrals.expiredRequester';

export interface RequesterNotePayload extends Omit<RequesterNoteModel, 'link'> {
  to: string;
  partnerId: string;
  referralId: string;
}

/** One note per referral (it expires once). */
export const requesterNotePart = (payload: RequesterNotePayload, at: Date): LabelledPart<'requesterNote'> =>
  outboxPart('requesterNote', { kind: REFERRAL_EXPIRED_REQUESTER_MAIL, payload }, { partnerId: payload.partnerId, id: payload.referralId }, at);

const NOTE_FIELDS = ['locale', 'name', 'partnerName', 'country', 'to', 'partnerId', 'referralId'] as const;
const COUNTRY_CODE = /^[A-Z]{2}$/;

export const requesterNoteMail: MailKind<RequesterNotePayload> = {
  kind: REFERRAL_EXPIRED_REQUESTER_MAIL,
  parse(payload) {
    const parsed = parsePayload<RequesterNotePayload>(payload, NOTE_FIELDS, [], 'referral requester note');
    if (!COUNTRY_CODE.test(parsed.country)) throw new Error('malformed referral requester note payload');
    return parsed;
  },
  logIds: ({ partnerId, referralId }) => ({ partnerId, referralId }),
  prepare: async (payload) => ({
    to: payload.to,
    mail: renderRequesterNoteEmail({ ...payload, link: `${config().publicBaseUrl}/directory?country=${payload.country}` }),
  }),
};
