import type { Principal } from '../../shared/platform/auth.js';
import { getPartnerProfile } from '../../shared/partner/store.js';
import { isDomainTaken } from '../../shared/customers/store.js';
import { createCustomer } from '../../shared/customers/service.js';
import { putPartnerProfile } from '../../shared/partner/service.js';

export const DEMO_PARTNER_ID = 'demo-partner';
const seeder: Principal = { partnerId: DEMO_PARTNER_ID, userId: 'seed', roles: ['global-admin'] };

const DEMO_CUSTOMERS = [
  ['Contoso Ltd', 'contoso-demo.onmicrosoft.com', 'Redmond', 'US'],
  ['Fabrikam Inc', 'fabrikam-demo.onmicrosoft.com', 'Seattle', 'US'],
  ['Northwind Traders', 'northwind-demo.onmicrosoft.com', 'Toronto', 'CA'],
  ['Tailspin Toys', 'tailspin-demo.onmicrosoft.com', 'Vancouver', 'CA'],
] as const;

/** A demo partner with a legal profile and a few customers; does nothing that is already there. */
export async function seedDemoPartner(): Promise<void> {
  if (!(await getPartnerProfile(DEMO_PARTNER_ID))) {
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
