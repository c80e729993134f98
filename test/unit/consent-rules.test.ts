// The pure rules behind consent: who may act for an organization, and what a partner is shown of it.
import { mayActFor, newOrganization, qualifyingAddresses, withAdminContact } from '../../shared/organizations/store';
import { emailHash, maskEmail } from '../../shared/platform/email-address';

const org = newOrganization('tenant-1', 'contoso.com', 'partner-1', '2026-01-01T00:00:00.000Z');

test('an address at one of the organization’s domains may act for it, and only such an address', () => {
  expect(mayActFor(org, 'it@contoso.com')).toBe(true);
  expect(mayActFor(org, 'IT@Contoso.COM')).toBe(true);
  expect(mayActFor(org, 'it@sub.contoso.com')).toBe(false);
  expect(mayActFor(org, 'it@contoso.com.evil.example')).toBe(false);
  expect(mayActFor(org, 'contoso.com@evil.example')).toBe(false);
  expect(mayActFor({ ...org, domains: ['contoso.com', 'contoso.onmicrosoft.com'] }, 'a@contoso.onmicrosoft.com')).toBe(true);
});

test('a proven admin contact may act for it; recording one twice keeps one, and keeps only a hash and a mask', () => {
  const proven = withAdminContact(org, 'Boss@Mailhost.example', 'inv-1', '2026-02-01T00:00:00.000Z');
  expect(mayActFor(proven, 'boss@mailhost.example')).toBe(true);
  expect(mayActFor(proven, 'other@mailhost.example')).toBe(false);
  expect(withAdminContact(proven, 'boss@mailhost.example', 'inv-2', '2026-03-01T00:00:00.000Z')).toBe(proven);
  expect(proven.adminContacts).toEqual([{ emailHash: emailHash('boss@mailhost.example'), masked: 'B***@M***.example', provenAt: '2026-02-01T00:00:00.000Z', invitationId: 'inv-1' }]);
  expect(JSON.stringify(proven)).not.toMatch(/boss@/i);
  expect(qualifyingAddresses(proven)).toEqual({ domains: ['contoso.com'], adminContacts: ['B***@M***.example'] });
});

test.each([
  ['jane.doe@fabrikam.example', 'j***@f***.example'],
  ['a@b.co.uk', 'a***@b***.co.uk'],
  ['x@localhost', 'x***@l***'],
])('maskEmail(%s) = %s', (email, masked) => {
  expect(maskEmail(email)).toBe(masked);
});
