// The referral as the API shows and takes it; field names follow the Partner Center Referrals API.
import { array, boolean, enum as zodEnum, number, object, strictObject, string } from 'zod';
import type { z } from 'zod';
import { CompanyName, ContinuationToken, CountryCode, Domain, Email, IsoDateTime, Limit, MultiLineText, PhoneNumber, SingleLineText } from '../platform/schemas.js';
import { DelegatedAdminRequest } from '../invitations/schemas.js';
import { Address } from '../customers/schemas.js';
import { STATUSES, SUBSTATUSES, statusOf, type Substatus } from './state-machine.js';
import { CUSTOMER_SIZES, DIRECTIONS, QUALIFICATIONS, REASON_CODES } from './reference.js';

const text = (max: number, min = 1) => SingleLineText.min(min).max(max);

export const ReferralStatus = zodEnum(STATUSES);
export const ReferralSubstatus = zodEnum(SUBSTATUSES as [Substatus, ...Substatus[]]);
export const ReferralDirection = zodEnum(DIRECTIONS);
export const ReferralQualification = zodEnum(QUALIFICATIONS);
export const ReasonCode = zodEnum(REASON_CODES).meta({ description: 'Why a referral was declined or lost' });

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
export const Currency = string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as USD')
  .refine((c) => CURRENCIES.has(c), 'must be an ISO 4217 currency code such as USD')
  .meta({ example: 'USD' });

export const DealValue = number().min(0).max(1e12).meta({ example: 25000 });

/** The customer's address, as a customer's billing address has it, without the person. */
export const ReferralAddress = Address.omit({ firstName: true, lastName: true, phoneNumber: true }).meta({ id: 'ReferralAddress' });

/** A referral's address as it is read: a customer's request through the directory names only its country. */
export const ReceivedAddress = ReferralAddress.partial({ city: true, addressLine1: true, postalCode: true }).meta({
  id: 'ReceivedReferralAddress',
  description: "The customer's address; a request through the public directory gives only the country",
});

export const Contact = strictObject({
  firstName: text(50),
  lastName: text(50),
  email: Email,
  phoneNumber: PhoneNumber.optional(),
}).meta({ id: 'ReferralContact' });

export const TeamMember = strictObject({
  firstName: text(50),
  lastName: text(50),
  email: Email,
  phoneNumber: PhoneNumber,
}).meta({ id: 'ReferralTeamMember' });

const Team = array(TeamMember).min(1).max(20);
const Tags = array(text(100)).max(50);

export const CustomerProfile = strictObject({
  name: CompanyName,
  address: ReferralAddress,
  size: zodEnum(CUSTOMER_SIZES),
  contacts: array(Contact).min(1).max(5),
}).meta({ id: 'ReferralCustomerProfile' });

export const Consent = strictObject({
  consentToContact: boolean().meta({ description: 'The customer agreed to be contacted about this need' }),
  consentToShareReferralWithPartners: boolean().meta({ description: 'The customer agreed that its details go to the partner' }),
}).meta({ id: 'ReferralConsent' });

export const Requirements = strictObject({
  industries: Tags.optional(),
  products: Tags.optional(),
  services: Tags.optional(),
  solutions: Tags.optional(),
}).meta({ id: 'ReferralRequirements' });

export const Target = strictObject({
  country: CountryCode,
  locationId: string().max(64),
}).meta({ id: 'ReferralTarget', description: "The business profile location the referral was sent to (the profile's country and the location's id)" });

const Notes = MultiLineText.max(2500);
const ExternalId = text(100);

/** What accept and a partner's own referral share: what an active referral must have. */
const dealFields = {
  name: text(256),
  dealValue: DealValue,
  currency: Currency,
  closingDateTime: IsoDateTime,
  team: Team,
  notes: Notes.optional(),
  externalReferenceId: ExternalId.optional().meta({ description: "The partner's own CRM id" }),
  campaignId: ExternalId.optional(),
};

export const AcceptReferralRequest = strictObject(dealFields).meta({ id: 'AcceptReferralRequest' });
export type AcceptReferralRequest = z.infer<typeof AcceptReferralRequest>;

export const DeclineReferralRequest = strictObject({
  reasonCode: ReasonCode,
  statusReason: MultiLineText.max(500).optional(),
}).meta({ id: 'DeclineReferralRequest' });
export type DeclineReferralRequest = z.infer<typeof DeclineReferralRequest>;

export const CloseReferralRequest = strictObject({
  outcome: zodEnum(['won', 'lost']),
  reasonCode: ReasonCode.optional().meta({ description: 'Required when lost' }),
  statusReason: MultiLineText.max(500).optional(),
})
  .refine((r) => r.outcome !== 'lost' || r.reasonCode !== undefined, { message: 'is required when the referral is lost', path: ['reasonCode'] })
  .meta({ id: 'CloseReferralRequest' });
export type CloseReferralRequest = z.infer<typeof CloseReferralRequest>;

/** Only the fields the domain notes let change while a referral is active; null clears an optional one. */
export const UpdateReferralRequest = strictObject({
  name: dealFields.name.optional(),
  dealValue: DealValue.optional(),
  currency: Currency.optional(),
  closingDateTime: IsoDateTime.optional(),
  team: Team.optional(),
  notes: Notes.nullable().optional(),
  externalReferenceId: ExternalId.nullable().optional(),
  campaignId: ExternalId.nullable().optional(),
  solutions: Tags.optional(),
})
  .refine((p) => Object.keys(p).length > 0, { message: 'must change at least one field' })
  .meta({ id: 'UpdateReferralRequest' });
export type UpdateReferralRequest = z.infer<typeof UpdateReferralRequest>;

export const CreateReferralRequest = strictObject({
  ...dealFields,
  qualification: ReferralQualification.default('salesQualified'),
  customerProfile: CustomerProfile,
  consent: Consent,
  customerRequestedContact: boolean().default(false),
  requirements: Requirements.optional(),
}).meta({ id: 'CreateReferralRequest' });
export type CreateReferralRequest = z.infer<typeof CreateReferralRequest>;

/** A won referral's customer contact, invited to a reseller relationship through the invitation flow. */
export const ReferralInvitationRequest = strictObject({
  email: Email.optional().meta({ description: "One of the referral's contacts; the first one when left out" }),
  domain: Domain.optional(),
  delegatedAdmin: DelegatedAdminRequest.optional(),
  overrideBounce: boolean().optional(),
}).meta({ id: 'ReferralInvitationRequest' });
export type ReferralInvitationRequest = z.infer<typeof ReferralInvitationRequest>;

export const Referral = object({
  id: string(),
  engagementId: string(),
  name: string().optional(),
  status: ReferralStatus,
  substatus: ReferralSubstatus,
  direction: ReferralDirection,
  qualification: ReferralQualification,
  customerProfile: object({
    name: string(),
    address: ReceivedAddress,
    size: zodEnum(CUSTOMER_SIZES),
    contacts: array(Contact).optional().meta({ description: 'Shown only while accepted, won or lost' }),
  }),
  consent: Consent,
  details: object({
    notes: string().optional(),
    dealValue: number().optional(),
    currency: string().optional(),
    closingDateTime: IsoDateTime.optional(),
    customerRequestedContact: boolean(),
    requirements: Requirements.optional(),
  }),
  team: array(TeamMember),
  target: Target.optional(),
  statusReason: string().optional(),
  reasonCode: ReasonCode.optional(),
  externalReferenceId: string().optional(),
  campaignId: string().optional(),
  invitationId: string().optional().meta({ description: 'The invitation sent to the customer contact of this won referral' }),
  createdDateTime: IsoDateTime,
  updatedDateTime: IsoDateTime,
  expirationDateTime: IsoDateTime.optional(),
  acceptedDateTime: IsoDateTime.optional(),
}).meta({ id: 'Referral' });
export type Referral = z.infer<typeof Referral>;

export const ReferralPage = object({ items: array(Referral), continuationToken: string().optional() })
  .meta({ id: 'ReferralPage', description: 'List items never carry customer contacts: read one referral to see them' });

export const ListReferralsQuery = strictObject({
  status: ReferralStatus.optional(),
  substatus: ReferralSubstatus.optional(),
  direction: ReferralDirection.optional(),
  qualification: ReferralQualification.optional(),
  limit: Limit,
  continuationToken: ContinuationToken.optional(),
}).refine((q) => !q.status || !q.substatus || statusOf(q.substatus) === q.status, {
  message: 'does not belong to the given status',
  path: ['substatus'],
});
export type ListReferralsQuery = z.infer<typeof ListReferralsQuery>;

export const ReferralIdParams = strictObject({ referralId: string().uuid().transform((id) => id.toLowerCase()) });
