// Shared helpers of the referral tests (not a test file: jest only runs *.test.ts).
import { receiveReferral, type IncomingReferral } from '../../shared/referrals/service';
import { uniqueId, type TestApi } from '../support/api';
import { expectStatus } from './helpers';

export const contactEmail = () => `${uniqueId('lead')}@contoso-lead.example`;

export const customerProfile = (email = contactEmail()) => ({
  name: 'Contoso Lead Ltd',
  address: { country: 'US', city: 'Redmond', addressLine1: '1 Lead Way', postalCode: '98052' },
  size: '10to50employees' as const,
  contacts: [{ firstName: 'Lena', lastName: 'Lead', email, phoneNumber: '+1 425 555 0101' }],
});

/** An incoming referral as the directory or a provider hands it over: new/received. */
export async function incomingReferral(partnerId: string, overrides: Partial<IncomingReferral> = {}) {
  return receiveReferral({
    partnerId,
    qualification: 'direct',
    customerProfile: customerProfile(),
    consent: { consentToContact: true, consentToShareReferralWithPartners: true },
    details: { customerRequestedContact: true, notes: 'Needs help moving 40 mailboxes' },
    target: { country: 'US', locationId: 'loc-1' },
    source: 'system:test',
    ...overrides,
  });
}

export const team = [{ firstName: 'Sam', lastName: 'Seller', email: 'sam@partner.example', phoneNumber: '+1 425 555 0199' }];

export const acceptBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Contoso mailbox move',
  dealValue: 12000,
  currency: 'USD',
  closingDateTime: '2027-03-01T00:00:00Z',
  team,
  ...overrides,
});

export const createBody = (overrides: Record<string, unknown> = {}) => ({
  ...acceptBody(),
  qualification: 'salesQualified',
  customerProfile: customerProfile(),
  consent: { consentToContact: true, consentToShareReferralWithPartners: true },
  ...overrides,
});

/** Moves a referral through the API; fails the test on any answer but 200. */
export async function act(api: TestApi, token: string, id: string, action: 'accept' | 'decline' | 'close', body: unknown) {
  const response = await api.request('POST', `/v1/referrals/${id}/${action}`, { token, body });
  expectStatus(response, 200);
  return response;
}

export const declineBody = { reasonCode: 'timelineTooShort', statusReason: 'Needs it next week' };
export const wonBody = { outcome: 'won' };
export const lostBody = { outcome: 'lost', reasonCode: 'customerChoseAnotherVendor' };
