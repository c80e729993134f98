// The route table: the one list of endpoints. The CDK stack, the local server and the OpenAPI
// document are all built from it, so they cannot drift apart.
import type { z } from 'zod';
import type { Action } from './roles.js';
import { PartnerProfile, PartnerProfileInput } from './schemas/partner.js';
import {
  AgreementInput,
  Agreement,
  AgreementList,
  CreateCustomerRequest,
  Customer,
  CustomerIdParams,
  CustomerPage,
  DomainParams,
  ListCustomersQuery,
  UpdateCustomerRequest,
} from './schemas/customer.js';
import { ActivityPage, ListActivityQuery } from './schemas/activity.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** Each group is one Lambda function with its own entry file `functions/<group>.ts` and IAM role. */
export const FUNCTION_GROUPS = {
  partner: { description: 'Partner legal profile', data: 'readwrite' },
  customers: { description: 'Customers, domains, agreements, export', data: 'readwrite' },
  activity: { description: 'Activity log', data: 'read' },
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
    response: { status: 200, contentType: 'text/csv', description: 'CSV with a header row' },
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

export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export const routesOfGroup = (group: FunctionGroup): readonly RouteDef[] =>
  (routes as readonly RouteDef[]).filter((r) => r.group === group);
