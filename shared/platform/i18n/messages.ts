// Every human-visible string of the public pages. A new locale is a new entry in MESSAGES; a key it lacks
// falls back to English, so a partial translation never shows a raw key. The mails' own texts are in
// ./mail-messages.ts: only the mailer renders mail, so no page function bundles them.

const en = {
  'page.errorTitle': 'Error: {title}',
  'form.errorSummaryTitle': 'There is a problem',
  'form.errorPrefix': 'Error:',

  'invitation.title': '{partnerName} invites you to a reseller relationship',
  'invitation.partner': '{partnerName} is a cloud services partner.',
  'invitation.partnerWithCountry': '{partnerName} is a cloud services partner based in {country}.',
  'invitation.relationship':
    'As your reseller, {partnerName} can sell cloud services to your organization, bill you for them and help you manage them.',
  'invitation.joint.title': '{partnerName} and {providerName} invite you to a reseller relationship',
  'invitation.joint.heading': 'Two partners',
  'invitation.joint.intro': '{partnerName} invites you together with {providerName}, its indirect provider (distributor). Accepting starts a relationship with each:',
  'invitation.joint.reseller': 'As your reseller, {partnerName} can sell cloud services to your organization, bill you for them and help you manage them.',
  'invitation.joint.provider': 'As the indirect provider of {partnerName}, {providerName} can create your organization’s account and place orders for it on behalf of {partnerName}.',
  'invitation.joint.both': 'Both partners see your organization as their shared customer.',
  'invitation.recipient': 'This invitation was sent to {email}.',
  'invitation.expires': 'This invitation expires on {date}.',
  'invitation.noAdmin': '{partnerName} does not ask for admin access to your organization.',
  'invitation.admin.heading': 'Admin access',
  'invitation.admin.intro': '{partnerName} also asks for admin access to your organization, named “{displayName}”, with these roles:',
  'invitation.admin.duration.one': 'The access lasts {days} day from when you accept.',
  'invitation.admin.duration.other': 'The access lasts {days} days from when you accept.',
  'invitation.admin.autoExtend': 'It renews automatically for 180 more days at each end date.',
  'invitation.admin.autoExtendExcept': 'The {role} role never renews automatically.',
  'invitation.admin.noAutoExtend': 'It ends on its end date and does not renew.',
  'invitation.admin.approve': 'Accepting the invitation also approves this admin access.',
  'invitation.confirm.heading': 'Confirm your organization',
  'invitation.confirm.intro': 'Check these details about your organization. All fields are required.',
  'invitation.field.domain': 'Domain name',
  'invitation.field.domainHint': 'Your organization’s main domain, for example contoso.com',
  'invitation.field.companyName': 'Company name',
  'invitation.field.country': 'Country',
  'invitation.field.countryHint': 'Two-letter country code, for example US, DE or GB',
  'invitation.field.acceptorName': 'Your full name',
  'invitation.accept': 'Accept invitation',
  'invitation.decline.heading': 'Decline the invitation',
  'invitation.decline.intro': 'If you do not want {partnerName} as your reseller, decline. The link then stops working.',
  'invitation.field.reason': 'Reason (optional)',
  'invitation.field.reasonHint': '{partnerName} will see this.',
  'invitation.decline': 'Decline invitation',

  'decision.accepted.title': 'Invitation accepted',
  'decision.accepted.lead': 'You accepted the invitation. {partnerName} is now your reseller.',
  'decision.accepted.leadWithCompany': 'You accepted the invitation. {partnerName} is now the reseller of {companyName}.',
  'decision.accepted.admin': '{partnerName} has admin access to your organization until {date}, with these roles:',
  'decision.accepted.joint': 'You accepted the invitation. {partnerName} is now the reseller of {companyName}, and {providerName} its indirect provider.',
  'decision.declined.title': 'Invitation declined',
  'decision.declined.lead': 'You declined the invitation from {partnerName}. Nothing has changed for your organization.',
  'decision.declined.partnerSees': '{partnerName} will see that you declined.',
  'decision.close': 'You can close this page.',

  'joint.refused.title': 'This invitation can’t be accepted',
  'joint.refused.linkEnded': '{partnerName} and {providerName} no longer work together, so the two relationships this invitation offers cannot be made.',
  'joint.refused.customerElsewhere': 'Your organization is already a customer of {partnerName} or {providerName} on other terms (directly, or shared with another partner), so this invitation cannot add the two relationships it offers.',
  'joint.refused.nothingChanged': 'Nothing has changed for your organization.',
  'joint.refused.action': 'Ask {partnerName} for a new invitation.',
  'unusable.title': 'This link can’t be used',
  'unusable.body': 'Invitation links work only once, and stop working when they expire or when a newer link is sent.',
  'unusable.action': 'Ask the partner who invited you to send a new invitation.',

  'request.title': 'Request a reseller relationship with {partnerName}',
  'request.intro': '{partnerName} asks to become your organization’s reseller.',
  'request.adminOnly':
    'An admin of your organization must confirm this. Enter the email address of an admin at your organization and we will send a one-time invitation link to it.',
  'request.field.email': 'Admin email address',
  'request.field.emailHint': 'An address at your organization, for example admin@contoso.com',
  'request.submit': 'Send invitation',
  'request.sent.title': 'Check your email',
  'request.sent.body': 'If that address can receive mail, an invitation has been sent to it.',
  'request.sent.next': 'Open the link in that email to accept or decline.',
  'request.unavailable.title': 'This link can’t be used in this cloud',
  'request.unavailable.body':
    'Here every reseller relationship includes admin access to your organization, and only {partnerName} can say which access it needs.',
  'request.unavailable.action': 'Ask {partnerName} to send an invitation to an admin of your organization. Nothing has changed.',

  'formError.invalid': 'Check this field: {detail}',
  'formError.domainMismatch': 'This is not the domain the invitation was sent for.',
  'formError.countryOutsideMarkets': 'This partner cannot serve customers in this country.',
  'formError.recipientOutsideOrganization':
    'This organization is already registered, and this invitation was not sent to one of its addresses. Only a person with an email address at one of the organization’s domains, or an admin contact it recorded before, can accept for it. Nothing has changed.',
  'formError.organizationUnknown':
    'No organization with this domain is registered yet, and this partner cannot register new ones. Check the domain, or ask the partner to have your organization added first. Nothing has changed.',

  'error.badRequest.title': 'We couldn’t process this request',
  'error.badRequest.body': 'Go back, reload the page and try again.',
  'error.notFound.title': 'Page not found',
  'error.notFound.body': 'Check the address and try again.',
  'error.tooMany.title': 'Too many requests',
  'error.tooMany.body': 'Wait a few minutes, then try again.',
  'error.server.title': 'Something went wrong',
  'error.server.body': 'Try again later.',
  // The directory's request-for-information form (shared/information-requests/pages.ts).
  'rfi.heading': 'Ask {partnerName} for information',
  'rfi.intro': 'Tell {partnerName} what you need. We first send you an email to confirm your address; only then does your request reach {partnerName}.',
  'rfi.consent': 'By sending this request you agree that {partnerName} receives the details you enter here and may contact you about this request.',
  'rfi.field.firstName': 'First name',
  'rfi.field.lastName': 'Last name',
  'rfi.field.companyName': 'Company',
  'rfi.field.email': 'Work email address',
  'rfi.field.emailHint': 'We send a link to this address to confirm your request.',
  'rfi.field.phone': 'Phone (optional)',
  'rfi.field.country': 'Your country',
  'rfi.field.size': 'Company size',
  'rfi.field.need': 'What do you need?',
  'rfi.field.needHint': 'Up to {max} characters. Please do not include passwords or other secrets.',
  'rfi.field.contactMe': 'Please contact me about this request',
  'rfi.field.honeypot': 'Leave this field empty',
  'rfi.choose': 'Choose…',
  'rfi.submit': 'Send request',
  'rfi.tooSoon': 'The form was sent very quickly after the page opened. Check your details and send it again.',
  'rfi.sent.title': 'Check your email',
  'rfi.sent.body': 'We sent a link to the address you entered. Open it within {hours} hours to confirm your request.',
  'rfi.sent.next': 'Nothing reaches {partnerName} until you confirm.',
  'rfi.confirm.title': 'Confirm your request to {partnerName}',
  'rfi.confirm.body': 'Confirm that you want to send your request for information to {partnerName} ({city}).',
  'rfi.confirm.submit': 'Confirm and send my request',
  'rfi.confirmed.title': 'Your request has been sent',
  'rfi.confirmed.body': '{partnerName} has your request and will answer it. If it has not answered within 14 days, we will tell you so that you can ask another partner.',
  'rfi.unusable.title': 'This confirmation link can’t be used',
  'rfi.unusable.body': 'Confirmation links work once and expire after {hours} hours. If you already confirmed, your request is with the partner.',
  'rfi.unusable.action': 'Otherwise, send a new request from the partner directory.',

  // The public partner directory (shared/directory/pages.ts).
  'directory.title': 'Find a cloud partner',
  'directory.intro': 'Partners who sell and support cloud services. Search their expertise, or filter by country and what you need.',
  'directory.order': 'How partners are ordered: partners whose expertise tags (industries, products, services) hold your search word come first, then those where only a solution holds it. Within each group, partners that answer requests faster come first; partners that have not answered one yet come last. Nobody pays for a place.',
  'directory.field.q': 'Search expertise and solutions',
  'directory.field.qHint': 'For example: migration, security, Teams. Every word must match.',
  'directory.field.country': 'Country',
  'directory.field.customerSize': 'Your company size',
  'directory.field.industry': 'Industry',
  'directory.field.product': 'Product',
  'directory.field.service': 'Service',
  'directory.any': 'Any',
  'directory.search': 'Search',
  'directory.results': 'Partners',
  'directory.none': 'No partner on this page matches.',
  'directory.noneMore': 'No partner on this page matches, but there are more to look through.',
  'directory.more': 'More partners',
  'directory.responseHours.one': 'Answers requests in about {hours} hour on average.',
  'directory.responseHours.other': 'Answers requests in about {hours} hours on average.',
  'directory.responseUnknown': 'Has not answered a request through the directory yet.',
  'directory.locations': 'Locations',
  'directory.industries': 'Industries',
  'directory.products': 'Products',
  'directory.services': 'Services',
  'directory.solutions': 'Solutions',
  'directory.customerSizes': 'Works with companies of',
  'directory.website': 'Website',
  'directory.address': 'Address',
  'directory.locationIn': 'Location in {city}, {country}',
  'directory.back': 'Back to the partner directory',

  'size.1to9employees': '1 to 9 employees',
  'size.10to50employees': '10 to 50 employees',
  'size.51to250employees': '51 to 250 employees',
  'size.251to1000employees': '251 to 1,000 employees',
  'size.1001to5000employees': '1,001 to 5,000 employees',
  'size.5001to10000employees': '5,001 to 10,000 employees',
  'size.10001to20000employees': '10,001 to 20,000 employees',
  'size.morethan20000employees': 'More than 20,000 employees',

  'role.directoryReaders': 'Directory Readers',
  'role.globalReader': 'Global Reader',
  'role.userAdministrator': 'User Administrator',
  'role.helpdeskAdministrator': 'Helpdesk Administrator',
  'role.licenseAdministrator': 'License Administrator',
  'role.billingAdministrator': 'Billing Administrator',
  'role.serviceSupportAdministrator': 'Service Support Administrator',
  'role.globalAdministrator': 'Global Administrator',

  // A provider's partnership invitation to a reseller: its public page (shared/reseller-invitations/).
  'partnership.title': '{partnerName} invites you to an indirect partnership',
  'partnership.intro': '{partnerName} (partner id {partnerId}) is an indirect provider and asks your company, as an indirect reseller, to authorize it.',
  'partnership.grants': 'If you authorize it, {partnerName} may:',
  'partnership.grant.customers': 'create customers for your company',
  'partnership.grant.orders': 'place orders for your customers',
  'partnership.grant.shared': 'see the customers you share and refer customers to you',
  'partnership.ending': 'Either side may end the link at any time, with a reason; customers and delegated admin access stay where they are.',
  'partnership.how': 'To accept, your Global admin, signed in to your partner account, sends this request to the API:',
  'partnership.expires': 'This invitation was sent to {email} and expires on {date}. Opening this page changes nothing.',
  'partnership.unusable.body': 'Partnership invitation links stop working once accepted, revoked or expired, or when a newer link is sent.',
  'partnership.unusable.action': 'Ask the provider who invited you to send a new invitation.',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;

export const MESSAGES = { en } as const satisfies Record<string, Partial<Record<MessageKey, string>>>;
export type Locale = keyof typeof MESSAGES;

// Object.hasOwn, not `in`: an Accept-Language of "constructor" must not find Object.prototype.
const isLocale = (tag: string): tag is Locale => Object.hasOwn(MESSAGES, tag);

const matchLocale = (tag: string): Locale | undefined => {
  const lower = tag.trim().toLowerCase();
  const language = lower.split('-')[0];
  return isLocale(lower) ? lower : isLocale(language) ? language : undefined;
};

/** The supported locale for a BCP 47 tag: exact match, then its language ("en-GB" → "en"), else 'en'. */
export const resolveLocale = (locale: string): Locale => matchLocale(locale) ?? 'en';

/** The lookup of one catalogue, with a locale's entry for each of MESSAGES' locales (English complete). */
export function translator<K extends string>(catalogues: { en: Record<K, string> } & Record<Locale, Partial<Record<K, string>>>) {
  /** A message with `{name}` placeholders filled in. Not HTML-escaped: templates escape what they print. */
  return (locale: string, key: K, values?: Record<string, string | number>): string => {
    const catalogue: Partial<Record<K, string>> = catalogues[resolveLocale(locale)];
    const template = catalogue[key] ?? catalogues.en[key];
    // A missing value stays visible as `{name}` so tests can catch it, instead of printing "undefined".
    return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (values && Object.hasOwn(values, name) ? String(values[name]) : placeholder));
  };
}

export const t = translator<MessageKey>(MESSAGES);

/** The best supported locale for an Accept-Language header, by q-value; 'en' when nothing matches. */
export function pickLocale(acceptLanguage: string | undefined): string {
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 32) // the header is client input: bound the work
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { locale: matchLocale(tag), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.locale && r.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranges[0]?.locale ?? 'en';
}
