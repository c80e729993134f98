// The routes of the `referrals` function: its Lambda entry imports only these, so it bundles only their schemas.
import { Invitation } from '../invitations/index.js';
import {
  AcceptReferralRequest,
  CloseReferralRequest,
  CreateReferralRequest,
  DeclineReferralRequest,
  ListReferralsQuery,
  PartnerReferralRequest,
  Referral,
  ReferralIdParams,
  ReferralInvitationRequest,
  ReferralPage,
  ResellerIdParams,
  UpdateReferralRequest,
} from '../referrals/index.js';
import type { RouteDef } from './route.js';

const illegal = (what: string) => ({
  status: 409 as const,
  description: `${what} is not possible in the referral's current state (the problem names currentStatus, currentSubstatus and allowedTransitions), or the referral kept changing meanwhile`,
});

/** The answer of a create that takes an Idempotency-Key, and its own errors. */
const created = (what: string) =>
  ({
    status: 201, schema: Referral, headers: ['Location', 'ETag', 'Idempotent-Replayed?'],
    description: `${what} (Idempotent-Replayed: true when it is the stored answer to an earlier request with the same Idempotency-Key)`,
  }) as const;
const idempotencyErrors = [
  { status: 409, description: 'A concurrent request with the same Idempotency-Key is in progress' },
  { status: 422, description: 'The Idempotency-Key was used with another body' },
] as const;

export const referralRoutes = [
  {
    operationId: 'listReferrals', method: 'GET', path: '/v1/referrals', group: 'referrals',
    summary: 'List referrals: new first, then active, then closed (by substatus), each newest first',
    auth: { kind: 'partner', action: 'referrals.manage' }, request: { query: ListReferralsQuery },
    response: { status: 200, schema: ReferralPage, description: 'One page of referrals (without customer contacts)' },
    errors: [],
  },
  {
    operationId: 'createReferral', method: 'POST', path: '/v1/referrals', group: 'referrals',
    summary: "Record the partner's own (outgoing) referral; it starts active/accepted",
    auth: { kind: 'partner', action: 'referrals.manage' }, request: { body: CreateReferralRequest },
    headers: ['Idempotency-Key'], response: created('The new referral'), errors: idempotencyErrors,
  },
  {
    operationId: 'referToReseller', method: 'POST', path: '/v1/indirect-resellers/{resellerId}/referrals', group: 'referrals',
    summary: "An indirect provider refers a customer to a linked reseller: the provider's copy (outgoing, new/pending) and the reseller's (incoming, new/received), one engagementId",
    auth: { kind: 'partner', action: 'referrals.manage' }, request: { params: ResellerIdParams, body: PartnerReferralRequest },
    headers: ['Idempotency-Key'], response: created("The provider's copy"),
    errors: [{ status: 403, description: 'The caller is not an indirect provider, or the reseller has not authorized it (or ended the link)' }, ...idempotencyErrors],
  },
  {
    operationId: 'getReferral', method: 'GET', path: '/v1/referrals/{referralId}', group: 'referrals',
    summary: "Read one referral (the customer's contacts only while accepted, won or lost; each reveal is logged)",
    auth: { kind: 'partner', action: 'referrals.manage' }, request: { params: ReferralIdParams },
    response: { status: 200, schema: Referral, headers: ['ETag'], description: 'The referral' },
    errors: [404],
  },
  {
    operationId: 'updateReferral', method: 'PATCH', path: '/v1/referrals/{referralId}', group: 'referrals',
    summary: 'Change the fields an active referral allows (null clears an optional one)',
    auth: { kind: 'partner', action: 'referrals.manage' },
    request: { params: ReferralIdParams, body: UpdateReferralRequest }, headers: ['If-Match'],
    response: { status: 200, schema: Referral, headers: ['ETag'], description: 'The updated referral, with its new ETag' },
    errors: [404, illegal('An update'), 412, 428],
  },
  {
    operationId: 'acceptReferral', method: 'POST', path: '/v1/referrals/{referralId}/accept', group: 'referrals',
    summary: 'Accept a new referral: it becomes active/accepted', auth: { kind: 'partner', action: 'referrals.manage' },
    request: { params: ReferralIdParams, body: AcceptReferralRequest },
    response: { status: 200, schema: Referral, headers: ['ETag'], description: 'The accepted referral' },
    errors: [404, illegal('Accepting')],
  },
  {
    operationId: 'declineReferral', method: 'POST', path: '/v1/referrals/{referralId}/decline', group: 'referrals',
    summary: 'Decline a new referral: it becomes closed/declined', auth: { kind: 'partner', action: 'referrals.manage' },
    request: { params: ReferralIdParams, body: DeclineReferralRequest },
    response: { status: 200, schema: Referral, headers: ['ETag'], description: 'The declined referral' },
    errors: [404, illegal('Declining')],
  },
  {
    operationId: 'closeReferral', method: 'POST', path: '/v1/referrals/{referralId}/close', group: 'referrals',
    summary: 'Close an active referral as won or lost', auth: { kind: 'partner', action: 'referrals.manage' },
    request: { params: ReferralIdParams, body: CloseReferralRequest },
    response: { status: 200, schema: Referral, headers: ['ETag'], description: 'The closed referral' },
    errors: [404, illegal('Closing')],
  },
  {
    operationId: 'inviteReferralCustomer', method: 'POST', path: '/v1/referrals/{referralId}/invitation', group: 'referrals',
    summary: "Invite a won referral's customer contact to a reseller relationship (one step; the referral names the invitation)",
    auth: { kind: 'partner', action: 'referrals.manage' },
    request: { params: ReferralIdParams, body: ReferralInvitationRequest },
    response: { status: 201, schema: Invitation, headers: ['Location'], description: 'The invitation (its link goes only to the recipient)' },
    errors: [
      404,
      { status: 409, description: 'The referral is not won (the problem names its state), its customer was already invited, the partner has no legal profile, mail to the address bounced (set overrideBounce), or the delegated admin display name is in use' },
      { status: 422, description: "The address is not one of the referral's contacts, it is outside the named organization (see qualifyingAddresses), this partner may not create a new organization, or (US Government cloud) delegatedAdmin is missing" },
      429,
    ],
  },
] as const satisfies readonly RouteDef[];
