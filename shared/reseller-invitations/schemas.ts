import { array, enum as zodEnum, globalRegistry, maxLength, meta, minLength, number, object, optional, pipe, strictObject, string, transform, uuid } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { ContinuationToken, Email, IsoDateTime, Limit, MultiLineText } from '../platform/schemas.js';
import { RESELLER_DELIVERY_STATES, RESELLER_INVITATION_STATES } from './entity.js';

export const CreateResellerInvitationRequest = strictObject({
  email: Email.check(meta({ description: "The reseller's Global admin, who accepts signed in as the reseller" })),
  message: optional(MultiLineText.check(minLength(1), maxLength(1000))),
}).register(globalRegistry, { id: 'CreateResellerInvitationRequest' });
export type CreateResellerInvitationRequest = Infer<typeof CreateResellerInvitationRequest>;

export const ResellerInvitation = object({
  id: string(),
  email: string(),
  message: optional(string()),
  state: zodEnum(RESELLER_INVITATION_STATES),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  decidedAt: optional(IsoDateTime),
  acceptedBy: optional(object({ partnerId: string(), userId: string() }).check(meta({ description: 'The reseller that accepted, and its user' }))),
  delivery: object({ state: zodEnum(RESELLER_DELIVERY_STATES), attempts: number(), lastError: optional(string()), sentAt: optional(IsoDateTime) }),
}).register(globalRegistry, { id: 'ResellerInvitation' });
export type ResellerInvitation = Infer<typeof ResellerInvitation>;

export const ResellerInvitationPage = object({ items: array(ResellerInvitation), continuationToken: optional(string()) }).register(globalRegistry, { id: 'ResellerInvitationPage' });

export const ListResellerInvitationsQuery = strictObject({ limit: Limit, continuationToken: optional(ContinuationToken) });

export const ResellerInvitationIdParams = strictObject({ invitationId: pipe(uuid(), transform((id: string) => id.toLowerCase())) });
