// The partner's primary contact learns of each change a customer admin makes on the manage page: the
// relationship ended (with the reason given), one delegated admin access ended, or one purchase permission turned off. Written to the outbox in
// the change's own transaction. Like the end-date warning it carries no link, and it names the customer admin
// only masked, as the activity log does.
import { randomUUID } from 'node:crypto';
import { html, joinHtml } from '../platform/html.js';
import { emailHtml, PARAGRAPH_STYLE, renderedMail, type RenderedMail } from '../platform/mail/layout.js';
import type { MailKind } from '../platform/mail/dispatch.js';
import { outboxPart } from '../platform/mail/outbox.js';
import type { LabelledPart } from '../platform/dynamo/transactions.js';
import { resolveLocale } from '../platform/i18n/messages.js';
import { tMail, type MailMessageKey } from '../platform/i18n/mail-messages.js';
import { formatDate } from '../platform/i18n/format.js';
import { roleName } from '../delegated-admin/index.js';
import { unlinkable } from '../invitations/index.js';
import { tManage } from './messages.js';
import { PURCHASE_PERMISSION_TYPES, type PurchasePermissionType } from '../purchase-permissions/index.js';

export const CUSTOMER_CHANGE_MAIL = 'customerManage.partnerNotice';

export interface CustomerChangePayload {
  to: string;
  contactName: string;
  partnerId: string;
  partnerName: string;
  customerId: string;
  customerName: string;
  /** The customer admin, masked. */
  actor: string;
  at: string;
  change:
    | { kind: 'relationshipEnded'; reason: string }
    | { kind: 'grantTerminated'; grantId: string; displayName: string; roles: string[] }
    | { kind: 'purchasePermissionTurnedOff'; type: PurchasePermissionType };
}

const WORDING = {
  relationshipEnded: ['email.customerChange.endedSubject', 'email.customerChange.ended'],
  grantTerminated: ['email.customerChange.grantSubject', 'email.customerChange.grant'],
  purchasePermissionTurnedOff: ['email.customerChange.purchaseSubject', 'email.customerChange.purchase'],
} as const satisfies Record<CustomerChangePayload['change']['kind'], readonly [MailMessageKey, MailMessageKey]>;

export function renderCustomerChangeEmail(payload: CustomerChangePayload): RenderedMail {
  const locale = resolveLocale('en');
  const { change } = payload;
  const date = formatDate(locale, payload.at);
  const plain = {
    customerName: payload.customerName,
    partnerName: payload.partnerName,
    displayName: change.kind === 'grantTerminated' ? change.displayName : '',
    // Our own catalogue's name, never text a person typed.
    type: change.kind === 'purchasePermissionTurnedOff' ? tManage(locale, `purchasePermission.${change.type}`) : '',
  };
  const names = {
    customerName: unlinkable(payload.customerName),
    partnerName: unlinkable(payload.partnerName),
    displayName: unlinkable(plain.displayName),
    type: plain.type,
    actor: unlinkable(payload.actor),
    date,
  };
  const [subjectKey, whatKey] = WORDING[change.kind];
  const subject = tMail(locale, subjectKey, plain);
  const heading = tMail(locale, subjectKey, names);
  const greeting = tMail(locale, 'email.customerChange.greeting', { name: unlinkable(payload.contactName) });
  const what = tMail(locale, whatKey, names);
  const details = change.kind === 'relationshipEnded' ? [tMail(locale, 'email.customerChange.reason', { reason: unlinkable(change.reason) })] : [];
  const roles = change.kind === 'grantTerminated' ? change.roles.map((id) => roleName(locale, id)) : [];
  const why = tMail(locale, 'email.customerChange.why', names);

  const text = [heading, greeting, what, ...(roles.length ? [roles.map((role) => `- ${role}`).join('\n')] : []), ...details, why].join('\n\n');
  const P = PARAGRAPH_STYLE;
  const body = emailHtml(
    locale,
    heading,
    joinHtml(
      [
        html`<p style="${P}">${greeting}</p>`,
        html`<p style="${P}">${what}</p>`,
        ...(roles.length ? [html`<ul style="${P}">${roles.map((role) => html`<li>${role}</li>`)}</ul>`] : []),
        ...details.map((detail) => html`<p style="${P}">${detail}</p>`),
        html`<p style="${P}">${why}</p>`,
      ],
      '\n',
    ),
  );
  return renderedMail(subject, body, text);
}

export const customerChangePart = (payload: CustomerChangePayload, at: Date): LabelledPart<'partnerMail'> =>
  outboxPart('partnerMail', { kind: CUSTOMER_CHANGE_MAIL, payload }, { partnerId: payload.partnerId, id: `${payload.customerId}#${randomUUID()}` }, at);

const TEXT_FIELDS = ['to', 'contactName', 'partnerId', 'partnerName', 'customerId', 'customerName', 'actor', 'at'] as const;

function isChange(value: unknown): value is CustomerChangePayload['change'] {
  const c = (value ?? {}) as Record<string, unknown>;
  if (c.kind === 'relationshipEnded') return typeof c.reason === 'string';
  if (c.kind === 'purchasePermissionTurnedOff') return (PURCHASE_PERMISSION_TYPES as readonly unknown[]).includes(c.type);
  return c.kind === 'grantTerminated' && typeof c.grantId === 'string' && typeof c.displayName === 'string' && Array.isArray(c.roles) && c.roles.every((r) => typeof r === 'string');
}

export const customerChangeMail: MailKind<CustomerChangePayload> = {
  kind: CUSTOMER_CHANGE_MAIL,
  parse(payload) {
    const p = (payload ?? {}) as Record<string, unknown>;
    if (!TEXT_FIELDS.every((field) => typeof p[field] === 'string') || !isChange(p.change)) throw new Error('malformed customer change payload');
    return p as unknown as CustomerChangePayload;
  },
  logIds: ({ partnerId, customerId, change }) => ({ partnerId, customerId, change: change.kind }),
  prepare: async (payload) => ({ to: payload.to, mail: renderCustomerChangeEmail(payload) }),
};
