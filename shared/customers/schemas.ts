import { array, enum as zodEnum, extend, globalRegistry, literal, maxLength, meta, minLength, nullable, object, optional, partial, pipe, refine, strictObject, string, superRefine, transform, trim, uuid } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
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
  PartnerId,
  PhoneNumber,
  SingleLineText,
  ValidationCode,
} from '../platform/schemas.js';

const text = (max: number, min = 1) => SingleLineText.check(minLength(min), maxLength(max));

export const Address = strictObject({
  country: CountryCode,
  region: optional(text(100)),
  city: text(100),
  addressLine1: text(200),
  addressLine2: optional(SingleLineText.check(maxLength(200))),
  postalCode: text(20),
  firstName: text(50),
  lastName: text(50),
  phoneNumber: optional(PhoneNumber),
}).register(globalRegistry, { id: 'Address' });

export const BillingProfile = strictObject({
  email: Email,
  culture: Culture,
  language: Language,
  companyName: CompanyName,
  defaultAddress: Address,
}).register(globalRegistry, { id: 'BillingProfile' });
export type BillingProfile = Infer<typeof BillingProfile>;

export const CompanyProfile = strictObject({ companyName: CompanyName, domain: Domain }).register(globalRegistry, { id: 'CompanyProfile' });

const RegistrationId = text(50).check(meta({ description: 'Business tax id; required in some countries' }));

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
  companyRegistrationId: optional(RegistrationId),
  associatedPartnerId: optional(text(64)).check(meta({ description: 'Indirect providers only: the indirect reseller this customer is created for' })),
  validationCode: optional(ValidationCode).check(meta({ description: 'US Government cloud only, and required there: a recorded validation code, of which this create uses one creation' })),
}).check(
  superRefine((body, ctx) => {
    for (const issue of countryRuleIssues(body.billingProfile, body.companyRegistrationId)) ctx.addIssue({ code: 'custom', ...issue });
  }),
  meta({ id: 'CreateCustomerRequest' }),
);
export type CreateCustomerRequest = Infer<typeof CreateCustomerRequest>;

/** JSON merge patch (RFC 7396) of the billing profile; everything else is read-only. */
// Address is strict, so its partial and the extension are too: an unknown field of the address is refused.
export const UpdateCustomerRequest = strictObject({
  billingProfile: optional(
    strictObject({
      email: optional(Email),
      culture: optional(Culture),
      language: optional(Language),
      companyName: optional(CompanyName),
      defaultAddress: optional(
        extend(partial(Address), {
          region: optional(nullable(text(100))),
          addressLine2: optional(nullable(SingleLineText.check(maxLength(200)))),
          phoneNumber: optional(nullable(PhoneNumber)),
        }),
      ),
    }).check(refine((p) => Object.keys(p).length > 0, { message: 'must change at least one field' })),
  ),
  companyRegistrationId: optional(RegistrationId),
}).check(
  refine((patch) => patch.billingProfile !== undefined || patch.companyRegistrationId !== undefined, { message: 'must change at least one field' }),
  meta({ id: 'UpdateCustomerRequest' }),
);
export type UpdateCustomerRequest = Infer<typeof UpdateCustomerRequest>;

export const RelationshipToPartner = zodEnum(RELATIONSHIPS_TO_PARTNER);
export const CustomerState = zodEnum(CUSTOMER_STATES);
export type CustomerState = Infer<typeof CustomerState>;

export const Customer = object({
  id: string(),
  tenantId: string(),
  companyProfile: object({ companyName: string(), domain: string() }),
  billingProfile: optional(BillingProfile).check(meta({ description: 'Absent for a customer that joined by invitation until the partner sets it' })),
  companyRegistrationId: optional(string()),
  relationshipToPartner: RelationshipToPartner,
  state: CustomerState,
  associatedPartnerId: optional(string()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).register(globalRegistry, { id: 'Customer' });
export type Customer = Infer<typeof Customer>;

export const CustomerPage = object({ items: array(Customer), continuationToken: optional(string()) }).register(globalRegistry, { id: 'CustomerPage' });

export const ListCustomersQuery = strictObject({
  q: optional(string().check(trim(), minLength(1), maxLength(256))).check(meta({ description: 'Case-insensitive prefix of company name or domain' })),
  state: optional(CustomerState),
  indirectReseller: optional(PartnerId).check(
    meta({ description: 'Indirect providers: only the customers shared with this indirect reseller (any other partner: an empty page)' }),
  ),
  indirectProvider: optional(PartnerId).check(
    meta({ description: 'Indirect resellers: only the customers shared with this indirect provider (any other partner: an empty page)' }),
  ),
  limit: Limit,
  continuationToken: optional(ContinuationToken),
}).check(refine((query) => query.indirectReseller === undefined || query.indirectProvider === undefined, { message: 'name either indirectReseller or indirectProvider, not both' }));
export type ListCustomersQuery = Infer<typeof ListCustomersQuery>;

export const ExportCustomersQuery = strictObject({ continuationToken: optional(ContinuationToken) });

// UUIDs are case-insensitive on input; keys hold the lower-case form.
export const CustomerId = pipe(uuid(), transform((id: string) => id.toLowerCase()));
export const CustomerIdParams = strictObject({ customerId: CustomerId });
export const DomainParams = strictObject({ domain: Domain });

export const AgreementInput = strictObject({
  dateAgreed: IsoDateTime,
  primaryContact: strictObject({
    firstName: text(50),
    lastName: text(50),
    email: Email,
    phoneNumber: optional(PhoneNumber),
  }),
}).check(
  refine((a) => Date.parse(a.dateAgreed) <= Date.now() + 5 * 60_000, { message: 'cannot be in the future', path: ['dateAgreed'] }),
  meta({ id: 'AgreementInput' }),
);
export type AgreementInput = Infer<typeof AgreementInput>;

export const Agreement = object({
  id: string(),
  customerId: string(),
  agreementType: literal(AGREEMENT_TYPE),
  dateAgreed: IsoDateTime,
  primaryContact: object({ firstName: string(), lastName: string(), email: string(), phoneNumber: optional(string()) }),
  recordedBy: string(),
  recordedAt: IsoDateTime,
}).register(globalRegistry, { id: 'Agreement' });
export type Agreement = Infer<typeof Agreement>;

export const AgreementList = object({ items: array(Agreement) }).register(globalRegistry, { id: 'AgreementList' });

export { IsoDateTime };
