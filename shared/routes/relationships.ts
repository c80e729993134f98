// The routes of the `relationships` function: its Lambda entry imports only these, so it bundles only their schemas.
import { Customer, CustomerIdParams } from '../customers/index.js';
import { CreateInvitationRequest, DelegatedAdminList, EndRelationshipRequest, Invitation, InvitationIdParams, InvitationPage, ListInvitationsQuery, ReinstateInvitationRequest, RelationshipLink, ResendQuery } from '../invitations/index.js';
import type { RouteDef } from './route.js';

export const relationshipRoutes = [
  {
    operationId: 'createInvitation', method: 'POST', path: '/v1/invitations', group: 'relationships',
    summary: 'Invite an existing organization by email to a reseller relationship (with indirectProviderId: to one with a linked indirect provider too)',
    auth: { kind: 'partner', action: 'invitations.manage' }, request: { body: CreateInvitationRequest },
    response: { status: 201, schema: Invitation, headers: ['Location'], description: 'The invitation (its link goes only to the recipient)' },
    errors: [
      { status: 404, description: 'indirectProviderId names no indirect provider this partner has authorized (indirectProviders.notAuthorized)' },
      { status: 409, description: 'The partner has no legal profile, mail to the address bounced (set overrideBounce), or the delegated admin display name is in use' },
      {
        status: 422,
        description:
          'The address is outside the named organization (see qualifyingAddresses), this partner may not create a new organization, (US Government cloud) delegatedAdmin is missing, or indirectProviderId is given by a partner that is not an indirect reseller',
      },
      429,
    ],
  },
  {
    operationId: 'listInvitations', method: 'GET', path: '/v1/invitations', group: 'relationships',
    summary: "List invitations, newest first (with indirectReseller: an indirect provider's read-only view of that reseller's joint invitations)", auth: { kind: 'partner', action: 'customers.read' },
    request: { query: ListInvitationsQuery },
    response: { status: 200, schema: InvitationPage, description: 'One page of invitations' },
    errors: [],
  },
  {
    operationId: 'getInvitation', method: 'GET', path: '/v1/invitations/{invitationId}', group: 'relationships',
    summary: 'Read one invitation with its delivery state', auth: { kind: 'partner', action: 'customers.read' },
    request: { params: InvitationIdParams },
    response: { status: 200, schema: Invitation, description: 'The invitation' },
    errors: [404],
  },
  {
    operationId: 'resendInvitation', method: 'POST', path: '/v1/invitations/{invitationId}/resend', group: 'relationships',
    summary: 'Send a new link; the old one stops working', auth: { kind: 'partner', action: 'invitations.manage' },
    request: { params: InvitationIdParams, query: ResendQuery },
    response: { status: 200, schema: Invitation, description: 'The invitation, delivery queued again' },
    errors: [404, { status: 409, description: 'The invitation is not pending, or mail to the address bounced (set overrideBounce)' }, 429],
  },
  {
    operationId: 'revokeInvitation', method: 'POST', path: '/v1/invitations/{invitationId}/revoke', group: 'relationships',
    summary: 'Withdraw a pending invitation', auth: { kind: 'partner', action: 'invitations.manage' },
    request: { params: InvitationIdParams },
    response: { status: 200, schema: Invitation, description: 'The revoked invitation' },
    errors: [404, { status: 409, description: 'The invitation is not pending' }],
  },
  {
    operationId: 'reinstateCustomer', method: 'POST', path: '/v1/customers/{customerId}/invitations', group: 'relationships',
    summary: 'Invite an ended customer back (reinstate)', auth: { kind: 'partner', action: 'invitations.manage' },
    request: { params: CustomerIdParams, body: ReinstateInvitationRequest },
    response: { status: 201, schema: Invitation, headers: ['Location'], description: 'The invitation' },
    errors: [
      { status: 403, description: "The customer is shared with the partner's indirect provider, which reinstates it (provider-ends-shared-customer)" },
      404,
      { status: 409, description: 'The relationship is active, mail to the address bounced (set overrideBounce), or the delegated admin display name is in use' },
      { status: 422, description: "The address is outside the customer's organization (see qualifyingAddresses), or (US Government cloud) delegatedAdmin is missing" },
      429,
    ],
  },
  {
    operationId: 'getRelationshipLink', method: 'GET', path: '/v1/relationship-link', group: 'relationships',
    summary: "The partner's reusable relationship request link and a suggested email",
    auth: { kind: 'partner', action: 'invitations.manage' },
    response: { status: 200, schema: RelationshipLink, description: 'The link and email text' },
    errors: [
      { status: 409, description: 'The partner has no legal profile yet' },
      { status: 422, description: 'Not available in the US Government cloud, where every relationship includes delegated admin access' },
    ],
  },
  {
    operationId: 'endRelationship', method: 'POST', path: '/v1/customers/{customerId}/relationship/end', group: 'relationships',
    summary: 'End the reseller relationship (delegated admin access ends with it); a shared customer: the indirect provider ends both records',
    auth: { kind: 'partner', action: 'relationship.end' },
    request: { params: CustomerIdParams, body: EndRelationshipRequest },
    response: { status: 200, schema: Customer, description: 'The customer, now ended' },
    errors: [
      { status: 403, description: "The customer is shared with the partner's indirect provider, which ends it for both (provider-ends-shared-customer)" },
      404,
      { status: 409, description: 'The relationship has already ended, or the customer changed meanwhile' },
    ],
  },
  {
    operationId: 'listDelegatedAdmin', method: 'GET', path: '/v1/customers/{customerId}/delegated-admin', group: 'relationships',
    summary: "The customer's delegated admin relationships", auth: { kind: 'partner', action: 'customers.read' },
    request: { params: CustomerIdParams },
    response: { status: 200, schema: DelegatedAdminList, description: 'Every grant, newest first' },
    errors: [404],
  },
  {
    operationId: 'terminateDelegatedAdmin', method: 'POST', path: '/v1/customers/{customerId}/delegated-admin/terminate', group: 'relationships',
    summary: "End the partner's delegated admin access to the customer", auth: { kind: 'partner', action: 'delegatedAdmin.manage' },
    request: { params: CustomerIdParams },
    response: { status: 200, schema: DelegatedAdminList, description: 'The grants after termination' },
    errors: [404, { status: 409, description: 'No delegated admin access is active, or a grant changed meanwhile' }],
  },
] as const satisfies readonly RouteDef[];
