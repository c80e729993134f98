import { _default, array, boolean, enum as zodEnum, globalRegistry, int, maxLength, meta, minLength, number, object, optional, pipe, refine, regex, strictObject, string, transform, uuid } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { DELEGATED_ADMIN_ROLE_IDS, MAX_DELEGATED_ADMIN_DAYS } from '../delegated-admin/index.js';
import { GRANT_STATES } from '../delegated-admin/index.js';
import { DELIVERY_STATES, INVITATION_SOURCES, INVITATION_STATES } from './entity.js';
import { CompanyName, ContinuationToken, CountryCode, Domain, Email, FormToken, IsoDateTime, Limit, MultiLineText, PartnerId, SingleLineText } from '../platform/schemas.js';

/** ISO 8601 duration in whole days (P1D to P730D), the only form delegated admin access takes. */
export const DurationDays = string().check(
  regex(/^P\d{1,3}D$/, 'must be an ISO 8601 duration in days, such as P90D'),
  refine((d) => {
    const days = Number(d.slice(1, -1));
    return days >= 1 && days <= MAX_DELEGATED_ADMIN_DAYS;
  }, `must be between P1D and P${MAX_DELEGATED_ADMIN_DAYS}D`),
  meta({ example: 'P90D' }),
);

export const DelegatedAdminRequest = strictObject({
  displayName: SingleLineText.check(minLength(1), maxLength(50)),
  roles: array(zodEnum(DELEGATED_ADMIN_ROLE_IDS)).check(
    minLength(1),
    maxLength(DELEGATED_ADMIN_ROLE_IDS.length),
    refine((roles) => new Set(roles).size === roles.length, 'must not repeat a role'),
  ),
  duration: DurationDays,
  autoExtend: _default(boolean(), false),
}).check(
  refine((r) => !(r.autoExtend && r.roles.includes('globalAdministrator')), {
    message: 'auto-extend is not allowed with Global Administrator',
    path: ['autoExtend'],
  }),
  meta({ id: 'DelegatedAdminRequest' }),
);
export type DelegatedAdminRequest = Infer<typeof DelegatedAdminRequest>;

export const CreateInvitationRequest = strictObject({
  email: Email,
  domain: optional(Domain),
  companyName: optional(CompanyName),
  delegatedAdmin: optional(DelegatedAdminRequest),
  overrideBounce: optional(boolean()).check(meta({ description: 'Send even though mail to this address bounced before' })),
  indirectProviderId: optional(PartnerId).check(
    meta({ description: 'Indirect resellers only: a linked indirect provider the customer enters a relationship with at the same time (a joint invitation)' }),
  ),
}).register(globalRegistry, { id: 'CreateInvitationRequest' });
export type CreateInvitationRequest = Infer<typeof CreateInvitationRequest>;

export const ReinstateInvitationRequest = strictObject({
  email: Email,
  delegatedAdmin: optional(DelegatedAdminRequest),
  overrideBounce: optional(boolean()),
}).register(globalRegistry, { id: 'ReinstateInvitationRequest' });
export type ReinstateInvitationRequest = Infer<typeof ReinstateInvitationRequest>;

export const InvitationState = zodEnum(INVITATION_STATES);
export type InvitationState = Infer<typeof InvitationState>;
export const DeliveryState = zodEnum(DELIVERY_STATES);
export type DeliveryState = Infer<typeof DeliveryState>;

export const Delivery = object({
  state: DeliveryState,
  attempts: number().check(int()),
  lastError: optional(string()),
  sentAt: optional(IsoDateTime),
});
export type Delivery = Infer<typeof Delivery>;

export const Invitation = object({
  id: string(),
  email: string(),
  domain: optional(string()),
  companyName: optional(string()),
  customerId: optional(string()).check(meta({ description: 'The customer this invitation reinstates, or the one it created' })),
  delegatedAdmin: optional(object({ displayName: string(), roles: array(string()), duration: string(), autoExtend: boolean() })),
  source: zodEnum(INVITATION_SOURCES),
  state: InvitationState,
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  decidedAt: optional(IsoDateTime),
  declineReason: optional(string()),
  acceptedBy: optional(object({ name: string(), email: string() })).check(meta({ description: 'Who accepted it (the name they gave, and the invited address)' })),
  importId: optional(string()).check(meta({ description: 'The customer import whose row made it' })),
  indirectProviderId: optional(string()).check(meta({ description: 'A joint invitation: the indirect provider the customer enters a relationship with too' })),
  indirectProviderName: optional(string()),
  delivery: Delivery,
}).register(globalRegistry, { id: 'Invitation' });
export type Invitation = Infer<typeof Invitation>;

export const InvitationPage = object({ items: array(Invitation), continuationToken: optional(string()) }).register(globalRegistry, { id: 'InvitationPage' });

export const ListInvitationsQuery = strictObject({
  state: optional(InvitationState),
  importId: optional(pipe(uuid(), transform((id: string) => id.toLowerCase()))).check(meta({ description: "Only a customer import's invitations, oldest first" })),
  indirectReseller: optional(PartnerId).check(
    meta({ description: 'Indirect providers: the joint invitations this indirect reseller sent with the caller, newest first (read-only)' }),
  ),
  limit: Limit,
  continuationToken: optional(ContinuationToken),
}).check(refine((q) => !(q.importId && q.indirectReseller), { message: 'importId and indirectReseller cannot be combined', path: ['indirectReseller'] }));

export const InvitationIdParams = strictObject({ invitationId: pipe(uuid(), transform((id: string) => id.toLowerCase())) });

export const ResendQuery = strictObject({
  overrideBounce: optional(zodEnum(['true', 'false'])).check(meta({ description: 'true: send even though mail to this address bounced' })),
});

export const RelationshipLink = object({
  url: string(),
  suggestedEmail: object({ subject: string(), body: string() }),
}).register(globalRegistry, { id: 'RelationshipLink' });

export const EndRelationshipRequest = strictObject({ reason: MultiLineText.check(minLength(1), maxLength(500)) }).register(globalRegistry, { id: 'EndRelationshipRequest' });

export const DelegatedAdminState = zodEnum(GRANT_STATES);
export type DelegatedAdminState = Infer<typeof DelegatedAdminState>;

export const DelegatedAdminGrant = object({
  id: string(),
  displayName: string(),
  roles: array(string()),
  duration: string(),
  autoExtend: boolean(),
  state: DelegatedAdminState,
  invitationId: string(),
  customerId: optional(string()),
  createdAt: IsoDateTime,
  activatedAt: optional(IsoDateTime),
  endsAt: optional(IsoDateTime),
  terminatedAt: optional(IsoDateTime),
}).register(globalRegistry, { id: 'DelegatedAdminGrant' });
export type DelegatedAdminGrant = Infer<typeof DelegatedAdminGrant>;

export const DelegatedAdminList = object({ items: array(DelegatedAdminGrant) }).register(globalRegistry, { id: 'DelegatedAdminList' });

/** What the customer admin confirms on the invitation page (form fields). */
export const AcceptForm = strictObject({
  csrf: FormToken,
  domain: Domain,
  companyName: CompanyName,
  country: CountryCode,
  acceptorName: SingleLineText.check(minLength(1), maxLength(100)),
}).register(globalRegistry, { id: 'AcceptForm' });
export type AcceptForm = Infer<typeof AcceptForm>;

export const DeclineForm = strictObject({
  csrf: FormToken,
  reason: optional(MultiLineText.check(maxLength(500))),
}).register(globalRegistry, { id: 'DeclineForm' });

export const RelationshipRequestForm = strictObject({ csrf: FormToken, email: Email }).register(globalRegistry, { id: 'RelationshipRequestForm' });
