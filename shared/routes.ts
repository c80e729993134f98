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
  AcceptForm,
  DeclineForm,
  RelationshipRequestForm,
} from './invitations/schemas.js';
import { Health, OpenApiDocument } from './platform/schemas.js';
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

/** Response headers the document describes; a trailing `?` marks one that only some of these answers carry. */
export type ResponseHeader = 'ETag' | 'Location' | 'Retry-After' | 'Link' | 'Continuation-Token' | 'Content-Disposition' | 'Set-Cookie' | 'Idempotent-Replayed' | 'WWW-Authenticate';
export type HeaderUse = ResponseHeader | `${ResponseHeader}?`;

export type ErrorStatus = 400 | 403 | 404 | 409 | 410 | 412 | 422 | 428 | 429;
/** An error answer of a route; the object form when it needs its own description or headers. */
export type ErrorAnswer = ErrorStatus | { status: ErrorStatus; description?: string; headers?: readonly HeaderUse[] };

export interface RouteDef {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/customers/{customerId}`. */
  path: string;
  group: FunctionGroup;
  summary: string;
  /** `partner`: a verified partner-user JWT is required and `action` is checked against the role table. */
  auth: { kind: 'partner'; action: Action } | { kind: 'public' };
  /** `form`: an HTML form post (url-encoded), which the operation reads itself; the others are validated before it runs. */
  request?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; form?: z.ZodType };
  /** Extra request headers the route reads (documented in OpenAPI). */
  headers?: readonly ('Idempotency-Key' | 'If-Match')[];
  response: { status: number; schema?: z.ZodType; contentType?: string; description: string; headers?: readonly HeaderUse[] };
  /**
   * Every error status the route's own code can answer. Those of the request pipeline come on top for a partner
   * route: 401 (authorizer) and 403 (role table), 400 when it validates input, 413 and 415 when it reads a JSON body.
   * 500 is never listed: it is a fault, not an answer.
   */
  errors: readonly ErrorAnswer[];
}

export const routes = [
  {
    operationId: 'getPartnerProfile', method: 'GET', path: '/v1/partner', group: 'partner',
    summary: "Read the partner's legal profile", auth: { kind: 'partner', action: 'partner.read' },
    response: { status: 200, schema: PartnerProfile, description: 'The legal profile' },
    errors: [{ status: 404, description: 'The partner has no legal profile yet' }],
  },
  {
    operationId: 'putPartnerProfile', method: 'PUT', path: '/v1/partner', group: 'partner',
    summary: "Create or replace the partner's legal profile", auth: { kind: 'partner', action: 'partner.write' },
    request: { body: PartnerProfileInput },
    response: { status: 200, schema: PartnerProfile, description: 'The stored legal profile' },
    errors: [{ status: 412, description: 'Another request changed the profile at the same time; send it again' }],
  },
  {
    operationId: 'listIndirectProviders', method: 'GET', path: '/v1/indirect-providers', group: 'partner',
    summary: 'Indirect providers this reseller has authorized', auth: { kind: 'partner', action: 'partner.read' },
    response: { status: 200, schema: ProviderAuthorizationList, description: 'The authorizations' },
    errors: [],
  },
  {
    operationId: 'authorizeIndirectProvider', method: 'PUT', path: '/v1/indirect-providers/{providerId}', group: 'partner',
    summary: 'Authorize an indirect provider to create customers for this reseller',
    auth: { kind: 'partner', action: 'indirectLinks.manage' }, request: { params: ProviderIdParams },
    response: { status: 200, schema: ProviderAuthorization, description: 'The authorization' },
    errors: [
      { status: 409, description: 'The partner has no legal profile yet' },
      { status: 422, description: 'The caller is not an indirect reseller, or the provider is not an indirect provider' },
    ],
  },
  {
    operationId: 'removeIndirectProvider', method: 'DELETE', path: '/v1/indirect-providers/{providerId}', group: 'partner',
    summary: 'Remove an indirect provider (its customers stay where they are)',
    auth: { kind: 'partner', action: 'indirectLinks.manage' }, request: { params: ProviderIdParams },
    response: { status: 204, description: 'Removed' },
    errors: [{ status: 404, description: 'Not an authorized provider of this partner' }],
  },
  {
    operationId: 'createCustomer', method: 'POST', path: '/v1/customers', group: 'customers',
    summary: 'Create a new customer organization with a reseller relationship',
    auth: { kind: 'partner', action: 'customers.create' }, request: { body: CreateCustomerRequest },
    headers: ['Idempotency-Key'],
    response: {
      status: 201, schema: Customer, headers: ['Location', 'ETag', 'Idempotent-Replayed?'],
      description: 'The new customer (Idempotent-Replayed: true when it is the stored answer to an earlier request with the same Idempotency-Key)',
    },
    errors: [
      { status: 409, description: 'The domain belongs to an existing organization (invite it instead), the partner has no legal profile, or a concurrent request (with the same Idempotency-Key) is in progress' },
      { status: 422, description: 'Outside the partner markets, associatedPartnerId names no eligible reseller, or the Idempotency-Key was used with another body' },
    ],
  },
  {
    operationId: 'listCustomers', method: 'GET', path: '/v1/customers', group: 'customers',
    summary: 'List or search customers', auth: { kind: 'partner', action: 'customers.read' },
    request: { query: ListCustomersQuery },
    response: { status: 200, schema: CustomerPage, description: 'One page of customers' },
    errors: [],
  },
  {
    operationId: 'exportCustomers', method: 'GET', path: '/v1/customers/export', group: 'customers',
    summary: 'Export every customer as CSV', auth: { kind: 'partner', action: 'customers.read' },
    request: { query: ExportCustomersQuery },
    response: {
      status: 200, contentType: 'text/csv', headers: ['Content-Disposition', 'Link?', 'Continuation-Token?'],
      description: 'CSV with a header row; a large export comes in parts: follow Link rel="next" (or pass Continuation-Token back)',
    },
    errors: [],
  },
  {
    operationId: 'getCustomer', method: 'GET', path: '/v1/customers/{customerId}', group: 'customers',
    summary: 'Read one customer', auth: { kind: 'partner', action: 'customers.read' },
    request: { params: CustomerIdParams },
    response: { status: 200, schema: Customer, headers: ['ETag'], description: 'The customer' },
    errors: [404],
  },
  {
    operationId: 'updateCustomer', method: 'PATCH', path: '/v1/customers/{customerId}', group: 'customers',
    summary: "Update a customer's billing profile (JSON merge patch)",
    auth: { kind: 'partner', action: 'customers.billing.update' },
    request: { params: CustomerIdParams, body: UpdateCustomerRequest }, headers: ['If-Match'],
    response: { status: 200, schema: Customer, headers: ['ETag'], description: 'The updated customer, with its new ETag' },
    errors: [404, { status: 409, description: 'The relationship has ended (read-only until reinstated), or the legal profile changed meanwhile' }, 412, { status: 422, description: 'The new country is outside the partner markets' }, 428],
  },
  {
    operationId: 'recordAgreement', method: 'POST', path: '/v1/customers/{customerId}/agreements', group: 'customers',
    summary: 'Record the customer agreement acceptance', auth: { kind: 'partner', action: 'customers.agreements.record' },
    request: { params: CustomerIdParams, body: AgreementInput },
    response: { status: 201, schema: Agreement, description: 'The recorded acceptance' },
    errors: [404, { status: 409, description: 'The relationship has ended (read-only until reinstated)' }],
  },
  {
    operationId: 'listAgreements', method: 'GET', path: '/v1/customers/{customerId}/agreements', group: 'customers',
    summary: "List a customer's agreement acceptances", auth: { kind: 'partner', action: 'customers.read' },
    request: { params: CustomerIdParams },
    response: { status: 200, schema: AgreementList, description: 'Every recorded acceptance, newest first' },
    errors: [404],
  },
  {
    operationId: 'checkDomain', method: 'HEAD', path: '/v1/domains/{domain}', group: 'customers',
    summary: 'Is a domain taken? 200 taken, 404 free', auth: { kind: 'partner', action: 'customers.read' },
    request: { params: DomainParams },
    response: { status: 200, description: 'Taken' },
    errors: [{ status: 404, description: 'Free' }],
  },
  {
    operationId: 'listActivity', method: 'GET', path: '/v1/activity', group: 'activity',
    summary: 'Read the activity log, newest first', auth: { kind: 'partner', action: 'activity.read' },
    request: { query: ListActivityQuery },
    response: { status: 200, schema: ActivityPage, description: 'One page of activity records' },
    errors: [],
  },
  {
    operationId: 'createInvitation', method: 'POST', path: '/v1/invitations', group: 'relationships',
    summary: 'Invite an existing organization by email to a reseller relationship',
    auth: { kind: 'partner', action: 'invitations.manage' }, request: { body: CreateInvitationRequest },
    response: { status: 201, schema: Invitation, headers: ['Location'], description: 'The invitation (its link goes only to the recipient)' },
    errors: [
      { status: 409, description: 'The partner has no legal profile, mail to the address bounced (set overrideBounce), or the delegated admin display name is in use' },
      { status: 422, description: 'The address is outside the named organization (see qualifyingAddresses), this partner may not create a new organization, or (US Government cloud) delegatedAdmin is missing' },
      429,
    ],
  },
  {
    operationId: 'listInvitations', method: 'GET', path: '/v1/invitations', group: 'relationships',
    summary: 'List invitations, newest first', auth: { kind: 'partner', action: 'customers.read' },
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
    summary: 'End the reseller relationship (delegated admin access ends with it)',
    auth: { kind: 'partner', action: 'relationship.end' },
    request: { params: CustomerIdParams, body: EndRelationshipRequest },
    response: { status: 200, schema: Customer, description: 'The customer, now ended' },
    errors: [404, { status: 409, description: 'The relationship has already ended, or the customer changed meanwhile' }],
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
  {
    operationId: 'invitationPage', method: 'GET', path: '/invitations/{token}', group: 'public',
    summary: 'The invitation page the emailed link opens', auth: { kind: 'public' }, request: { params: LinkTokenParams },
    response: { status: 200, contentType: 'text/html', headers: ['Set-Cookie'], description: 'The invitation with its accept and decline forms' },
    errors: [404, 410],
  },
  {
    operationId: 'invitationPageHead', method: 'HEAD', path: '/invitations/{token}', group: 'public',
    summary: 'As GET, without a body', auth: { kind: 'public' }, request: { params: LinkTokenParams },
    response: { status: 200, description: 'The link can be used' },
    errors: [404, 410],
  },
  {
    operationId: 'acceptInvitation', method: 'POST', path: '/invitations/{token}/accept', group: 'public',
    summary: 'Accept (HTML form post)', auth: { kind: 'public' }, request: { params: LinkTokenParams, form: AcceptForm },
    response: { status: 200, contentType: 'text/html', description: 'Confirmation page' },
    errors: [
      { status: 400, headers: ['Set-Cookie?'] },
      403,
      404,
      409,
      410,
      { status: 422, headers: ['Set-Cookie'], description: "The page again, fields marked: the domain, name or country do not match, the address is not one of the organization's mailboxes, or the partner may not create a new organization" },
    ],
  },
  {
    operationId: 'declineInvitation', method: 'POST', path: '/invitations/{token}/decline', group: 'public',
    summary: 'Decline (HTML form post)', auth: { kind: 'public' }, request: { params: LinkTokenParams, form: DeclineForm },
    response: { status: 200, contentType: 'text/html', description: 'Confirmation page' },
    errors: [{ status: 400, headers: ['Set-Cookie?'] }, 403, 404, 409, 410],
  },
  {
    operationId: 'relationshipRequestPage', method: 'GET', path: '/relationship/{partnerId}/{signature}', group: 'public',
    summary: "The partner's reusable relationship request page", auth: { kind: 'public' }, request: { params: RelationshipLinkParams },
    response: { status: 200, contentType: 'text/html', headers: ['Set-Cookie?'], description: 'The form (in the US Government cloud: a page saying the link is not available, without a form or cookie)' },
    errors: [404],
  },
  {
    operationId: 'requestRelationship', method: 'POST', path: '/relationship/{partnerId}/{signature}', group: 'public',
    summary: 'Send a one-time invitation to an admin address (HTML form post)', auth: { kind: 'public' },
    request: { params: RelationshipLinkParams, form: RelationshipRequestForm },
    response: { status: 200, contentType: 'text/html', description: 'Sent (also when mail to the address bounced before: an anonymous visitor does not learn that)' },
    errors: [
      { status: 400, headers: ['Set-Cookie?'] },
      { status: 403, description: 'The form is not from this page (cookie, csrf value or origin), or it was already sent once' },
      404,
      409,
      { status: 422, description: 'Not available in the US Government cloud (a page without a form)' },
      { status: 429, description: 'Too many requests from this network or through this link today, or too many pending invitations through the link, or this address has had its mail for today' },
    ],
  },
  {
    operationId: 'health', method: 'GET', path: '/health', group: 'docs', summary: 'Liveness',
    auth: { kind: 'public' }, response: { status: 200, schema: Health, description: 'Up' },
    errors: [],
  },
  {
    operationId: 'openApiDocument', method: 'GET', path: '/v1/openapi.json', group: 'docs',
    summary: 'This API as OpenAPI 3.1', auth: { kind: 'public' },
    response: { status: 200, schema: OpenApiDocument, description: 'The OpenAPI document' },
    errors: [],
  },
  {
    operationId: 'apiReference', method: 'GET', path: '/docs', group: 'docs', summary: 'Readable API reference',
    auth: { kind: 'public' }, response: { status: 200, contentType: 'text/html', description: 'HTML page' },
    errors: [],
  },
] as const satisfies readonly RouteDef[];

export type Route = (typeof routes)[number];
export type OperationId = Route['operationId'];
export type RoutesOf<G extends FunctionGroup> = Extract<Route, { group: G }>;

export const routesOfGroup = <G extends FunctionGroup>(group: G): readonly RoutesOf<G>[] =>
  (routes as readonly Route[]).filter((r): r is RoutesOf<G> => r.group === group);
