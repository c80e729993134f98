// The referral as the API shows and takes it; field names follow the Partner Center Referrals API.
import { _default, array, boolean, enum as zodEnum, globalRegistry, maximum, maxLength, meta, minimum, minLength, nullable, number, object, omit, optional, partial, pipe, refine, regex, strictObject, string, transform, uuid } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { CompanyName, ContinuationToken, CountryCode, Domain, Email, IsoDateTime, Limit, MultiLineText, PartnerId, PhoneNumber, SingleLineText } from '../platform/schemas.js';
import { DelegatedAdminRequest } from '../invitations/index.js';
import { Address } from '../customers/index.js';
import { STATUSES, SUBSTATUSES, statusOf, type Substatus } from './state-machine.js';
import { CUSTOMER_SIZES, DIRECTIONS, QUALIFICATIONS, REASON_CODES } from './reference.js';

const text = (max: number, min = 1) => SingleLineText.check(minLength(min), maxLength(max));

export const ReferralStatus = zodEnum(STATUSES);
export const ReferralSubstatus = zodEnum(SUBSTATUSES as [Substatus, ...Substatus[]]);
export const ReferralDirection = zodEnum(DIRECTIONS);
export const ReferralQualification = zodEnum(QUALIFICATIONS);
export const ReasonCode = zodEnum(REASON_CODES).register(globalRegistry, { description: 'Why a referral was declined or lost' });

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
export const Currency = string().check(
  regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as USD'),
  refine((c) => CURRENCIES.has(c), 'must be an ISO 4217 currency code such as USD'),
  meta({ example: 'USD' }),
);

export const DealValue = number().check(minimum(0), maximum(1e12), meta({ example: 25000 }));

/** The customer's address, as a customer's billing address has it, without the person. */
export const ReferralAddress = omit(Address, { firstName: true, lastName: true, phoneNumber: true }).register(globalRegistry, { id: 'ReferralAddress' });

/** A referral's address as it is read: a customer's request through the directory names only its country. */
export const ReceivedAddress = partial(ReferralAddress, { city: true, addressLine1: true, postalCode: true }).register(globalRegistry, {
  id: 'ReceivedReferralAddress',
  description: "The customer's address; a request through the public directory gives only the country",
});

export const Contact = strictObject({
  firstName: text(50),
  lastName: text(50),
  email: Email,
  phoneNumber: optional(PhoneNumber),
}).register(globalRegistry, { id: 'ReferralContact' });

export const TeamMember = strictObject({
  firstName: text(50),
  lastName: text(50),
  email: Email,
  phoneNumber: PhoneNumber,
}).register(globalRegistry, { id: 'ReferralTeamMember' });

const Team = array(TeamMember).check(minLength(1), maxLength(20));
const Tags = array(text(100)).check(maxLength(50));

export const CustomerProfile = strictObject({
  name: CompanyName,
  address: ReferralAddress,
  size: zodEnum(CUSTOMER_SIZES),
  contacts: array(Contact).check(minLength(1), maxLength(5)),
}).register(globalRegistry, { id: 'ReferralCustomerProfile' });

export const Consent = strictObject({
  consentToContact: boolean().register(globalRegistry, { description: 'The customer agreed to be contacted about this need' }),
  consentToShareReferralWithPartners: boolean().register(globalRegistry, { description: 'The customer agreed that its details go to the partner' }),
}).register(globalRegistry, { id: 'ReferralConsent' });

export const Requirements = strictObject({
  industries: optional(Tags),
  products: optional(Tags),
  services: optional(Tags),
  solutions: optional(Tags),
}).register(globalRegistry, { id: 'ReferralRequirements' });

export const Target = strictObject({
  country: CountryCode,
  locationId: string().check(maxLength(64)),
}).register(globalRegistry, { id: 'ReferralTarget', description: "The business profile location the referral was sent to (the profile's country and the location's id)" });

const Notes = MultiLineText.check(maxLength(2500));
const ExternalId = text(100);

/** What accept and a partner's own referral share: what an active referral must have. */
const dealFields = {
  name: text(256),
  dealValue: DealValue,
  currency: Currency,
  closingDateTime: IsoDateTime,
  team: Team,
  notes: optional(Notes),
  externalReferenceId: optional(ExternalId).register(globalRegistry, { description: "The partner's own CRM id" }),
  campaignId: optional(ExternalId),
};

export const AcceptReferralRequest = strictObject(dealFields).register(globalRegistry, { id: 'AcceptReferralRequest' });
export type AcceptReferralRequest = Infer<typeof AcceptReferralRequest>;

export const DeclineReferralRequest = strictObject({
  reasonCode: ReasonCode,
  statusReason: optional(MultiLineText.check(maxLength(500))),
}).register(globalRegistry, { id: 'DeclineReferralRequest' });
export type DeclineReferralRequest = Infer<typeof DeclineReferralRequest>;

export const CloseReferralRequest = strictObject({
  outcome: zodEnum(['won', 'lost']),
  reasonCode: optional(ReasonCode).register(globalRegistry, { description: 'Required when lost' }),
  statusReason: optional(MultiLineText.check(maxLength(500))),
}).check(
  refine((r) => r.outcome !== 'lost' || r.reasonCode !== undefined, { message: 'is required when the referral is lost', path: ['reasonCode'] }),
  meta({ id: 'CloseReferralRequest' }),
);
export type CloseReferralRequest = Infer<typeof CloseReferralRequest>;

/** Only the fields the domain notes let change while a referral is active; null clears an optional one. */
export const UpdateReferralRequest = strictObject({
  name: optional(dealFields.name),
  dealValue: optional(DealValue),
  currency: optional(Currency),
  closingDateTime: optional(IsoDateTime),
  team: optional(Team),
  notes: optional(nullable(Notes)),
  externalReferenceId: optional(nullable(ExternalId)),
  campaignId: optional(nullable(ExternalId)),
  solutions: optional(Tags),
}).check(
  refine((p) => Object.keys(p).length > 0, { message: 'must change at least one field' }),
  meta({ id: 'UpdateReferralRequest' }),
);
export type UpdateReferralRequest = Infer<typeof UpdateReferralRequest>;

export const CreateReferralRequest = strictObject({
  ...dealFields,
  qualification: _default(ReferralQualification, 'salesQualified'),
  customerProfile: CustomerProfile,
  consent: Consent,
  customerRequestedContact: _default(boolean(), false),
  requirements: optional(Requirements),
}).register(globalRegistry, { id: 'CreateReferralRequest' });
export type CreateReferralRequest = Infer<typeof CreateReferralRequest>;

/** A provider's referral to a linked reseller: the customer and its consent; the deal is the reseller's to shape. */
export const PartnerReferralRequest = strictObject({
  name: optional(dealFields.name),
  qualification: CreateReferralRequest.shape.qualification,
  customerProfile: CustomerProfile,
  consent: Consent,
  customerRequestedContact: CreateReferralRequest.shape.customerRequestedContact,
  requirements: optional(Requirements),
  notes: optional(Notes),
}).register(globalRegistry, { id: 'PartnerReferralRequest' });
export type PartnerReferralRequest = Infer<typeof PartnerReferralRequest>;

export const ResellerIdParams = strictObject({ resellerId: PartnerId });

/** A won referral's customer contact, invited to a reseller relationship through the invitation flow. */
export const ReferralInvitationRequest = strictObject({
  email: optional(Email).register(globalRegistry, { description: "One of the referral's contacts; the first one when left out" }),
  domain: optional(Domain),
  delegatedAdmin: optional(DelegatedAdminRequest),
  overrideBounce: optional(boolean()),
}).register(globalRegistry, { id: 'ReferralInvitationRequest' });
export type ReferralInvitationRequest = Infer<typeof ReferralInvitationRequest>;

export const Referral = object({
  id: string(),
  engagementId: string(),
  name: optional(string()),
  status: ReferralStatus,
  substatus: ReferralSubstatus,
  direction: ReferralDirection,
  qualification: ReferralQualification,
  customerProfile: object({
    name: string(),
    address: ReceivedAddress,
    size: zodEnum(CUSTOMER_SIZES),
    contacts: optional(array(Contact)).register(globalRegistry, { description: 'Shown only while accepted, won or lost' }),
  }),
  consent: Consent,
  details: object({
    notes: optional(string()),
    dealValue: optional(number()),
    currency: optional(string()),
    closingDateTime: optional(IsoDateTime),
    customerRequestedContact: boolean(),
    requirements: optional(Requirements),
  }),
  team: array(TeamMember),
  target: optional(Target),
  statusReason: optional(string()),
  reasonCode: optional(ReasonCode),
  externalReferenceId: optional(string()),
  campaignId: optional(string()),
  invitationId: optional(string()).register(globalRegistry, { description: 'The invitation sent to the customer contact of this won referral' }),
  createdDateTime: IsoDateTime,
  updatedDateTime: IsoDateTime,
  expirationDateTime: optional(IsoDateTime),
  acceptedDateTime: optional(IsoDateTime),
  counterparty: optional(
    object({
      partnerId: string(),
      name: string(),
      contact: optional(TeamMember).register(globalRegistry, { description: "On the sender's copy, once the receiver accepted: the first member of the receiver's team" }),
    }),
  ).register(globalRegistry, { description: 'The other partner of a referral between partners (the same engagementId on both copies)' }),
}).register(globalRegistry, { id: 'Referral' });
export type Referral = Infer<typeof Referral>;

export const ReferralPage = object({ items: array(Referral), continuationToken: optional(string()) }).register(globalRegistry, {
  id: 'ReferralPage',
  description: 'List items never carry customer contacts: read one referral to see them',
});

export const ListReferralsQuery = strictObject({
  status: optional(ReferralStatus),
  substatus: optional(ReferralSubstatus),
  direction: optional(ReferralDirection),
  qualification: optional(ReferralQualification),
  limit: Limit,
  continuationToken: optional(ContinuationToken),
}).check(
  refine((q) => !q.status || !q.substatus || statusOf(q.substatus) === q.status, {
    message: 'does not belong to the given status',
    path: ['substatus'],
  }),
);
export type ListReferralsQuery = Infer<typeof ListReferralsQuery>;

export const ReferralIdParams = strictObject({ referralId: pipe(uuid(), transform((id: string) => id.toLowerCase())) });
