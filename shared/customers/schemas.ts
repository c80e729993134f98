import { array, enum as zodEnum, literal, object, strictObject, string } from 'zod';
import type { z } from 'zod';
import { COUNTRIES_REQUIRING_REGISTRATION_ID } from '../platform/reference-data.js';
import { AGREEMENT_TYPE, CUSTOMER_STATES, RELATIONSHIPS_TO_PARTNER } from './entity.js';
import {
  CompanyName,
  ContinuationToken,
  CountryCode,
  Culture,
  Domain,
  Email,
  IsoDateTime,
  Language,
  Limit,
  PhoneNumber,
  SingleLineText,
} from '../platform/schemas.js';

const text = (max: number, min = 1) => SingleLineText.min(min).max(max);

export const Address = strictObject({
    country: CountryCode,
    region: text(100).optional(),
    city: text(100),
    addressLine1: text(200),
    addressLine2: SingleLineText.max(200).optional(),
    postalCode: text(20),
    firstName: text(50),
    lastName: text(50),
    phoneNumber: PhoneNumber.optional(),
  })
  .meta({ id: 'Address' });

export const BillingProfile = strictObject({
    email: Email,
    culture: Culture,
    language: Language,
    companyName: CompanyName,
    defaultAddress: Address,
  })
  .meta({ id: 'BillingProfile' });
export type BillingProfile = z.infer<typeof BillingProfile>;

export const CompanyProfile = strictObject({ companyName: CompanyName, domain: Domain })
  .meta({ id: 'CompanyProfile' });

const RegistrationId = text(50).meta({ description: 'Business tax id; required in some countries' });

/** Country rules that span fields; shared by create and by a patched billing profile. */
export function countryRuleIssues(billing: BillingProfile, registrationId: string | undefined) {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const country = billing.defaultAddress.country;
  if (COUNTRIES_REQUIRING_REGISTRATION_ID.has(country)) {
    if (!billing.defaultAddress.phoneNumber) {
      issues.push({ path: ['billingProfile', 'defaultAddress', 'phoneNumber'], message: `is required for customers in ${country}` });
    }
    if (!registrationId) {
      issues.push({ path: ['companyRegistrationId'], message: `is required for customers in ${country}` });
    }
  }
  return issues;
}

/** The Idempotency-Key header of a create: 1-255 visible ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export const CreateCustomerRequest = strictObject({
    companyProfile: CompanyProfile,
    billingProfile: BillingProfile,
    companyRegistrationId: RegistrationId.optional(),
    associatedPartnerId: text(64)
      .optional()
      .meta({ description: 'Indirect providers only: the indirect reseller this customer is created for' }),
  })
  .superRefine((body, ctx) => {
    for (const issue of countryRuleIssues(body.billingProfile, body.companyRegistrationId)) ctx.addIssue({ code: 'custom', ...issue });
  })
  .meta({ id: 'CreateCustomerRequest' });
export type CreateCustomerRequest = z.infer<typeof CreateCustomerRequest>;

/** JSON merge patch (RFC 7396) of the billing profile; everything else is read-only. */
export const UpdateCustomerRequest = strictObject({
    billingProfile: strictObject({
        email: Email.optional(),
        culture: Culture.optional(),
        language: Language.optional(),
        companyName: CompanyName.optional(),
        defaultAddress: Address.partial()
          .extend({ region: text(100).nullable().optional(), addressLine2: SingleLineText.max(200).nullable().optional(), phoneNumber: PhoneNumber.nullable().optional() })
          .strict()
          .optional(),
      })
      .refine((p) => Object.keys(p).length > 0, { message: 'must change at least one field' })
      .optional(),
    companyRegistrationId: RegistrationId.optional(),
  })
  .refine((patch) => patch.billingProfile !== undefined || patch.companyRegistrationId !== undefined, { message: 'must change at least one field' })
  .meta({ id: 'UpdateCustomerRequest' });
export type UpdateCustomerRequest = z.infer<typeof UpdateCustomerRequest>;

export const RelationshipToPartner = zodEnum(RELATIONSHIPS_TO_PARTNER);
export const CustomerState = zodEnum(CUSTOMER_STATES);
export type CustomerState = z.infer<typeof CustomerState>;

export const Customer = object({
    id: string(),
    tenantId: string(),
    companyProfile: object({ companyName: string(), domain: string() }),
    billingProfile: BillingProfile.optional().meta({ description: 'Absent for a customer that joined by invitation until the partner sets it' }),
    companyRegistrationId: string().optional(),
    relationshipToPartner: RelationshipToPartner,
    state: CustomerState,
    associatedPartnerId: string().optional(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof Customer>;

export const CustomerPage = object({ items: array(Customer), continuationToken: string().optional() })
  .meta({ id: 'CustomerPage' });

export const ListCustomersQuery = strictObject({
  q: string().trim().min(1).max(256).optional().meta({ description: 'Case-insensitive prefix of company name or domain' }),
  state: CustomerState.optional(),
  limit: Limit,
  continuationToken: ContinuationToken.optional(),
});

export const ExportCustomersQuery = strictObject({ continuationToken: ContinuationToken.optional() });

// UUIDs are case-insensitive on input; keys hold the lower-case form.
export const CustomerId = string().uuid().transform((id) => id.toLowerCase());
export const CustomerIdParams = strictObject({ customerId: CustomerId });
export const DomainParams = strictObject({ domain: Domain });

export const AgreementInput = strictObject({
    dateAgreed: IsoDateTime,
    primaryContact: strictObject({
      firstName: text(50),
      lastName: text(50),
      email: Email,
      phoneNumber: PhoneNumber.optional(),
    }),
  })
  .refine((a) => Date.parse(a.dateAgreed) <= Date.now() + 5 * 60_000, { message: 'cannot be in the future', path: ['dateAgreed'] })
  .meta({ id: 'AgreementInput' });
export type AgreementInput = z.infer<typeof AgreementInput>;

export const Agreement = object({
    id: string(),
    customerId: string(),
    agreementType: literal(AGREEMENT_TYPE),
    dateAgreed: IsoDateTime,
    primaryContact: object({ firstName: string(), lastName: string(), email: string(), phoneNumber: string().optional() }),
    recordedBy: string(),
    recordedAt: IsoDateTime,
  })
  .meta({ id: 'Agreement' });
export type Agreement = z.infer<typeof Agreement>;

export const AgreementList = object({ items: array(Agreement) }).meta({ id: 'AgreementList' });

export { IsoDateTime };
