// The customer admin's confirmation of an accepted invitation, carrying the manage link. The accept writes the
// outbox item with the link's subject and key version (never the link); the mailer signs the same link again,
// and sends it only while the link record still names it: a link replaced or revoked before the mail went out
// is not mailed.
import { html, joinHtml } from '../platform/html.js';
import { config } from '../platform/config.js';
import { emailHtml, PARAGRAPH_STYLE, renderedMail, type RenderedMail } from '../platform/mail/layout.js';
import type { MailKind } from '../platform/mail/dispatch.js';
import { resolveLocale } from '../platform/i18n/messages.js';
import { tMail } from '../platform/i18n/mail-messages.js';
import { formatDate } from '../platform/i18n/format.js';
import { hashToken } from '../platform/links/tokens.js';
import { logger } from '../platform/logger.js';
import { roleName } from '../delegated-admin/index.js';
import { unlinkable } from '../invitations/index.js';
import { remintManageToken } from './link.js';
import { getManageLink } from './store.js';
import { MANAGE_CONFIRMATION_MAIL, type ConfirmationPayload } from './issue.js';

export interface ConfirmationModel {
  locale: string;
  partnerName: string;
  companyName: string;
  /** The delegated admin access the accept approved, if any. */
  grant?: { displayName: string; roles: string[]; endsAt: string };
  link: string;
  linkExpiresAt: string;
}

export function renderConfirmationEmail(model: ConfirmationModel): RenderedMail {
  const locale = resolveLocale(model.locale);
  const names = { partnerName: unlinkable(model.partnerName), companyName: unlinkable(model.companyName) };
  const subject = tMail(locale, 'email.manage.subject', { partnerName: model.partnerName });
  const heading = tMail(locale, 'email.manage.subject', names);
  const intro = tMail(locale, 'email.manage.intro', names);
  const admin = model.grant && tMail(locale, 'email.manage.admin', { ...names, displayName: unlinkable(model.grant.displayName), date: formatDate(locale, model.grant.endsAt) });
  const roles = (model.grant?.roles ?? []).map((id) => roleName(locale, id));
  const action = tMail(locale, 'email.manage.action', names);
  const keep = tMail(locale, 'email.manage.keep', { date: formatDate(locale, model.linkExpiresAt) });

  const text = [heading, intro, ...(admin ? [admin, roles.map((role) => `- ${role}`).join('\n')] : []), action, model.link, keep].join('\n\n');
  const P = PARAGRAPH_STYLE;
  const body = emailHtml(
    locale,
    heading,
    joinHtml(
      [
        html`<p style="${P}">${intro}</p>`,
        ...(admin ? [html`<p style="${P}">${admin}</p>`, html`<ul style="${P}">${roles.map((role) => html`<li>${role}</li>`)}</ul>`] : []),
        html`<p style="${P}">${action}</p>`,
        // The href is publicBaseUrl plus the signed token: never text a person typed.
        html`<p style="margin:0 0 24px"><a href="${model.link}" style="display:inline-block;background:#0a6b2e;color:#ffffff;padding:12px 20px;border-radius:4px;font-weight:600;text-decoration:none">${tMail(locale, 'email.manage.linkText')}</a></p>`,
        html`<p style="${P}">${keep}</p>`,
      ],
      '\n',
    ),
  );
  return renderedMail(subject, body, text);
}

const TEXT_FIELDS = ['to', 'partnerId', 'customerId', 'linkId', 'partnerName', 'companyName', 'linkExpiresAt'] as const;

function isGrant(value: unknown): value is ConfirmationPayload['grant'] {
  const g = value as Record<string, unknown>;
  return typeof g === 'object' && g !== null && typeof g.displayName === 'string' && typeof g.endsAt === 'string' && Array.isArray(g.roles) && g.roles.every((r) => typeof r === 'string');
}

export const manageConfirmationMail: MailKind<ConfirmationPayload> = {
  kind: MANAGE_CONFIRMATION_MAIL,
  parse(payload) {
    const p = (payload ?? {}) as Record<string, unknown>;
    const valid = TEXT_FIELDS.every((field) => typeof p[field] === 'string') && typeof p.keyVersion === 'number' && (p.grant === undefined || isGrant(p.grant));
    if (!valid) throw new Error('malformed manage confirmation payload');
    return p as unknown as ConfirmationPayload;
  },
  logIds: ({ partnerId, customerId }) => ({ partnerId, customerId }),
  async prepare(payload) {
    const { partnerId, customerId, linkId, keyVersion } = payload;
    const token = await remintManageToken({ partnerId, customerId, linkId }, keyVersion);
    if (!token) {
      logger.warn('manage link not mailed: its key version is no longer configured', { partnerId, customerId, keyVersion });
      return undefined;
    }
    const link = await getManageLink(partnerId, customerId);
    // Replaced by a newer accept, or revoked, before this mail went out: the link would not work.
    if (!link || link.tokenHash !== hashToken(token) || link.revokedAt) return undefined;
    return {
      to: payload.to,
      mail: renderConfirmationEmail({
        locale: 'en',
        partnerName: payload.partnerName,
        companyName: payload.companyName,
        ...(payload.grant ? { grant: payload.grant } : {}),
        link: `${config().publicBaseUrl}/manage/${token}`,
        linkExpiresAt: payload.linkExpiresAt,
      }),
    };
  },
};
