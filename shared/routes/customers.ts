// The routes of the `customers` function: its Lambda entry imports only these, so it bundles only their schemas.
import { Agreement, AgreementInput, AgreementList, CreateCustomerRequest, Customer, CustomerIdParams, CustomerPage, DomainParams, ExportCustomersQuery, ListCustomersQuery, UpdateCustomerRequest } from '../customers/index.js';
import { PurchasePermissionParams, PurchasePermissions, PutPurchasePermissionRequest } from '../purchase-permissions/index.js';
import { CreateValidationCodeRequest, ListValidationCodesQuery, ValidationCodePage, ValidationCodeSummary } from '../validation-codes/index.js';
import type { RouteDef } from './route.js';

export const customerRoutes = [
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
      {
        status: 422,
        description:
          'Outside the partner markets, associatedPartnerId names no eligible reseller, the Idempotency-Key was used with another body, ' +
          'or (US Government cloud) validationCode is missing, unknown or spent; elsewhere validationCode is refused',
      },
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
    errors: [404, { status: 409, description: 'The relationship has ended (read-only until reinstated), or another write to the customer was under way' }],
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
    operationId: 'getPurchasePermissions', method: 'GET', path: '/v1/customers/{customerId}/purchase-permissions', group: 'customers',
    summary: "The customer's purchase permissions (Azure reservations, Azure savings plans)", auth: { kind: 'partner', action: 'purchasePermissions.read' },
    request: { params: CustomerIdParams },
    response: { status: 200, schema: PurchasePermissions, headers: ['ETag'], description: 'Both types; a type never turned on is off' },
    errors: [404],
  },
  {
    operationId: 'putPurchasePermission', method: 'PUT', path: '/v1/customers/{customerId}/purchase-permissions/{type}', group: 'customers',
    summary: 'Let the customer buy one type itself, or stop it', auth: { kind: 'partner', action: 'purchasePermissions.write' },
    request: { params: PurchasePermissionParams, body: PutPurchasePermissionRequest }, headers: ['If-Match'],
    response: { status: 200, schema: PurchasePermissions, headers: ['ETag'], description: 'Both types after the change, with the new ETag' },
    errors: [
      404,
      { status: 409, description: 'The relationship has ended, the partner has no legal profile, or another write to the customer was under way' },
      412,
      { status: 422, description: 'The partner is not a bill-to partner (directBill, indirectProvider), so it cannot turn one on' },
      { status: 428, description: 'The customer has purchase permissions (once turned on or off): send If-Match' },
    ],
  },
  {
    operationId: 'createValidationCode', method: 'POST', path: '/v1/validation-codes', group: 'customers',
    summary: 'Record a US Government validation code issued to the partner', auth: { kind: 'partner', action: 'validationCodes.write' },
    request: { body: CreateValidationCodeRequest },
    response: { status: 201, schema: ValidationCodeSummary, description: 'The code, masked, with its creations' },
    errors: [{ status: 409, description: 'The code is already recorded' }],
  },
  {
    operationId: 'listValidationCodes', method: 'GET', path: '/v1/validation-codes', group: 'customers',
    summary: 'The recorded US Government validation codes, masked, with the creations left', auth: { kind: 'partner', action: 'validationCodes.read' },
    request: { query: ListValidationCodesQuery },
    response: { status: 200, schema: ValidationCodePage, description: 'One page of codes' },
    errors: [],
  },
] as const satisfies readonly RouteDef[];
