import type { Principal } from '../../shared/platform/auth.js';
import { findPartnerProfile } from '../../shared/partner/index.js';
import { isDomainTaken } from '../../shared/customers/index.js';
import { createCustomer } from '../../shared/customers/index.js';
import { putPartnerProfile } from '../../shared/partner/index.js';
import { acceptReferral, closeReferral, declineReferral, listReferrals, receiveReferral } from '../../shared/referrals/index.js';
import { getProfile } from '../../shared/business-profiles/index.js';
import { putBusinessProfile, setPublished } from '../../shared/business-profiles/index.js';
import type { BusinessProfileInput } from '../../shared/business-profiles/index.js';
import { authorizeProvider } from '../../shared/indirect-providers/index.js';

export const DEMO_PARTNER_ID = 'demo-partner';
const seeder: Principal = { partnerId: DEMO_PARTNER_ID, userId: 'seed', roles: ['global-admin'] };

const DEMO_CUSTOMERS = [
  ['Contoso Ltd', 'contoso-demo.onmicrosoft.com', 'Redmond', 'US'],
  ['Fabrikam Inc', 'fabrikam-demo.onmicrosoft.com', 'Seattle', 'US'],
  ['Northwind Traders', 'northwind-demo.onmicrosoft.com', 'Toronto', 'CA'],
  ['Tailspin Toys', 'tailspin-demo.onmicrosoft.com', 'Vancouver', 'CA'],
] as const;

/** A demo partner with a legal profile, a few customers and referrals; does nothing that is already there. */
export async function seedDemoPartner(): Promise<void> {
  if (!(await findPartnerProfile(DEMO_PARTNER_ID))) {
    await putPartnerProfile(seeder, {
      companyName: 'Demo Cloud Reseller LLC',
      country: 'US',
      partnerType: 'directBill',
      markets: ['US', 'CA'],
      primaryContact: { name: 'Dana Demo', email: 'dana@demo-reseller.example' },
    });
  }
  for (const [companyName, domain, city, country] of DEMO_CUSTOMERS) {
    if (await isDomainTaken(domain)) continue;
    await createCustomer(seeder, sampleCustomer(companyName, domain, { city, country }));
  }
  // A published business profile, so that the directory (http://127.0.0.1:3000/directory) shows one.
  if (!(await getProfile(DEMO_PARTNER_ID, 'US'))) {
    await putBusinessProfile(seeder, 'US', sampleBusinessProfile('US', ['Redmond', 'Austin']), undefined);
    await setPublished(seeder, 'US', true);
  }
  await seedDemoReferrals();
  await seedDemoIndirectLink();
}

const DEMO_PROVIDER_ID = 'demo-provider';
const DEMO_INDIRECT_RESELLER_ID = 'demo-indirect-reseller';

/** An indirect provider and a reseller that authorized it, so that both link views show something. */
async function seedDemoIndirectLink(): Promise<void> {
  const demo = [
    [DEMO_PROVIDER_ID, 'Demo Indirect Provider Inc', 'indirectProvider', 'Parker Provider', 'parker@demo-provider.example'],
    [DEMO_INDIRECT_RESELLER_ID, 'Demo Indirect Reseller LLC', 'indirectReseller', 'Riley Reseller', 'riley@demo-indirect-reseller.example'],
  ] as const;
  for (const [partnerId, companyName, partnerType, name, email] of demo) {
    if (await findPartnerProfile(partnerId)) continue;
    await putPartnerProfile({ partnerId, userId: 'seed', roles: ['global-admin'] }, { companyName, country: 'US', partnerType, markets: ['US', 'CA'], primaryContact: { name, email } });
  }
  // Answers an existing link as it stands, so a second start changes nothing.
  await authorizeProvider({ partnerId: DEMO_INDIRECT_RESELLER_ID, userId: 'seed', roles: ['global-admin'] }, DEMO_PROVIDER_ID);
}

const DEMO_LEADS = [
  ['Woodgrove Bank', 'received'],
  ['Litware Inc', 'accepted'],
  ['Coho Winery', 'won'],
  ['Fourth Coffee', 'declined'],
] as const;

/** A few incoming referrals in different states, once. */
async function seedDemoReferrals(): Promise<void> {
  const existing = await listReferrals(seeder, { limit: 1 });
  if (existing.items.length > 0) return;
  for (const [name, state] of DEMO_LEADS) {
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
    const { id } = await receiveReferral({
      partnerId: DEMO_PARTNER_ID,
      qualification: 'direct',
      customerProfile: {
        name,
        address: { country: 'US', city: 'Redmond', addressLine1: '1 Lead Street', postalCode: '98052' },
        size: '51to250employees',
        contacts: [{ firstName: 'Robin', lastName: 'Requester', email: `robin@${slug}demo.example` }],
      },
      consent: { consentToContact: true, consentToShareReferralWithPartners: true },
      details: { customerRequestedContact: true, notes: 'Wants to move to the cloud this quarter' },
      source: 'system:seed',
    });
    if (state === 'declined') await declineReferral(seeder, id, { reasonCode: 'timelineTooShort' });
    if (state === 'accepted' || state === 'won') {
      await acceptReferral(seeder, id, {
        name: `${name} cloud move`,
        dealValue: 15000,
        currency: 'USD',
        closingDateTime: '2027-06-30T00:00:00Z',
        team: [{ firstName: 'Dana', lastName: 'Demo', email: 'dana@demo-reseller.example', phoneNumber: '+1 425 555 0100' }],
      });
    }
    if (state === 'won') await closeReferral(seeder, id, { outcome: 'won' });
  }
}

/** A valid business profile with a location per city (demo seed and benchmark). */
export function sampleBusinessProfile(country: string, cities: string[], solutions = ['Cloud migration', 'Modern workplace', 'Security baseline']): BusinessProfileInput {
  return {
    description: 'We move small and mid-sized businesses to the cloud, secure them and keep them running.\nSupport in English and Spanish.',
    website: 'https://demo-reseller.example',
    industries: ['healthcare', 'retail', 'professionalServices'],
    products: ['azure', 'microsoft365', 'teams'],
    services: ['migration', 'managedServices', 'securityAssessment'],
    solutions,
    customerSizes: ['1to9employees', '10to50employees', '51to250employees'],
    locations: cities.map((city) => ({
      address: { country, city, addressLine1: '1 Main Street', postalCode: '98052' },
      contact: { name: 'Dana Demo', email: 'leads@demo-reseller.example' },
    })),
  };
}

/** A valid new-customer request for made-up data (demo seed and benchmark). */
export function sampleCustomer(companyName: string, domain: string, address: { city: string; country: string; addressLine1?: string }) {
  return {
    companyProfile: { companyName, domain },
    billingProfile: {
      email: `billing@${domain}`,
      culture: 'en-US',
      language: 'en',
      companyName,
      defaultAddress: { country: address.country, city: address.city, addressLine1: address.addressLine1 ?? '1 Main Street', postalCode: '98052', firstName: 'Avery', lastName: 'Admin' },
    },
  };
}
