import { array, boolean, enum as zodEnum, number, object, strictObject, string } from 'zod';
import type { z } from 'zod';
import { DELEGATED_ADMIN_ROLE_IDS, MAX_DELEGATED_ADMIN_DAYS } from '../delegated-admin/roles.js';
import { GRANT_STATES } from '../delegated-admin/entity.js';
import { DELIVERY_STATES, INVITATION_SOURCES, INVITATION_STATES } from './entity.js';
import { CompanyName, ContinuationToken, CountryCode, Domain, Email, FormToken, IsoDateTime, Limit, MultiLineText, SingleLineText } from '../platform/schemas.js';

/** ISO 8601 duration in whole days (P1D to P730D), the only form delegated admin access takes. */
export const DurationDays = string()
  .regex(/^P\d{1,3}D$/, 'must be an ISO 8601 duration in days, such as P90D')
  .refine((d) => {
    const days = Number(d.slice(1, -1));
    return days >= 1 && days <= MAX_DELEGATED_ADMIN_DAYS;
  }, `must be between P1D and P${MAX_DELEGATED_ADMIN_DAYS}D`)
  .meta({ example: 'P90D' });

export const DelegatedAdminRequest = strictObject({
  displayName: SingleLineText.min(1).max(50),
  roles: array(zodEnum(DELEGATED_ADMIN_ROLE_IDS))
    .min(1)
    .max(DELEGATED_ADMIN_ROLE_IDS.length)
    .refine((roles) => new Set(roles).size === roles.length, 'must not repeat a role'),
  duration: DurationDays,
  autoExtend: boolean().default(false),
})
  .refine((r) => !(r.autoExtend && r.roles.includes('globalAdministrator')), {
    message: 'auto-extend is not allowed with Global Administrator',
    path: ['autoExtend'],
  })
  .meta({ id: 'DelegatedAdminRequest' });
export type DelegatedAdminRequest = z.infer<typeof DelegatedAdminRequest>;

export const CreateInvitationRequest = strictObject({
  email: Email,
  domain: Domain.optional(),
  companyName: CompanyName.optional(),
  delegatedAdmin: DelegatedAdminRequest.optional(),
  overrideBounce: boolean().optional().meta({ description: 'Send even though mail to this address bounced before' }),
}).meta({ id: 'CreateInvitationRequest' });
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

export const ReinstateInvitationRequest = strictObject({
  email: Email,
  delegatedAdmin: DelegatedAdminRequest.optional(),
  overrideBounce: boolean().optional(),
}).meta({ id: 'ReinstateInvitationRequest' });
export type ReinstateInvitationRequest = z.infer<typeof ReinstateInvitationRequest>;

export const InvitationState = zodEnum(INVITATION_STATES);
export type InvitationState = z.infer<typeof InvitationState>;
export const DeliveryState = zodEnum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const Delivery = object({
  state: DeliveryState,
  attempts: number().int(),
  lastError: string().optional(),
  sentAt: IsoDateTime.optional(),
});
export type Delivery = z.infer<typeof Delivery>;

export const Invitation = object({
  id: string(),
  email: string(),
  domain: string().optional(),
  companyName: string().optional(),
  customerId: string().optional().meta({ description: 'The customer this invitation reinstates, or the one it created' }),
  delegatedAdmin: object({ displayName: string(), roles: array(string()), duration: string(), autoExtend: boolean() }).optional(),
  source: zodEnum(INVITATION_SOURCES),
  state: InvitationState,
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  decidedAt: IsoDateTime.optional(),
  declineReason: string().optional(),
  delivery: Delivery,
}).meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;

export const InvitationPage = object({ items: array(Invitation), continuationToken: string().optional() }).meta({ id: 'InvitationPage' });

export const ListInvitationsQuery = strictObject({
  state: InvitationState.optional(),
  limit: Limit,
  continuationToken: ContinuationToken.optional(),
});

export const InvitationIdParams = strictObject({ invitationId: string().uuid().transform((id) => id.toLowerCase()) });

export const ResendQuery = strictObject({
  overrideBounce: zodEnum(['true', 'false']).optional().meta({ description: 'true: send even though mail to this address bounced' }),
});

export const RelationshipLink = object({
  url: string(),
  suggestedEmail: object({ subject: string(), body: string() }),
}).meta({ id: 'RelationshipLink' });

export const EndRelationshipRequest = strictObject({ reason: MultiLineText.min(1).max(500) }).meta({ id: 'EndRelationshipRequest' });

export const DelegatedAdminState = zodEnum(GRANT_STATES);
export type DelegatedAdminState = z.infer<typeof DelegatedAdminState>;

export const DelegatedAdminGrant = object({
  id: string(),
  displayName: string(),
  roles: array(string()),
  duration: string(),
  autoExtend: boolean(),
  state: DelegatedAdminState,
  invitationId: string(),
  customerId: string().optional(),
  createdAt: IsoDateTime,
  activatedAt: IsoDateTime.optional(),
  endsAt: IsoDateTime.optional(),
  terminatedAt: IsoDateTime.optional(),
}).meta({ id: 'DelegatedAdminGrant' });
export type DelegatedAdminGrant = z.infer<typeof DelegatedAdminGrant>;

export const DelegatedAdminList = object({ items: array(DelegatedAdminGrant) }).meta({ id: 'DelegatedAdminList' });

/** What the customer admin confirms on the invitation page (form fields). */
export const AcceptForm = strictObject({
  csrf: FormToken,
  domain: Domain,
  companyName: CompanyName,
  country: CountryCode,
  acceptorName: SingleLineText.min(1).max(100),
}).meta({ id: 'AcceptForm' });
export type AcceptForm = z.infer<typeof AcceptForm>;

export const DeclineForm = strictObject({
  csrf: FormToken,
  reason: MultiLineText.max(500).optional(),
}).meta({ id: 'DeclineForm' });

export const RelationshipRequestForm = strictObject({ csrf: FormToken, email: Email })
  .meta({ id: 'RelationshipRequestForm' });
