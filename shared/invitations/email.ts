// The invitation email: subject, HTML and plain text from the message catalogue. It says who invites,
// what the partner asks for and until when, and carries exactly one link: the one-time invitation link.
import { html, joinHtml } from '../platform/html.js';
import { emailHtml, PARAGRAPH_STYLE, renderedMail, type RenderedMail } from '../platform/mail/layout.js';
import { roleName } from '../delegated-admin/index.js';
import { countryName, formatDate, plural } from '../platform/i18n/format.js';
import { resolveLocale, t } from '../platform/i18n/messages.js';
import { tMail } from '../platform/i18n/mail-messages.js';

export interface InvitationMailModel {
  locale: string;
  partnerName: string;
  partnerCountry?: string;
  /** A joint invitation: the reseller's indirect provider, whom the customer takes on at the same time. */
  indirectProviderName?: string;
  recipientEmail: string;
  link: string;
  expiresAt: string;
  delegatedAdmin?: { displayName: string; roles: string[]; durationDays: number; autoExtend: boolean };
}

/**
 * Mail clients turn anything that looks like an address, a domain or a URL into a link. A partner's name or
 * an access name is partner-chosen text ("Contoso.com Ltd", or worse "Visit https://…"), so a zero-width space
 * after '.', '@' and ':' keeps it plain text: the reader sees the same characters, and the invitation link
 * stays the only link in the mail. (Not used in the subject, which clients do not link.)
 */
export const unlinkable = (text: string): string => text.replace(/([.@:])(?=\S)/g, '$1\u200B');

/** The link goes into an href: only an absolute http(s) URL is acceptable. */
function checkedLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch (error) {
    throw new Error('invitation link is not an absolute URL', { cause: error });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('invitation link must be http(s)');
  return link;
}

type Block = { kind: 'p'; text: string } | { kind: 'list'; items: string[] } | { kind: 'h2'; text: string } | { kind: 'link' };

export function renderInvitationEmail(model: InvitationMailModel): RenderedMail {
  const locale = resolveLocale(model.locale);
  const link = checkedLink(model.link);
  const partnerName = unlinkable(model.partnerName);
  const admin = model.delegatedAdmin;

  const subject = tMail(locale, admin ? 'email.subjectWithAdmin' : 'email.subject', { partnerName: model.partnerName });
  const heading = tMail(locale, admin ? 'email.subjectWithAdmin' : 'email.subject', { partnerName });

  const blocks: Block[] = [
    {
      kind: 'p',
      text: model.partnerCountry
        ? tMail(locale, 'email.introWithCountry', { partnerName, country: countryName(locale, model.partnerCountry) })
        : tMail(locale, 'email.intro', { partnerName }),
    },
    ...(model.indirectProviderName
      ? [
          { kind: 'p' as const, text: t(locale, 'invitation.joint.intro', { partnerName, providerName: unlinkable(model.indirectProviderName) }) },
          {
            kind: 'list' as const,
            items: [t(locale, 'invitation.joint.reseller', { partnerName }), t(locale, 'invitation.joint.provider', { partnerName, providerName: unlinkable(model.indirectProviderName) })],
          },
        ]
      : [{ kind: 'p' as const, text: t(locale, 'invitation.relationship', { partnerName }) }]),
  ];
  if (admin) {
    blocks.push(
      { kind: 'h2', text: t(locale, 'invitation.admin.heading') },
      { kind: 'p', text: t(locale, 'invitation.admin.intro', { partnerName, displayName: unlinkable(admin.displayName) }) },
      { kind: 'list', items: admin.roles.map((id) => roleName(locale, id)) },
      { kind: 'p', text: plural(locale, 'invitation.admin.duration', admin.durationDays, { days: admin.durationDays }) },
      { kind: 'p', text: t(locale, admin.autoExtend ? 'invitation.admin.autoExtend' : 'invitation.admin.noAutoExtend') },
    );
    if (admin.autoExtend && admin.roles.includes('globalAdministrator')) {
      blocks.push({ kind: 'p', text: t(locale, 'invitation.admin.autoExtendExcept', { role: roleName(locale, 'globalAdministrator') }) });
    }
    blocks.push({ kind: 'p', text: t(locale, 'invitation.admin.approve') });
  } else {
    blocks.push({ kind: 'p', text: t(locale, 'invitation.noAdmin', { partnerName }) });
  }
  blocks.push(
    { kind: 'p', text: tMail(locale, 'email.action') },
    { kind: 'link' },
    { kind: 'p', text: t(locale, 'invitation.expires', { date: formatDate(locale, model.expiresAt) }) },
    { kind: 'p', text: tMail(locale, 'email.singleUse') },
    { kind: 'p', text: tMail(locale, 'email.ignore', { partnerName }) },
  );

  const text = [
    heading,
    ...blocks.map((block) => {
      switch (block.kind) {
        case 'p':
        case 'h2':
          return block.text;
        case 'list':
          return block.items.map((item) => `- ${item}`).join('\n');
        case 'link':
          return link;
      }
    }),
  ].join('\n\n');

  const P = PARAGRAPH_STYLE;
  const htmlBlocks = blocks.map((block) => {
    switch (block.kind) {
      case 'p':
        return html`<p style="${P}">${block.text}</p>`;
      case 'h2':
        return html`<h2 style="font-size:18px;margin:24px 0 8px">${block.text}</h2>`;
      case 'list':
        return html`<ul style="${P}">${block.items.map((item) => html`<li>${item}</li>`)}</ul>`;
      case 'link':
        // The href is publicBaseUrl plus the token (see checkedLink): never text a person typed.
        return html`<p style="margin:0 0 24px"><a href="${link}" style="display:inline-block;background:#0a6b2e;color:#ffffff;padding:12px 20px;border-radius:4px;font-weight:600;text-decoration:none">${tMail(locale, 'email.linkText')}</a></p>`;
    }
  });
  const body = emailHtml(locale, heading, joinHtml(htmlBlocks, '\n'));

  return renderedMail(subject, body, text);
}
