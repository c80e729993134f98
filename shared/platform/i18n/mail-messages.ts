// Every human-visible string of the mails, apart from the pages' (./messages.ts), so that only the functions that
// render mail (the mailer) bundle them. A mail also uses the pages' texts it shares with them (roles, the
// admin-access lines) through `t`.
import { translator, type Locale } from './messages.js';

const en = {
  // The invitation email (shared/invitations/email.ts); the admin-access lines reuse the page's texts above.
  'email.subject': '{partnerName} invites you to a reseller relationship',
  'email.subjectWithAdmin': '{partnerName} invites you to a reseller relationship and asks for admin access',
  'email.intro': '{partnerName} invites your organization to a reseller relationship.',
  'email.introWithCountry': '{partnerName}, a cloud services partner based in {country}, invites your organization to a reseller relationship.',
  'email.action': 'Open the invitation to see the details, confirm your organization and accept or decline:',
  'email.linkText': 'Open the invitation',
  'email.singleUse': 'The link works once. Do not forward this email: whoever has the link can answer for your organization.',
  'email.ignore': 'If you do not know {partnerName} or do not want a reseller, ignore this email. Nothing changes unless you accept.',

  // The end-date warning to the partner's primary contact (shared/delegated-admin/end-warning-email.ts).
  'email.grantEnd.subject': 'Admin access “{displayName}” to {customerName} ends on {date}',
  'email.grantEnd.subjectAutoExtend': 'Admin access “{displayName}” to {customerName} renews automatically on {date}',
  'email.grantEnd.greeting': 'Hello {name},',
  'email.grantEnd.intro': 'The delegated admin access “{displayName}” of {partnerName} to {customerName} reaches its end date on {date}. It has these roles:',
  'email.grantEnd.autoExtend': 'It renews automatically for 180 more days on that date. You do not need to do anything.',
  'email.grantEnd.noAutoExtend':
    'It does not renew: after that date {partnerName} no longer has admin access to {customerName}. To keep access, ask the customer to approve a new delegated admin request before then.',
  'email.grantEnd.why': 'You receive this reminder 30, 7 and 1 days before the end date as the primary contact of {partnerName}.',

  // The referral expiry mails (shared/referrals/expiry-email.ts): the warning to the partner's referral
  // contact, and the note to the requester of a directory request that expired unanswered.
  'email.referralExpiry.subject': 'A referral from {customerName} expires on {date}',
  'email.referralExpiry.greeting': 'Hello {name},',
  'email.referralExpiry.intro': '{partnerName} received a referral from {customerName} that has not been answered yet. If nobody accepts or declines it by {date}, it expires.',
  'email.referralExpiry.requester': 'The customer asked for help through the partner directory. If the referral expires, we tell them to choose another partner.',
  'email.referralExpiry.action': 'Accept or decline referral {referralId} in your referrals.',
  'email.referralExpiry.why': 'You receive this reminder 3 days and 1 day before a referral expires, as the primary contact of {partnerName}.',
  'email.referralExpiry.whyLocation': 'You receive this reminder 3 days and 1 day before a referral expires, as the contact of the {city} location of {partnerName}.',
  'email.referralExpired.subject': '{partnerName} did not answer your request',
  'email.referralExpired.greeting': 'Hello {name},',
  'email.referralExpired.intro': 'You asked {partnerName} for help through the partner directory. They did not answer within {days} days, so your request is closed.',
  'email.referralExpired.action': 'Please choose another partner. The directory lists the partners in {country}:',
  'email.referralExpired.linkText': 'Find a partner in {country}',
  'email.referralExpired.notForwarded': 'Your request is not passed on to another partner by itself: send a new request to the partner you choose.',

  // The requester's confirmation mail (shared/information-requests/confirmation-email.ts).
  'email.rfi.subject': 'Confirm your request to {partnerName}',
  'email.rfi.greeting': 'Hello {name},',
  'email.rfi.intro': 'You asked {partnerName} for information through the partner directory. To send your request, confirm your email address:',
  'email.rfi.linkText': 'Confirm my request',
  'email.rfi.expires': 'The link works once and expires on {date}. Nothing reaches {partnerName} until you confirm.',
  'email.rfi.ignore': 'If you did not ask for this, ignore this email: the request is then deleted.',

  // The lead mail to the location's contact (shared/information-requests/lead-email.ts).
  'email.partnerReferral.subject': '{providerName} referred {customerName} to you',
  'email.partnerReferral.greeting': 'Hello {name},',
  'email.partnerReferral.intro': '{providerName}, an indirect provider of {resellerName}, referred the customer {customerName} to you. It waits in your referrals as a new referral (id {referralId}).',
  'email.partnerReferral.answer': 'Accept or decline it before {date}; after that it closes unanswered, and {providerName} sees it expired. The customer’s contact details show once you accept, and {providerName} then sees the first member of the team you name.',
  'email.partnerReferral.why': 'You receive this as the primary contact of {resellerName}.',
  'email.lead.subject': 'A new request for information for {partnerName} in {city}',
  'email.lead.greeting': 'Hello {name},',
  'email.lead.intro': 'A customer asked {partnerName} ({city}) for information through the partner directory and confirmed their email address. It waits in your referrals as a new referral (id {referralId}).',
  'email.lead.about': 'Company size: {size}. Country: {country}.',
  'email.lead.contactMe': 'The customer asked to be contacted.',
  'email.lead.answer': 'Accept or decline it in your partner tools before {date}; after that it closes unanswered. The customer’s contact details show once you accept.',
  'email.lead.why': 'You receive this as the contact of this location in the business profile of {partnerName}.',

  // The customer admin's confirmation mail with the manage link (shared/customer-manage/confirmation-email.ts).
  'email.manage.subject': '{partnerName} is now your reseller',
  'email.manage.intro': 'You accepted the invitation of {partnerName}: it is now the cloud reseller of {companyName}.',
  'email.manage.admin': '{partnerName} has admin access “{displayName}” to your organization until {date}, with these roles:',
  'email.manage.action': 'On your manage page you can see what {partnerName} may do for your organization, end its admin access, or end the relationship:',
  'email.manage.linkText': 'Manage your reseller relationship',
  'email.manage.keep': 'Keep this email and do not forward it: anyone with the link can manage the relationship. It works until {date}, and stops once you end the relationship there.',

  // The partner's mail about a change the customer made on its manage page (shared/customer-manage/partner-notice-email.ts).
  'email.customerChange.endedSubject': '{customerName} ended its reseller relationship with {partnerName}',
  'email.customerChange.grantSubject': '{customerName} ended the admin access “{displayName}”',
  'email.customerChange.purchaseSubject': '{customerName} turned off its purchase permission for {type}',
  'email.customerChange.greeting': 'Hello {name},',
  'email.customerChange.ended': 'An admin of {customerName} ({actor}) ended the reseller relationship with {partnerName} on {date}. Every delegated admin access to it ended with it, and the customer is listed as ended.',
  'email.customerChange.reason': 'The reason given: {reason}',
  'email.customerChange.purchase': 'An admin of {customerName} ({actor}) turned off the purchase permission for {type} that {partnerName} had granted, on {date}. The customer can no longer buy them itself.',
  'email.customerChange.grant': 'An admin of {customerName} ({actor}) ended the delegated admin access “{displayName}” of {partnerName} on {date}. It had these roles:',
  'email.customerChange.why': 'You receive this as the primary contact of {partnerName}. The change is in the customer’s activity log.',
  // A provider's partnership invitation to a reseller: the mail (shared/reseller-invitations/delivery.ts).
  'email.partnership.subject': '{partnerName} invites you to authorize it as your indirect provider',
  'email.partnership.intro': '{partnerName}, an indirect provider, invites your company to work with it as its indirect reseller.',
  'email.partnership.message': 'Their message: “{message}”',
  'email.partnership.action': 'Open the invitation to see what authorizing {partnerName} grants and how your Global admin accepts:',
  'email.partnership.linkText': 'Open the invitation',
  'email.partnership.expires': 'The link expires on {date}. Nothing changes unless your Global admin accepts; if you do not know {partnerName}, ignore this email.',

  // The end of an indirect link, told to the other side (shared/indirect-providers/ended-email.ts).
  'email.linkEnded.byProvider': '{partnerName} ended its indirect provider link with you',
  'email.linkEnded.byReseller': '{partnerName} ended its indirect reseller link with you',
  'email.linkEnded.greeting': 'Hello {name},',
  'email.linkEnded.intro': '{partnerName} ended the indirect partnership with your company on {date}.',
  'email.linkEnded.reason': 'The reason given: {reason}.',
  'email.linkEnded.comment': 'Their comment: “{comment}”',
  'email.linkEnded.reasons.partnershipEnded': 'the partnership has ended',
  'email.linkEnded.reasons.commercialTerms': 'the commercial terms no longer suit',
  'email.linkEnded.reasons.noActivity': 'there was no activity',
  'email.linkEnded.reasons.createdByMistake': 'the link was made by mistake',
  'email.linkEnded.reasons.other': 'another reason',
  'email.linkEnded.kept': 'The customers you share and any delegated admin access stay as they are. Either side may link again later.',
} as const satisfies Record<string, string>;

export type MailMessageKey = keyof typeof en;

export const MAIL_MESSAGES = { en } as const satisfies Record<Locale, Partial<Record<MailMessageKey, string>>>;

export const tMail = translator<MailMessageKey>(MAIL_MESSAGES);
