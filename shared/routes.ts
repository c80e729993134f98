// The route table: the one list of endpoints. The CDK stack, the local server and the OpenAPI
// document are all built from it, so they cannot drift apart.
import type { z } from 'zod';
import type { Action } from './platform/roles.js';
import { PartnerProfile, PartnerProfileInput } from './partner/schemas.js';
import {
  AgreementInput,
  Agreement,
  AgreementList,
  CreateCustomerRequest,
  Customer,
  CustomerIdParams,
  CustomerPage,
  DomainParams,
  ExportCustomersQuery,
  ListCustomersQuery,
  UpdateCustomerRequest,
} from './customers/schemas.js';
import { ActivityPage, ListActivityQuery } from './activity/schemas.js';
import { ProviderAuthorization, ProviderAuthorizationList, ProviderIdParams } from './indirect-providers/schemas.js';
import {
  CreateInvitationRequest,
  DelegatedAdminList,
  EndRelationshipRequest,
  Invitation,
  InvitationIdParams,
  InvitationPage,
  ListInvitationsQuery,
  ReinstateInvitationRequest,
  RelationshipLink,
  ResendQuery,
} from './invitations/schemas.js';
import { LinkTokenParams, RelationshipLinkParams } from './invitations/page-schemas.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** Each group is one Lambda function with its own entry file `functions/<group>.ts` and IAM role. */
export const FUNCTION_GROUPS = {
  partner: { description: 'Partner legal profile and indirect provider authorizations', data: 'readwrite' },
  customers: { description: 'Customers, domains, agreements, export', data: 'readwrite' },
  activity: { description: 'Activity log', data: 'read' },
  relationships: { description: 'Invitations, relationship end and reinstate, delegated admin', data: 'readwrite' },
  public: { description: 'Public invitation and relationship-request pages for customer admins', data: 'readwrite' },
  docs: { description: 'Health, OpenAPI document and API reference page', data: 'none' },
} as const;
export type FunctionGroup = keyof typeof FUNCTION_GROUPS;

export interface RouteDef {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/customers/{customerId}`. */
  path: string;
  group: FunctionGroup;
  summary: string;
  /** `partner`: a verified partner-user JWT is required and `action` is checked against the role table. */
  auth: { kind: 'partner'; action: Action } | { kind: 'public' };
  request?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
  /** Extra request headers the route reads (documented in OpenAPI). */
  headers?: readonly ('Idempotency-Key' | 'If-Match')[];
  response: { status: number; schema?: z.ZodType; contentType?: string; description: string };
}

export const routes = [
  {
    operationId: 'getPartnerProfile', method: 'GET', path: '/v1/partner', group: 'partner',
    summary: "Read the partner's legal profile", auth: { kind: 'partner', action: 'partner.read' },
    response: { status: 200, schema: PartnerProfile, description: 'The legal profile' },
  },
  {
    operationId: 'putPartnerProfile', method: 'PUT', path: '/v1/partner', group: 'partner',
    summary: "Create or replace the partner's legal profile", auth: { kind: 'partner', action: 'partner.write' },
    request: { body: PartnerProfileInput },
    response: { status: 200, schema: PartnerProfile, description: 'The stored legal profile' },
  },
  {
    operationId: 'listIndirectProviders', method: 'GET', path: '/v1/indirect-providers', group: 'partner',
    summary: 'Indirect providers this reseller has authorized', auth: { kind: 'partner', action: 'partner.read' },
    response: { status: 200, schema: ProviderAuthorizationList, description: 'The authorizations' },
  },
  {
    operationId: 'authorizeIndirectProvider', method: 'PUT', path: '/v1/indirect-providers/{providerId}', group: 'partner',
    summary: 'Authorize an indirect provider to create customers for this reseller',
    auth: { kind: 'partner', action: 'indirectLinks.manage' }, request: { params: ProviderIdParams },
    response: { status: 200, schema: ProviderAuthorization, description: 'The authorization' },
  },
  {
    operationId: 'removeIndirectProvider', method: 'DELETE', path: '/v1/indirect-providers/{providerId}', group: 'partner',
    summary: 'Remove an indirect provider (its customers stay where they are)',
    auth: { kind: 'partner', action: 'indirectLinks.manage' }, request: { params: ProviderIdParams },
    response: { status: 204, description: 'Removed' },
  },
  {
    operationId: 'createCustomer', method: 'POST', path: '/v1/customers', group: 'customers',
    summary: 'Create a new customer organization with a reseller relationship',
    auth: { kind: 'partner', action: 'customers.create' }, request: { body: CreateCustomerRequest },
    headers: ['Idempotency-Key'],
    response: { status: 201, schema: Customer, description: 'The new customer, with Location and ETag' },
  },
  {
    operationId: 'listCustomers', method: 'GET', path: '/v1/customers', group: 'customers',
    summary: 'List or search customers', auth: { kind: 'partner', action: 'customers.read' },
    request: { query: ListCustomersQuery },
    response: { status: 200, schema: CustomerPage, description: 'One page of customers' },
  },
  {
    operationId: 'exportCustomers', method: 'GET', path: '/v1/customers/export', group: 'customers',
    summary: 'Export every customer as CSV', auth: { kind: 'partner', action: 'customers.read' },
    request: { query: ExportCustomersQuery },
    response: { status: 200, contentType: 'text/csv', description: 'CSV with a header row; a large export comes in parts: follow Link rel="next" (or pass Continuation-Token back)' },
  },
  {
    operationId: 'getCustomer', method: 'GET', path: '/v1/customers/{customerId}', group: 'customers',
    summary: 'Read one customer', auth: { kind: 'partner', action: 'customers.read' },
    request: { params: CustomerIdParams },
    response: { status: 200, schema: Customer, description: 'The customer, with ETag' },
  },
  {
    operationId: 'updateCustomer', method: 'PATCH', path: '/v1/customers/{customerId}', group: 'customers',
    summary: "Update a customer's billing profile (JSON merge patch)",
    auth: { kind: 'partner', action: 'customers.billing.update' },
    request: { params: CustomerIdParams, body: UpdateCustomerRequest }, headers: ['If-Match'],
    response: { status: 200, schema: Customer, description: 'The updated customer, with its new ETag' },
  },
  {
    operationId: 'recordAgreement', method: 'POST', path: '/v1/customers/{customerId}/agreements', group: 'customers',
    summary: 'Record the customer agreement acceptance', auth: { kind: 'partner', action: 'customers.agreements.record' },
    request: { params: CustomerIdParams, body: AgreementInput },
    response: { status: 201, schema: Agreement, description: 'The recorded acceptance' },
  },
  {
    operationId: 'listAgreements', method: 'GET', path: '/v1/customers/{customerId}/agreements', group: 'customers',
    summary: "List a customer's agreement acceptances", auth: { kind: 'partner', action: 'customers.read' },
    request: { params: CustomerIdParams },
    response: { status: 200, schema: AgreementList, description: 'Every recorded acceptance, newest first' },
  },
  {
    operationId: 'checkDomain', method: 'HEAD', path: '/v1/domains/{domain}', group: 'customers',
    summary: 'Is a domain taken? 200 taken, 404 free', auth: { kind: 'partner', action: 'customers.read' },
    request: { params: DomainParams },
    response: { status: 200, description: 'Taken (404 when free)' },
  },
  {
    operationId: 'listActivity', method: 'GET', path: '/v1/activity', group: 'activity',
    summary: 'Read the activity log, newest first', auth: { kind: 'partner', action: 'activity.read' },
    request: { query: ListActivityQuery },
    response: { status: 200, schema: ActivityPage, description: 'One page of activity records' },
  },
  {
    operationId: 'createInvitation', method: 'POST', path: '/v1/invitations', group: 'relationships',
    summary: 'Invite an existing organization by email to a reseller relationship',
    auth: { kind: 'partner', action: 'invitations.manage' }, request: { body: CreateInvitationRequest },
    response: { status: 201, schema: Invitation, description: 'The invitation (its link goes only to the recipient)' },
  },
  {
    operationId: 'listInvitations', method: 'GET', path: '/v1/invitations', group: 'relationships',
    summary: 'List invitations, newest first', auth: { kind: 'partner', action: 'customers.read' },
    request: { query: ListInvitationsQuery },
    response: { status: 200, schema: InvitationPage, description: 'One page of invitations' },
  },
  {
    operationId: 'getInvitation', method: 'GET', path: '/v1/invitations/{invitationId}', group: 'relationships',
    summary: 'Read one invitation with its delivery state', auth: { kind: 'partner', action: 'customers.read' },
    request: { params: InvitationIdParams },
    response: { status: 200, schema: Invitation, description: 'The invitation' },
  },
  {
    operationId: 'resendInvitation', method: 'POST', path: '/v1/invitations/{invitationId}/resend', group: 'relationships',
    summary: 'Send a new link; the old one stops working', auth: { kind: 'partner', action: 'invitations.manage' },
    request: { params: InvitationIdParams, query: ResendQuery },
    response: { status: 200, schema: Invitation, description: 'The invitation, delivery queued again' },
  },
  {
    operationId: 'revokeInvitation', method: 'POST', path: '/v1/invitations/{invitationId}/revoke', group: 'relationships',
    summary: 'Withdraw a pending invitation', auth: { kind: 'partner', action: 'invitations.manage' },
    request: { params: InvitationIdParams },
    response: { status: 200, schema: Invitation, description: 'The revoked invitation' },
  },
  {
    operationId: 'reinstateCustomer', method: 'POST', path: '/v1/customers/{customerId}/invitations', group: 'relationships',
    summary: 'Invite an ended customer back (reinstate)', auth: { kind: 'partner', action: 'invitations.manage' },
    request: { params: CustomerIdParams, body: ReinstateInvitationRequest },
    response: { status: 201, schema: Invitation, description: 'The invitation' },
  },
  {
    operationId: 'getRelationshipLink', method: 'GET', path: '/v1/relationship-link', group: 'relationships',
    summary: "The partner's reusable relationship request link and a suggested email",
    auth: { kind: 'partner', action: 'invitations.manage' },
    response: { status: 200, schema: RelationshipLink, description: 'The link and email text' },
  },
  {
    operationId: 'endRelationship', method: 'POST', path: '/v1/customers/{customerId}/relationship/end', group: 'relationships',
    summary: 'End the reseller relationship (delegated admin access ends with it)',
    auth: { kind: 'partner', action: 'relationship.end' },
    request: { params: CustomerIdParams, body: EndRelationshipRequest },
    response: { status: 200, schema: Customer, description: 'The customer, now ended' },
  },
  {
    operationId: 'listDelegatedAdmin', method: 'GET', path: '/v1/customers/{customerId}/delegated-admin', group: 'relationships',
    summary: "The customer's delegated admin relationships", auth: { kind: 'partner', action: 'customers.read' },
    request: { params: CustomerIdParams },
    response: { status: 200, schema: DelegatedAdminList, description: 'Every grant, newest first' },
  },
  {
    operationId: 'terminateDelegatedAdmin', method: 'POST', path: '/v1/customers/{customerId}/delegated-admin/terminate', group: 'relationships',
    summary: "End the partner's delegated admin access to the customer", auth: { kind: 'partner', action: 'delegatedAdmin.manage' },
    request: { params: CustomerIdParams },
    response: { status: 200, schema: DelegatedAdminList, description: 'The grants after termination' },
  },
  {
    operationId: 'invitationPage', method: 'GET', path: '/invitations/{token}', group: 'public',
    summary: 'The invitation page the emailed link opens', auth: { kind: 'public' }, request: { params: LinkTokenParams },
    response: { status: 200, contentType: 'text/html', description: 'HTML page (404 / 410 page when the link cannot be used)' },
  },
  {
    operationId: 'invitationPageHead', method: 'HEAD', path: '/invitations/{token}', group: 'public',
    summary: 'As GET, without a body', auth: { kind: 'public' }, request: { params: LinkTokenParams },
    response: { status: 200, description: 'Status only' },
  },
  {
    operationId: 'acceptInvitation', method: 'POST', path: '/invitations/{token}/accept', group: 'public',
    summary: 'Accept (HTML form post)', auth: { kind: 'public' }, request: { params: LinkTokenParams },
    response: { status: 200, contentType: 'text/html', description: 'Confirmation page' },
  },
  {
    operationId: 'declineInvitation', method: 'POST', path: '/invitations/{token}/decline', group: 'public',
    summary: 'Decline (HTML form post)', auth: { kind: 'public' }, request: { params: LinkTokenParams },
    response: { status: 200, contentType: 'text/html', description: 'Confirmation page' },
  },
  {
    operationId: 'relationshipRequestPage', method: 'GET', path: '/relationship/{partnerId}/{signature}', group: 'public',
    summary: "The partner's reusable relationship request page", auth: { kind: 'public' }, request: { params: RelationshipLinkParams },
    response: { status: 200, contentType: 'text/html', description: 'HTML page' },
  },
  {
    operationId: 'requestRelationship', method: 'POST', path: '/relationship/{partnerId}/{signature}', group: 'public',
    summary: 'Send a one-time invitation to an admin address (HTML form post)', auth: { kind: 'public' },
    request: { params: RelationshipLinkParams },
    response: { status: 200, contentType: 'text/html', description: 'HTML page' },
  },
  {
    operationId: 'health', method: 'GET', path: '/health', group: 'docs', summary: 'Liveness',
    auth: { kind: 'public' }, response: { status: 200, description: 'Up' },
  },
  {
    operationId: 'openApiDocument', method: 'GET', path: '/v1/openapi.json', group: 'docs',
    summary: 'This API as OpenAPI 3.1', auth: { kind: 'public' },
    response: { status: 200, contentType: 'application/json', description: 'The OpenAPI document' },
  },
  {
    operationId: 'apiReference', method: 'GET', path: '/docs', group: 'docs', summary: 'Readable API reference',
    auth: { kind: 'public' }, response: { status: 200, contentType: 'text/html', description: 'HTML page' },
  },
] as const satisfies readonly RouteDef[];

export type Route = (typeof routes)[number];
export type OperationId = Route['operationId'];
export type RoutesOf<G extends FunctionGroup> = Extract<Route, { group: G }>;

export const routesOfGroup = <G extends FunctionGroup>(group: G): readonly RoutesOf<G>[] =>
  (routes as readonly Route[]).filter((r): r is RoutesOf<G> => r.group === group);
