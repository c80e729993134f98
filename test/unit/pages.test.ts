import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  renderDecisionPage,
  renderJointRefusedPage,
  renderInvitationPage,
  renderLinkUnusablePage,
  renderRelationshipRequestPage,
  type InvitationPageModel,
} from '../../shared/invitations/pages.js';
import { renderErrorPage } from '../../shared/platform/page-layout.js';
import { renderDirectoryPage, renderLocationPage } from '../../shared/directory/pages.js';
import type { DirectoryListing } from '../../shared/directory/schemas.js';
import { DELEGATED_ADMIN_ROLE_IDS } from '../../shared/delegated-admin/roles.js';
import { MESSAGES, pickLocale, t } from '../../shared/platform/i18n/messages.js';
import { MAIL_MESSAGES } from '../../shared/platform/i18n/mail-messages.js';
import { MANAGE_MESSAGES } from '../../shared/customer-manage/messages.js';
import { UNSAFE_CHARACTER } from '../support/mail';
import { renderEndedByCustomerPage, renderManageLinkUnusablePage, renderManagePage, renderRelationshipEndedPage, type ManagePageModel } from '../../shared/customer-manage/pages.js';
import { REQUEST_FORM_STYLE, renderConfirmedPage, renderConfirmPage, renderLinkUnusablePage as renderRequestLinkUnusablePage, renderSentPage, requestForm } from '../../shared/information-requests/pages.js';

// Records every key the pages ask for, of every catalogue, to catch dead keys in the catalogues (and keys missing from them).
const mockUsedKeys = new Set<string>();
jest.mock('../../shared/platform/i18n/messages.js', () => {
  const actual = jest.requireActual('../../shared/platform/i18n/messages.js');
  type Lookup = (locale: string, key: string, values?: Record<string, string | number>) => string;
  const recorded = (lookup: Lookup): Lookup => (locale, key, values) => {
    mockUsedKeys.add(key);
    return lookup(locale, key, values);
  };
  return { ...actual, t: recorded(actual.t), translator: (catalogues: never) => recorded(actual.translator(catalogues)) };
});

const HOSTILE = `<script>alert(1)</script>"onmouseover=alert(2) x='y'`;

const invitation = (over: Partial<InvitationPageModel> = {}): InvitationPageModel => ({
  locale: 'en',
  partnerName: 'Fabrikam',
  partnerCountry: 'DE',
  recipientEmail: 'admin@contoso.com',
  expiresAt: '2030-01-31T12:00:00Z',
  delegatedAdmin: { displayName: 'Helpdesk', roles: ['globalReader', 'userAdministrator'], durationDays: 90, autoExtend: false },
  prefill: { domain: 'contoso.com', companyName: 'Contoso', country: 'US', acceptorName: 'Ann Admin' },
  formAction: '/invitations/tok123',
  csrfToken: 'csrf-abc',
  ...over,
});

const hostileInvitation = () =>
  invitation({
    partnerName: HOSTILE,
    partnerCountry: HOSTILE,
    recipientEmail: HOSTILE,
    expiresAt: HOSTILE,
    delegatedAdmin: { displayName: HOSTILE, roles: [HOSTILE, 'globalAdministrator'], durationDays: 1, autoExtend: true },
    prefill: { domain: HOSTILE, companyName: HOSTILE, country: HOSTILE, acceptorName: HOSTILE },
    formAction: `/invitations/${HOSTILE}`,
    csrfToken: HOSTILE,
    errors: [
      { field: 'domain', message: HOSTILE },
      { field: HOSTILE, message: HOSTILE },
    ],
  });

const REPO = join(__dirname, '..', '..');

const listing = (over: Partial<DirectoryListing> = {}): DirectoryListing => ({
  partnerId: 'partner-1',
  name: 'Fabrikam',
  country: 'US',
  description: 'We move businesses to the cloud.',
  website: 'https://fabrikam.example',
  industries: ['healthcare'],
  products: ['azure'],
  services: ['migration'],
  solutions: ['Cloud migration'],
  customerSizes: ['1to9employees'],
  locations: [{ id: 'loc-1', city: 'Austin', path: '/directory/partner-1/loc-1' }],
  responseHours: 3,
  ...over,
});
const hostileListing = () =>
  listing({ name: HOSTILE, description: HOSTILE, website: `https://x.example/${HOSTILE}`, solutions: [HOSTILE], locations: [{ id: HOSTILE, city: HOSTILE, region: HOSTILE, path: `/directory/${HOSTILE}` }] });
const directoryPage = (items: DirectoryListing[], continuationToken?: string, query = {}) =>
  renderDirectoryPage({ locale: 'en', query, page: { items, ...(continuationToken ? { continuationToken } : {}), order: 'order' } });
/** A location page with the request-for-information form, as the directory shows it. */
function withRequestForm(model: Partial<Parameters<typeof requestForm>[0]>): string {
  const form = requestForm({ locale: 'en', partnerName: 'Fabrikam', formAction: '/directory/p1/l1', csrfToken: 'c', ...model });
  return renderLocationPage({ locale: 'en', location: { ...listing(), locationId: 'l1', address: { country: 'US', city: 'Austin', addressLine1: '1 Main St', postalCode: '78701' } }, requestForm: { ...form, style: REQUEST_FORM_STYLE } });
}

const locationPage = (over: Partial<DirectoryListing> = {}) => {
  const { locations: _l, responseHours: _r, ...rest } = listing(over);
  return renderLocationPage({ locale: 'en', location: { ...rest, locationId: 'loc-1', address: { country: 'US', city: over.name ?? 'Austin', addressLine1: over.description ?? '1 Main St', postalCode: '78701', region: 'TX' } } });
};

/** Every page variant, so "every key is used" covers each branch. */
const managePage = (overrides: Partial<ManagePageModel> = {}): string =>
  renderManagePage({
    locale: 'en',
    partnerName: 'Fabrikam',
    partnerCountry: 'US',
    companyName: 'Contoso Ltd',
    domain: 'contoso.example',
    activeSince: '2026-01-01T00:00:00Z',
    grants: [
      { id: '00000000-0000-4000-8000-000000000001', displayName: 'Ops', roles: ['globalReader'], state: 'active', endsAt: '2027-01-01T00:00:00Z', renews: true },
      { id: '00000000-0000-4000-8000-000000000002', displayName: 'Old', roles: ['userAdministrator'], state: 'active', endsAt: '2027-01-01T00:00:00Z', renews: false },
      { id: '00000000-0000-4000-8000-000000000003', displayName: 'Gone', roles: ['licenseAdministrator'], state: 'terminated', terminatedAt: '2026-02-01T00:00:00Z', renews: false },
      { id: '00000000-0000-4000-8000-000000000004', displayName: 'Past', roles: ['directoryReaders'], state: 'expired', renews: false },
      { id: '00000000-0000-4000-8000-000000000005', displayName: 'Asked', roles: ['directoryReaders'], state: 'approvalPending', renews: false },
    ],
    purchasePermissions: {
      customerId: 'c1',
      azureReservations: { enabled: true, enabledAt: '2026-01-02T00:00:00Z', enabledBy: 'u1' },
      azureSavingsPlans: { enabled: true, enabledAt: '2026-01-02T00:00:00Z', enabledBy: 'u1', enabledUntil: '2026-12-31T00:00:00Z' },
    },
    formAction: '/manage/x',
    csrfToken: 'c',
    ...overrides,
  });

const allPages = (): [string, string][] => [
  ['invitation', renderInvitationPage(invitation())],
  ['invitation, no admin, no country', renderInvitationPage(invitation({ delegatedAdmin: undefined, partnerCountry: undefined }))],
  ['invitation, all roles, auto-extend', renderInvitationPage(invitation({ delegatedAdmin: { displayName: 'All', roles: [...DELEGATED_ADMIN_ROLE_IDS], durationDays: 730, autoExtend: true } }))],
  ['invitation, errors', renderInvitationPage(invitation({ errors: [{ field: 'country', message: 'Enter a two-letter code' }, { field: 'reason', message: 'Too long' }] }))],
  ['invitation, hostile', renderInvitationPage(hostileInvitation())],
  ['joint invitation, hostile', renderInvitationPage({ ...hostileInvitation(), indirectProviderName: HOSTILE })],
  ['joint accepted', renderDecisionPage({ locale: 'en', outcome: 'accepted', partnerName: HOSTILE, indirectProviderName: HOSTILE, companyName: HOSTILE })],
  ['joint refused, link ended', renderJointRefusedPage({ locale: 'en', reason: 'linkEnded', partnerName: HOSTILE, providerName: HOSTILE })],
  ['joint refused, shared elsewhere', renderJointRefusedPage({ locale: 'en', reason: 'customerElsewhere', partnerName: HOSTILE, providerName: HOSTILE })],
  ['accepted', renderDecisionPage({ locale: 'en', outcome: 'accepted', partnerName: 'Fabrikam' })],
  ['accepted, company + admin', renderDecisionPage({ locale: 'en', outcome: 'accepted', partnerName: HOSTILE, companyName: HOSTILE, delegatedAdmin: { roles: ['licenseAdministrator'], endsAt: '2030-04-01T00:00:00Z' } })],
  ['declined', renderDecisionPage({ locale: 'en', outcome: 'declined', partnerName: HOSTILE })],
  ['unusable 404', renderLinkUnusablePage({ locale: 'en', status: 404 })],
  ['unusable 410', renderLinkUnusablePage({ locale: 'en', status: 410 })],
  ['request', renderRelationshipRequestPage({ locale: 'en', partnerName: HOSTILE, formAction: `/relationship/${HOSTILE}`, csrfToken: HOSTILE })],
  ['request, errors', renderRelationshipRequestPage({ locale: 'en', partnerName: 'Fabrikam', formAction: '/r/x', csrfToken: 'c', errors: [{ field: 'email', message: 'Enter an email address' }] })],
  ['request, sent', renderRelationshipRequestPage({ locale: 'en', partnerName: 'Fabrikam', formAction: '/r/x', csrfToken: 'c', sent: true })],
  ['request, unavailable in this cloud', renderRelationshipRequestPage({ locale: 'en', partnerName: 'Fabrikam', formAction: '/r/x', csrfToken: '', unavailable: true })],
  ...[400, 403, 404, 429, 500, 503].map((status): [string, string] => [`error ${status}`, renderErrorPage({ locale: 'en', status })]),
  ['directory', directoryPage([listing(), listing({ responseHours: null, partnerId: 'p2' }), listing({ responseHours: 0.2 })], 'tok', { q: 'cloud', country: 'US', industry: 'healthcare' })],
  ['directory, none', directoryPage([])],
  ['directory, none on this page', directoryPage([], 'tok')],
  ['directory, hostile', directoryPage([hostileListing()], HOSTILE, { q: HOSTILE })],
  ['location', locationPage()],
  ['location, hostile', locationPage({ name: HOSTILE, description: HOSTILE, website: `https://x.example/${HOSTILE}`, solutions: [HOSTILE] })],
  ['location with its request form', withRequestForm({})],
  [
    'location, request form with errors and hostile values',
    withRequestForm({
      partnerName: HOSTILE,
      csrfToken: HOSTILE,
      errors: [{ field: 'email', message: 'Enter an email address' }, { field: 'form', message: 'Sent too soon' }, { field: 'contactMe', message: HOSTILE }],
      prefill: { firstName: HOSTILE, need: HOSTILE, country: 'DE', size: '10to50employees', contactMe: 'yes' },
    }),
  ],
  ['request sent', renderSentPage({ locale: 'en', partnerName: HOSTILE, linkTtlHours: 48 })],
  ['request confirm', renderConfirmPage({ locale: 'en', partnerName: HOSTILE, city: HOSTILE, formAction: '/information-requests/x', csrfToken: HOSTILE })],
  ['request confirmed', renderConfirmedPage({ locale: 'en', partnerName: HOSTILE })],
  ['request link unusable', renderRequestLinkUnusablePage({ locale: 'en', linkTtlHours: 48 })],
  ['manage', managePage({ notice: 'Done' })],
  ['manage, purchase permissions off', managePage({ purchasePermissions: { customerId: 'c1', azureReservations: { enabled: false }, azureSavingsPlans: { enabled: false, disabledAt: '2026-02-01T00:00:00Z' } } })],
  ['manage, no grants, errors', managePage({ grants: [], errors: [{ field: 'reason', message: 'Give a reason' }] })],
  ['manage, hostile', managePage({ partnerName: HOSTILE, companyName: HOSTILE, domain: HOSTILE, formAction: `/manage/${HOSTILE}`, csrfToken: HOSTILE, notice: HOSTILE, grants: [{ id: HOSTILE, displayName: HOSTILE, roles: [HOSTILE], state: 'active', endsAt: HOSTILE, renews: false }] })],
  ['manage, ended by the customer', renderEndedByCustomerPage({ locale: 'en', partnerName: HOSTILE })],
  ['manage, ended by the partner', renderRelationshipEndedPage({ locale: 'en', partnerName: HOSTILE, endedAt: '2026-03-01T00:00:00Z' })],
  ['manage link unusable', renderManageLinkUnusablePage({ locale: 'en' })],
];

// A strict reader for the HTML these templates produce: every attribute value is double-quoted and contains
// no raw `"`, `<` or `>`. Anything else (an unquoted value, a stray `<`) counts as broken markup.
type Tag = { name: string; attrs: Record<string, string>; start: number };
const TAG = /<([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"<>]*")?)*)\s*>/g;
const decode = (s: string) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, n: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[n]!);
const withoutStyle = (html: string) => html.replace(/<style>[^<]*<\/style>/, '<style></style>');

function tags(html: string): Tag[] {
  return [...withoutStyle(html).matchAll(TAG)].map((m) => ({
    name: m[1],
    start: m.index,
    attrs: Object.fromEntries([...m[2].matchAll(/([a-z][a-z0-9-]*)(?:="([^"]*)")?/g)].map((a) => [a[1], decode(a[2] ?? '')])),
  }));
}
const text = (html: string) => decode(withoutStyle(html).replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
const forms = (html: string) => [...html.matchAll(/<form[\s\S]*?<\/form>/g)].map((m) => m[0]);
const byId = (html: string, id: string) => tags(html).find((tag) => tag.attrs.id === id);

describe('markup safety', () => {
  it.each(allPages())('%s: well-formed tags only, no script, no event handler attributes', (_, html) => {
    const rest = withoutStyle(html).replace(TAG, '').replace(/<\/[a-z][a-z0-9]*>/g, '').replace(/^<!doctype html>/, '');
    expect(rest).not.toContain('<');
    expect(html).not.toMatch(/<script/i);
    for (const tag of tags(html)) {
      expect(Object.keys(tag.attrs).filter((name) => /^on/i.test(name))).toEqual([]);
      expect(tag.attrs.style).toBeUndefined();
    }
    expect(html).not.toMatch(/<!--|javascript:|src=|<link/i);
  });

  it('escapes hostile values in text and gives them back intact from attributes', () => {
    const html = renderInvitationPage(hostileInvitation());
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=alert(2) x=&#39;y&#39;');
    expect(text(html)).toContain(`${HOSTILE} invites you to a reseller relationship`);
    expect(text(html)).toContain(`named “${HOSTILE}”`);
    expect(text(html)).toContain(`This invitation was sent to ${HOSTILE}.`);
    for (const id of ['f-domain', 'f-companyName', 'f-country', 'f-acceptorName']) expect(byId(html, id)?.attrs.value).toBe(HOSTILE);
    for (const form of forms(html)) {
      expect(tags(form)[0].attrs.action.startsWith(`/invitations/${HOSTILE}/`)).toBe(true);
      expect(tags(form).find((tag) => tag.attrs.name === 'csrf')?.attrs.value).toBe(HOSTILE);
    }
  });

  it('a right-to-left override or another control character reaches neither the title nor the body', () => {
    const SPOOF = 'Contoso \u202Emoc.tfosorcim';
    const html = renderInvitationPage(
      invitation({
        partnerName: SPOOF,
        delegatedAdmin: { displayName: 'Help\u2066desk\u0000', roles: ['\u202Eodd'], durationDays: 30, autoExtend: false },
        prefill: { domain: 'contoso.com', companyName: 'Fabrikam\u202E\u0085', country: 'US', acceptorName: 'Ann\u001B[2J' },
        errors: [{ field: 'companyName', message: 'Check this field\u200F' }],
      }),
    );
    expect(html).not.toMatch(UNSAFE_CHARACTER);
    expect(decode(html.match(/<title>([^<]*)<\/title>/)![1])).toBe('Error: Contoso \uFFFDmoc.tfosorcim invites you to a reseller relationship');
    expect(text(html)).toContain('Contoso \uFFFDmoc.tfosorcim is a cloud services partner based in Germany.');
    expect(text(html)).toContain('named “Help\uFFFDdesk\uFFFD”');
    expect(byId(html, 'f-companyName')?.attrs.value).toBe('Fabrikam\uFFFD\uFFFD');
    expect(byId(html, 'f-acceptorName')?.attrs.value).toBe('Ann\uFFFD[2J');
    for (const page of [
      renderDecisionPage({ locale: 'en', outcome: 'accepted', partnerName: SPOOF, companyName: SPOOF }),
      renderDecisionPage({ locale: 'en', outcome: 'declined', partnerName: SPOOF }),
      renderRelationshipRequestPage({ locale: 'en', partnerName: SPOOF, formAction: '/r/x', csrfToken: 'c' }),
    ]) {
      expect(page).not.toMatch(UNSAFE_CHARACTER);
      expect(text(page)).toContain('Contoso \uFFFDmoc.tfosorcim');
    }
  });

  it('escapes the partner name, company name and form action on the other pages', () => {
    const request = renderRelationshipRequestPage({ locale: 'en', partnerName: HOSTILE, formAction: `/r/${HOSTILE}`, csrfToken: HOSTILE });
    expect(tags(request).find((tag) => tag.name === 'form')?.attrs.action).toBe(`/r/${HOSTILE}`);
    expect(text(request)).toContain(`Request a reseller relationship with ${HOSTILE}`);
    const accepted = renderDecisionPage({ locale: 'en', outcome: 'accepted', partnerName: HOSTILE, companyName: `O'Brien & "Co"` });
    expect(accepted).toContain('O&#39;Brien &amp; &quot;Co&quot;');
    expect(accepted).not.toContain('<script>');
  });
});

describe('every page', () => {
  it.each(allPages())('%s: lang, viewport, localized title = h1, labelled controls', (_, html) => {
    expect(tags(html).find((tag) => tag.name === 'html')?.attrs.lang).toBe('en');
    expect(tags(html).some((tag) => tag.name === 'meta' && tag.attrs.name === 'viewport' && tag.attrs.content.includes('width=device-width'))).toBe(true);
    const title = decode(html.match(/<title>([^<]*)<\/title>/)![1]);
    const h1 = decode(html.match(/<h1>([^<]*)<\/h1>/)![1]);
    expect(h1.length).toBeGreaterThan(0);
    expect([h1, `Error: ${h1}`]).toContain(title);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    const controls = tags(html).filter((tag) => (tag.name === 'input' && tag.attrs.type !== 'hidden') || tag.name === 'textarea');
    for (const control of controls) {
      expect(control.attrs.id).toBeTruthy();
      expect(tags(html).some((tag) => tag.name === 'label' && tag.attrs.for === control.attrs.id)).toBe(true);
    }
    expect(text(html)).not.toMatch(/\{\w+\}/);
  });
});

describe('message catalogue', () => {
  it('every key is used by some page (or by the code that fills the pages), and every key a page uses exists', () => {
    mockUsedKeys.clear();
    allPages();
    const defined = [...Object.keys(MESSAGES.en), ...Object.keys(MANAGE_MESSAGES.en)];
    // Form errors are translated by the public handler; a key built as `formError.${code}` counts
    // when its code is written in the workflow that returns it.
    const elsewhere = ['functions/public.ts', 'functions/manage.ts', 'shared/invitations/customer-admin.ts', 'shared/invitations/email.ts', 'shared/delegated-admin/end-warning-email.ts', 'shared/referrals/expiry-email.ts', 'shared/referrals/partner-referral-email.ts', 'shared/information-requests/confirmation-email.ts', 'shared/information-requests/lead-email.ts', 'shared/customer-manage/confirmation-email.ts', 'shared/customer-manage/partner-notice-email.ts', 'shared/reseller-invitations/pages.ts', 'shared/reseller-invitations/delivery.ts', 'shared/indirect-providers/ended-email.ts']
      .filter((file) => existsSync(join(REPO, file)))
      .map((file) => readFileSync(join(REPO, file), 'utf8'))
      .join('\n');
    const usedElsewhere = (key: string) => elsewhere.includes(`'${key}'`) || elsewhere.includes(`'${key.split('.').pop()}'`);
    expect(defined.filter((key) => !mockUsedKeys.has(key) && !usedElsewhere(key))).toEqual([]);
    expect([...mockUsedKeys].filter((key) => !defined.includes(key))).toEqual([]);
    // The mails' catalogue: every key is written in a mail's code (the mail tests render them).
    expect(Object.keys(MAIL_MESSAGES.en).filter((key) => !usedElsewhere(key))).toEqual([]);
  });

  it('interpolates placeholders without escaping, keeps unknown ones, falls back to en', () => {
    expect(t('en', 'invitation.title', { partnerName: '<b>' })).toBe('<b> invites you to a reseller relationship');
    expect(t('zz-ZZ', 'invitation.admin.duration.other', { days: 3 })).toBe('The access lasts 3 days from when you accept.');
    expect(t('en', 'invitation.title')).toBe('{partnerName} invites you to a reseller relationship');
    expect(t('en', 'invitation.title', { constructor: 'x' })).toContain('{partnerName}');
  });

  it('picks a supported locale from Accept-Language', () => {
    expect(pickLocale(undefined)).toBe('en');
    expect(pickLocale('')).toBe('en');
    expect(pickLocale('fr-CH, fr;q=0.9, en-GB;q=0.8, *;q=0.5')).toBe('en');
    expect(pickLocale('constructor, __proto__')).toBe('en');
    expect(pickLocale('en;q=0, de')).toBe('en');
  });

  it('names every role of the catalogue', () => {
    expect(DELEGATED_ADMIN_ROLE_IDS).toHaveLength(8);
    const html = renderInvitationPage(invitation({ delegatedAdmin: { displayName: 'All', roles: [...DELEGATED_ADMIN_ROLE_IDS], durationDays: 30, autoExtend: false } }));
    const items = [...html.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
    expect(items).toEqual([
      'Directory Readers',
      'Global Reader',
      'User Administrator',
      'Helpdesk Administrator',
      'License Administrator',
      'Billing Administrator',
      'Service Support Administrator',
      'Global Administrator',
    ]);
  });
});

describe('invitation page', () => {
  it('says who asks for what, for how long, and until when the link works', () => {
    const page = text(renderInvitationPage(invitation()));
    expect(page).toContain('Fabrikam is a cloud services partner based in Germany.');
    expect(page).toContain('can sell cloud services to your organization');
    expect(page).toContain('named “Helpdesk”, with these roles: Global Reader User Administrator');
    expect(page).toContain('The access lasts 90 days from when you accept.');
    expect(page).toContain('does not renew');
    expect(page).toContain('This invitation expires on January 31, 2030');
    expect(page).toContain('UTC');
    expect(page).toContain('This invitation was sent to admin@contoso.com.');
  });

  it('uses the singular for one day and warns that Global Administrator never auto-extends', () => {
    const page = text(renderInvitationPage(invitation({ delegatedAdmin: { displayName: 'G', roles: ['globalAdministrator'], durationDays: 1, autoExtend: true } })));
    expect(page).toContain('The access lasts 1 day from when you accept.');
    expect(page).toContain('renews automatically for 180 more days');
    expect(page).toContain('The Global Administrator role never renews automatically.');
  });

  it('says no admin access is asked for when there is none', () => {
    const page = text(renderInvitationPage(invitation({ delegatedAdmin: undefined, partnerCountry: undefined })));
    expect(page).toContain('Fabrikam does not ask for admin access to your organization.');
    expect(page).toContain('Fabrikam is a cloud services partner.');
    expect(page).not.toContain('Admin access');
  });

  it('accept form posts the organization fields and csrf to /accept', () => {
    const [accept] = forms(renderInvitationPage(invitation()));
    const [form, ...inside] = tags(accept);
    expect(form.attrs).toEqual({ method: 'post', action: '/invitations/tok123/accept' });
    const byName = Object.fromEntries(inside.filter((tag) => tag.attrs.name).map((tag) => [tag.attrs.name, tag.attrs]));
    expect(byName.csrf).toEqual({ type: 'hidden', name: 'csrf', value: 'csrf-abc' });
    expect(byName.domain).toMatchObject({ value: 'contoso.com', required: '', maxlength: '253' });
    expect(byName.companyName).toMatchObject({ value: 'Contoso', required: '', maxlength: '256' });
    expect(byName.country).toMatchObject({ value: 'US', required: '', maxlength: '2', pattern: '[A-Za-z]{2}' });
    expect(byName.acceptorName).toMatchObject({ value: 'Ann Admin', required: '', maxlength: '100' });
    expect(inside.some((tag) => tag.name === 'button' && tag.attrs.type === 'submit')).toBe(true);
  });

  it('decline form is separate, posts to /decline with its own csrf and an optional reason', () => {
    const [, decline] = forms(renderInvitationPage(invitation({ formAction: '/invitations/tok123/' })));
    const [form, ...inside] = tags(decline);
    expect(form.attrs).toEqual({ method: 'post', action: '/invitations/tok123/decline' });
    expect(inside.find((tag) => tag.attrs.name === 'csrf')?.attrs.value).toBe('csrf-abc');
    const reason = inside.find((tag) => tag.name === 'textarea');
    expect(reason?.attrs).toMatchObject({ name: 'reason', maxlength: '500' });
    expect(reason?.attrs.required).toBeUndefined();
  });

  it('shows errors in a summary and next to their fields with aria-describedby', () => {
    const html = renderInvitationPage(invitation({ errors: [{ field: 'country', message: 'Enter a two-letter code' }, { field: 'form', message: 'Try again' }] }));
    expect(html).toMatch(/<title>Error: /);
    const summary = html.slice(html.indexOf('class="summary"'), html.indexOf('</div>', html.indexOf('class="summary"')));
    expect(summary).toContain('<a href="#f-country">Enter a two-letter code</a>');
    expect(summary).toContain('<li>Try again</li>');
    const country = byId(html, 'f-country')!;
    expect(country.attrs['aria-invalid']).toBe('true');
    const described = country.attrs['aria-describedby'].split(' ');
    const errorId = described.find((id) => html.slice(byId(html, id)!.start).startsWith(`<span class="error" id="${id}">`))!;
    expect(html.slice(byId(html, errorId)!.start, html.indexOf('</span></span>', byId(html, errorId)!.start))).toContain('Enter a two-letter code');
    expect(byId(html, 'f-domain')!.attrs['aria-invalid']).toBeUndefined();
    expect(byId(html, 'f-domain')!.attrs['aria-describedby']).toBe('f-domain-hint');
  });

  it('has no error summary without errors', () => {
    const html = renderInvitationPage(invitation());
    expect(html).not.toContain('class="summary"');
    expect(html).not.toContain('aria-invalid');
  });
});

describe('other pages', () => {
  it('decision pages confirm the outcome', () => {
    const accepted = text(renderDecisionPage({ locale: 'en', outcome: 'accepted', partnerName: 'Fabrikam', companyName: 'Contoso', delegatedAdmin: { roles: ['helpdeskAdministrator'], endsAt: '2030-04-01T00:00:00Z' } }));
    expect(accepted).toContain('Invitation accepted');
    expect(accepted).toContain('Fabrikam is now the reseller of Contoso.');
    expect(accepted).toContain('until April 1, 2030');
    expect(accepted).toContain('Helpdesk Administrator');
    expect(text(renderDecisionPage({ locale: 'en', outcome: 'accepted', partnerName: 'Fabrikam' }))).toContain('Fabrikam is now your reseller.');
    const declined = text(renderDecisionPage({ locale: 'en', outcome: 'declined', partnerName: 'Fabrikam' }));
    expect(declined).toContain('You declined the invitation from Fabrikam.');
    expect(declined).not.toContain('reseller of');
  });

  it('the unusable-link page is identical for 404 and 410 and asks for a new invitation', () => {
    const gone = renderLinkUnusablePage({ locale: 'en', status: 410 });
    expect(renderLinkUnusablePage({ locale: 'en', status: 404 })).toBe(gone);
    expect(text(gone)).toContain('Ask the partner who invited you to send a new invitation.');
  });

  it('the relationship request form posts an admin email and csrf; once sent it shows no form', () => {
    const html = renderRelationshipRequestPage({ locale: 'en', partnerName: 'Fabrikam', formAction: '/relationship-requests/p1', csrfToken: 'c1' });
    const [form, ...inside] = tags(forms(html)[0]);
    expect(form.attrs).toEqual({ method: 'post', action: '/relationship-requests/p1' });
    expect(inside.find((tag) => tag.attrs.name === 'csrf')?.attrs).toMatchObject({ type: 'hidden', value: 'c1' });
    expect(inside.find((tag) => tag.attrs.name === 'email')?.attrs).toMatchObject({ type: 'email', required: '', maxlength: '254' });
    expect(text(html)).toContain('An admin of your organization must confirm this.');

    const errors = renderRelationshipRequestPage({ locale: 'en', partnerName: 'F', formAction: '/r', csrfToken: 'c', errors: [{ field: 'email', message: 'Enter an email address' }] });
    expect(byId(errors, 'f-email')?.attrs['aria-describedby']).toBe('f-email-hint f-email-error');

    const sent = renderRelationshipRequestPage({ locale: 'en', partnerName: 'Fabrikam', formAction: '/r', csrfToken: 'c1', sent: true });
    expect(sent).not.toContain('<form');
    expect(text(sent)).toContain('If that address can receive mail, an invitation has been sent to it.');
  });

  it('error pages say what happened by status, falling back to a generic server error', () => {
    const h1 = (status: number) => renderErrorPage({ locale: 'en', status }).match(/<h1>([^<]*)<\/h1>/)![1];
    expect(h1(429)).toBe('Too many requests');
    expect(h1(400)).toBe('We couldn’t process this request');
    expect(h1(500)).toBe('Something went wrong');
    expect(h1(418)).toBe(h1(400));
    expect(h1(502)).toBe(h1(500));
  });

  it('an unknown locale renders in English', () => {
    expect(renderErrorPage({ locale: 'xx', status: 500 })).toBe(renderErrorPage({ locale: 'en', status: 500 }));
  });
});
