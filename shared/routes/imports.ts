// The routes of the `imports` function: its Lambda entry imports only these, so it bundles only their schemas.
import { CustomerImport, CustomerImportPage, ImportIdParams, ImportQuery, ImportRowPage, ImportRowsRequest, ImportValidation, ListImportsQuery, ListRowsQuery, ResendQuery, ResendResult } from '../customer-imports/index.js';
import type { RouteDef } from './route.js';

export const importRoutes = [
  {
    operationId: 'createCustomerImport', method: 'POST', path: '/v1/customer-imports', group: 'imports',
    summary: 'Import existing customers from a file (CSV or JSON, up to 5,000 rows); rows are processed in the background',
    auth: { kind: 'partner', action: 'customers.create' }, request: { query: ImportQuery, upload: ImportRowsRequest },
    headers: ['Idempotency-Key'],
    response: {
      status: 202, schema: CustomerImport, headers: ['Location?', 'Idempotent-Replayed?'],
      description: 'The import, stored and queued, with every error of every invalid row (those rows get the outcome invalid)',
      alternative: { status: 200, schema: ImportValidation, description: 'validateOnly=true: every row checked, every error listed; nothing stored' },
    },
    errors: [
      { status: 409, description: 'The partner has no legal profile' },
      { status: 413, description: 'The body is over 6 MB, or the file has more than 5,000 rows' },
      {
        status: 422,
        description:
          'The Idempotency-Key was used with another file; or (US Government cloud) rows would create new customers and no validation code is named, the code is not recorded, or it has fewer creations left than those rows; or a code is named outside the US Government cloud',
      },
    ],
  },
  {
    operationId: 'listCustomerImports', method: 'GET', path: '/v1/customer-imports', group: 'imports',
    summary: 'List customer imports, newest first', auth: { kind: 'partner', action: 'customers.read' },
    request: { query: ListImportsQuery },
    response: { status: 200, schema: CustomerImportPage, description: 'One page of imports with their progress' },
    errors: [],
  },
  {
    operationId: 'getCustomerImport', method: 'GET', path: '/v1/customer-imports/{importId}', group: 'imports',
    summary: 'Read one import: its state, counts per outcome and progress', auth: { kind: 'partner', action: 'customers.read' },
    request: { params: ImportIdParams },
    response: { status: 200, schema: CustomerImport, description: 'The import' },
    errors: [404],
  },
  {
    operationId: 'listCustomerImportRows', method: 'GET', path: '/v1/customer-imports/{importId}/rows', group: 'imports',
    summary: "Page through an import's rows and their outcomes", auth: { kind: 'partner', action: 'customers.read' },
    request: { params: ImportIdParams, query: ListRowsQuery },
    response: { status: 200, schema: ImportRowPage, description: 'One page of rows, in file order' },
    errors: [404],
  },
  {
    operationId: 'getCustomerImportResult', method: 'GET', path: '/v1/customer-imports/{importId}/result.csv', group: 'imports',
    summary: 'Every row as sent, with its outcome, customerId and errors, as CSV', auth: { kind: 'partner', action: 'customers.read' },
    request: { params: ImportIdParams },
    response: { status: 200, contentType: 'text/csv', headers: ['Content-Disposition'], description: 'CSV with a header row; spreadsheet-formula safe; outcome pending while undecided' },
    errors: [404],
  },
  {
    operationId: 'resendCustomerImportInvitations', method: 'POST', path: '/v1/customer-imports/{importId}/resend', group: 'imports',
    summary: "Mail the import's pending invitations again, 50 a request", auth: { kind: 'partner', action: 'invitations.manage' },
    request: { params: ImportIdParams, query: ResendQuery },
    response: { status: 200, schema: ResendResult, description: 'How many were mailed and refused; continuationToken while more remain' },
    errors: [404],
  },
] as const satisfies readonly RouteDef[];
