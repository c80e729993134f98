// The mail that tells one side of an indirect link that the other side ended it: who, when, why, and that
// customers and delegated admin grants stay. Written to the outbox in the end's own transaction, with
// everything it says, so the mailer reads nothing else.
import { formatDate } from '../platform/i18n/format.js';
import { resolveLocale } from '../platform/i18n/messages.js';
import { tMail, type MailMessageKey } from '../platform/i18n/mail-messages.js';
import type { LabelledPart } from '../platform/dynamo/transactions.js';
import type { MailKind } from '../platform/mail/dispatch.js';
import { paragraphMail, type RenderedMail } from '../platform/mail/layout.js';
import { outboxPart } from '../platform/mail/outbox.js';
import { unlinkable } from '../invitations/index.js';
import { END_REASONS, LINK_SIDES, type EndReason } from './entity.js';

export const LINK_ENDED_MAIL = 'indirectLinks.ended';

/** Each reason's words, named in full so the catalogue check sees every key in use. */
const REASON_TEXT: Record<EndReason, MailMessageKey> = {
  partnershipEnded: 'email.linkEnded.reasons.partnershipEnded',
  commercialTerms: 'email.linkEnded.reasons.commercialTerms',
  noActivity: 'email.linkEnded.reasons.noActivity',
  createdByMistake: 'email.linkEnded.reasons.createdByMistake',
  other: 'email.linkEnded.reasons.other',
};

export interface LinkEndedPayload {
  /** The partner told, in whose partition the outbox item sits. */
  partnerId: string;
  to: string;
  locale: string;
  contactName: string;
  /** The partner that ended the link. */
  otherPartnerName: string;
  endedBy: (typeof LINK_SIDES)[number];
  reason: EndReason;
  comment?: string;
  endedAt: string;
  /** `<providerId>#<resellerId>`, for the logs and the outbox item's id. */
  linkId: string;
}

export function renderLinkEndedEmail(model: LinkEndedPayload): RenderedMail {
  const locale = resolveLocale(model.locale);
  const names = { partnerName: unlinkable(model.otherPartnerName), date: formatDate(locale, model.endedAt) };
  const subjectKey: MailMessageKey = model.endedBy === 'provider' ? 'email.linkEnded.byProvider' : 'email.linkEnded.byReseller';
  return paragraphMail(locale, tMail(locale, subjectKey, { ...names, partnerName: model.otherPartnerName }), tMail(locale, subjectKey, names), [
    tMail(locale, 'email.linkEnded.greeting', { name: unlinkable(model.contactName) }),
    tMail(locale, 'email.linkEnded.intro', names),
    tMail(locale, 'email.linkEnded.reason', { reason: tMail(locale, REASON_TEXT[model.reason]) }),
    ...(model.comment ? [tMail(locale, 'email.linkEnded.comment', { comment: unlinkable(model.comment) })] : []),
    tMail(locale, 'email.linkEnded.kept'),
  ]);
}

export const linkEndedMailPart = (payload: LinkEndedPayload, at: Date): LabelledPart<'outbox'> =>
  outboxPart('outbox', { kind: LINK_ENDED_MAIL, payload }, { partnerId: payload.partnerId, id: `${payload.linkId}#${payload.endedAt}` }, at);

const TEXT_FIELDS = ['partnerId', 'to', 'locale', 'contactName', 'otherPartnerName', 'endedAt', 'linkId'] as const;

export const linkEndedMail: MailKind<LinkEndedPayload> = {
  kind: LINK_ENDED_MAIL,
  parse(payload) {
    const p = (payload ?? {}) as Record<string, unknown>;
    const valid =
      TEXT_FIELDS.every((field) => typeof p[field] === 'string') &&
      (LINK_SIDES as readonly unknown[]).includes(p.endedBy) &&
      (END_REASONS as readonly unknown[]).includes(p.reason) &&
      (p.comment === undefined || typeof p.comment === 'string');
    if (!valid) throw new Error('malformed indirect link end payload');
    return p as unknown as LinkEndedPayload;
  },
  logIds: ({ partnerId, linkId }) => ({ partnerId, linkId }),
  prepare: async (payload) => ({ to: payload.to, mail: renderLinkEndedEmail(payload) }),
};
