// The requester's confirmation mail: one link, which confirms nothing by being opened (the page it opens has
// the button). Its mail kind mints the link when it sends: a fresh one-time token whose hash replaces the
// previous attempt's, so the table never holds a usable link and only the newest mail's link works.
import { clock } from '../platform/clock.js';
import { config } from '../platform/config.js';
import { html, joinHtml } from '../platform/html.js';
import { formatDate } from '../platform/i18n/format.js';
import { resolveLocale } from '../platform/i18n/messages.js';
import { tMail } from '../platform/i18n/mail-messages.js';
import type { LabelledPart } from '../platform/dynamo/transactions.js';
import { hashToken, newToken } from '../platform/links/tokens.js';
import type { MailKind } from '../platform/mail/dispatch.js';
import { emailHtml, PARAGRAPH_STYLE, renderedMail, type RenderedMail } from '../platform/mail/layout.js';
import { outboxPart } from '../platform/mail/outbox.js';
import { unlinkable } from '../invitations/index.js';
import type { InformationRequestRecord } from './entity.js';
import { getRequest, issueLink } from './store.js';

export interface ConfirmationMailModel {
  locale: string;
  firstName: string;
  partnerName: string;
  /** Built here from the configured public base URL, never from a request. */
  link: string;
  expiresAt: string;
}

export function renderConfirmationEmail(model: ConfirmationMailModel): RenderedMail {
  const locale = resolveLocale(model.locale);
  const partnerName = unlinkable(model.partnerName);
  const date = formatDate(locale, model.expiresAt);
  const heading = tMail(locale, 'email.rfi.subject', { partnerName });
  const paragraphs = [
    tMail(locale, 'email.rfi.greeting', { name: unlinkable(model.firstName) }),
    tMail(locale, 'email.rfi.intro', { partnerName }),
  ];
  const after = [tMail(locale, 'email.rfi.expires', { partnerName, date }), tMail(locale, 'email.rfi.ignore')];
  const linkText = tMail(locale, 'email.rfi.linkText');
  const P = PARAGRAPH_STYLE;
  const body = joinHtml(
    [
      ...paragraphs.map((text) => html`<p style="${P}">${text}</p>`),
      html`<p style="${P}"><a href="${model.link}" style="font-weight:600">${linkText}</a></p>`,
      ...after.map((text) => html`<p style="${P}">${text}</p>`),
    ],
    '\n',
  );
  const text = [heading, ...paragraphs, `${linkText}: ${model.link}`, ...after].join('\n\n');
  return renderedMail(tMail(locale, 'email.rfi.subject', { partnerName: model.partnerName }), emailHtml(locale, heading, body), text);
}

export const CONFIRMATION_MAIL = 'informationRequest.confirmation';

interface ConfirmationPayload {
  requestId: string;
}

/** The outbox request for a new request's confirmation mail, written in the request's own transaction. */
export const confirmationMailPart = (record: InformationRequestRecord, at: Date): LabelledPart<'outbox'> =>
  outboxPart('outbox', { kind: CONFIRMATION_MAIL, payload: { requestId: record.id } satisfies ConfirmationPayload }, { partnerId: record.partnerId, id: record.id }, at);

export const confirmationPath = (token: string) => `/information-requests/${token}`;

export const confirmationMail: MailKind<ConfirmationPayload> = {
  kind: CONFIRMATION_MAIL,
  parse(payload) {
    const { requestId } = (payload ?? {}) as Partial<ConfirmationPayload>;
    if (typeof requestId !== 'string') throw new Error('malformed information request mail payload');
    return { requestId };
  },
  logIds: ({ requestId }) => ({ requestId }),
  async prepare({ requestId }) {
    const request = await getRequest(requestId);
    // Confirmed or expired meanwhile (a late retry): a link would be of no use.
    if (!request?.requester || request.state !== 'pending' || Date.parse(request.expiresAt) <= clock.now().getTime()) return undefined;
    const token = newToken();
    if (!(await issueLink(request, hashToken(token)))) throw new Error('information request changed while its link was issued');
    return {
      to: request.requester.email,
      mail: renderConfirmationEmail({
        locale: request.locale,
        firstName: request.requester.firstName,
        partnerName: request.partnerName,
        link: `${config().publicBaseUrl}${confirmationPath(token)}`,
        expiresAt: request.expiresAt,
      }),
    };
  },
};
