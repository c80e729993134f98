// The manage page's own texts (and the names of purchase permission types, which the partner's notice mail uses
// too): only the manage function and the mailer bundle them. The texts it shares with the other pages (roles,
// the partner line, form errors) are the platform's (shared/platform/i18n/messages.ts).
import { translator, type Locale } from '../platform/i18n/messages.js';

const en = {
  'manage.title': 'Your reseller relationship with {partnerName}',
  'manage.state': 'The reseller relationship of {companyName} ({domain}) with {partnerName} is active since {date}.',
  'manage.grants.heading': 'Admin access',
  'manage.grants.none': '{partnerName} has no admin access to your organization.',
  'manage.grants.intro': 'The admin access {partnerName} has, or had, to your organization:',
  'manage.grant.active': '“{displayName}”: active until {date}.',
  'manage.grant.activeRenews': '“{displayName}”: active until {date}, then renews automatically for 180 days.',
  'manage.grant.expired': '“{displayName}”: expired.',
  'manage.grant.terminated': '“{displayName}”: ended on {date}.',
  'manage.grant.approvalPending': '“{displayName}”: waiting for approval.',
  'manage.grant.terminate': 'End “{displayName}”',
  'manage.grant.terminatedNotice': 'The admin access “{displayName}” has ended. {partnerName} has been told.',
  'manage.grant.notActive': 'That admin access is no longer active: nothing was changed.',
  'manage.purchase.heading': 'Purchase permissions',
  'manage.purchase.intro': 'What your organization may buy itself, billed through {partnerName}:',
  'manage.purchase.on': '{type}: allowed since {since}.',
  'manage.purchase.onUntil': '{type}: allowed since {since}, until {until}.',
  'manage.purchase.off': '{type}: not allowed.',
  'manage.purchase.turnOff': 'Turn off {type}',
  'manage.purchase.turnedOffNotice': 'Your organization may no longer buy {type} itself. {partnerName} has been told.',
  'manage.purchase.alreadyOff': '{type} were already not allowed: nothing was changed.',
  'purchasePermission.azureReservations': 'Azure reservations',
  'purchasePermission.azureSavingsPlans': 'Azure savings plans',
  'manage.end.heading': 'End the relationship',
  'manage.end.intro': 'Ending the relationship ends every admin access of {partnerName} to your organization and every purchase permission at once, and {partnerName} is told, with your reason. This page then stops working.',
  'manage.field.reason': 'Reason',
  'manage.field.reasonHint': '{partnerName} will see this.',
  'manage.end': 'End the relationship',
  'manage.keep': 'Anyone who has this page’s link can manage the relationship: do not share it.',
  'manage.ended.title': 'Relationship ended',
  'manage.ended.lead': 'You ended the reseller relationship with {partnerName}. Its admin access to your organization has ended, and it has been told.',
  'manage.ended.again': 'To work with {partnerName} again, ask it for a new invitation.',
  'manage.endedBefore.title': 'This relationship has ended',
  'manage.endedBefore.body': 'The reseller relationship with {partnerName} ended on {date}. There is nothing left to manage here.',
  'manage.unusable.title': 'This link can’t be used',
  'manage.unusable.body': 'A manage link stops working a year after it was sent, when the relationship is ended from its page, or when a newer link is sent because an invitation was accepted again.',
  'manage.unusable.action': 'Use the link in your newest confirmation email, or ask your partner.',
} as const satisfies Record<string, string>;

export type ManageMessageKey = keyof typeof en;

export const MANAGE_MESSAGES = { en } as const satisfies Record<Locale, Partial<Record<ManageMessageKey, string>>>;

export const tManage = translator<ManageMessageKey>(MANAGE_MESSAGES);
