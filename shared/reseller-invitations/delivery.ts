// The partnership invitation's mail kind: the outbox request its changes write, and the mailer's work on it.
// The mailer mints the one-time link when it sends (only its hash is stored; a retry replaces it), so the
// table never holds a usable link and only the newest mail's link works.
import { clock } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { formatDate } from '../platform/i18n/format.js';
import { resolveLocale } from '../platform/i18n/messages.js';
import { tMail } from '../platform/i18n/mail-messages.js';
import { putVersioned, type LabelledPart } from '../platform/dynamo/transactions.js';
import { hashToken, newToken } from '../platform/links/tokens.js';
import type { MailKind } from '../platform/mail/dispatch.js';
import { paragraphMail, type RenderedMail } from '../platform/mail/layout.js';
import { outboxPart } from '../platform/mail/outbox.js';
import { unlinkable } from '../invitations/index.js';
import { resellerInvitationItem, type ResellerInvitationRecord } from './entity.js';
import { effectiveState, getInvitationWithProvider, issueLink } from './store.js';

export const RESELLER_INVITATION_MAIL = 'resellerInvitation';

export interface ResellerInvitationMailPayload {
  providerId: string;
  invitationId: string;
  generation: number;
}

export const resellerInvitationMailPart = (record: ResellerInvitationRecord, at: Date): LabelledPart<'outbox'> =>
  outboxPart(
    'outbox',
    { kind: RESELLER_INVITATION_MAIL, payload: { providerId: record.providerId, invitationId: record.id, generation: record.generation } satisfies ResellerInvitationMailPayload },
    { partnerId: record.providerId, id: `${record.id}#${record.generation}` },
    at,
  );

export const partnershipPath = (token: string) => `/reseller-invitations/${token}`;

export interface ResellerInvitationMailModel {
  locale: string;
  providerName: string;
  message?: string;
  link: string;
  expiresAt: string;
}

export function renderResellerInvitationEmail(model: ResellerInvitationMailModel): RenderedMail {
  const locale = resolveLocale(model.locale);
  const partnerName = unlinkable(model.providerName);
  return paragraphMail(locale, tMail(locale, 'email.partnership.subject', { partnerName: model.providerName }), tMail(locale, 'email.partnership.subject', { partnerName }), [
    tMail(locale, 'email.partnership.intro', { partnerName }),
    ...(model.message ? [tMail(locale, 'email.partnership.message', { message: unlinkable(model.message) })] : []),
    tMail(locale, 'email.partnership.action', { partnerName }),
    { href: model.link, text: tMail(locale, 'email.partnership.linkText') },
    tMail(locale, 'email.partnership.expires', { partnerName, date: formatDate(locale, model.expiresAt) }),
  ]);
}

export const resellerInvitationMail: MailKind<ResellerInvitationMailPayload> = {
  kind: RESELLER_INVITATION_MAIL,
  parse(payload) {
    const { providerId, invitationId, generation } = (payload ?? {}) as Partial<ResellerInvitationMailPayload>;
    if (typeof providerId !== 'string' || typeof invitationId !== 'string' || typeof generation !== 'number') throw new Error('malformed reseller invitation mail payload');
    return { providerId, invitationId, generation };
  },
  logIds: ({ providerId, invitationId, generation }) => ({ providerId, invitationId, generation }),
  async prepare(request, attempts) {
    const { invitation, provider } = await getInvitationWithProvider(request.providerId, request.invitationId);
    // Superseded by a resend, answered, revoked or expired meanwhile (a late retry): a link would be of no use.
    if (!invitation || !provider || invitation.generation !== request.generation || effectiveState(invitation, clock.now()) !== 'pending') return undefined;
    if (invitation.delivery.state === 'sent') return undefined;
    const token = newToken();
    const claimed = await issueLink(invitation, hashToken(token), attempts);
    if (!claimed) throw new Error('reseller invitation changed while its link was issued');
    const settled = (delivery: ResellerInvitationRecord['delivery']) => [putVersioned('invitation', resellerInvitationItem({ ...claimed, delivery, version: claimed.version + 1 }), claimed.version)];
    return {
      to: invitation.email,
      mail: renderResellerInvitationEmail({
        locale: 'en',
        providerName: provider.companyName,
        ...(invitation.message ? { message: invitation.message } : {}),
        link: `${config().publicBaseUrl}${partnershipPath(token)}`,
        expiresAt: invitation.expiresAt,
      }),
      sent: () => settled({ state: 'sent', attempts, sentAt: clock.now().toISOString() }),
      failed: ({ final, error }) => settled({ state: final ? 'failed' : 'queued', attempts, lastError: error }),
    };
  },
};
