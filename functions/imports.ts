import { groupHandler } from '../shared/platform/http/handler.js';
import { readUpload } from '../shared/platform/http/request.js';
import { PARTNER_API } from '../shared/routes/partner-api.js';
import { importRoutes } from '../shared/routes/imports.js';
import { json, text } from '../shared/platform/http/response.js';
import * as imports from '../shared/customer-imports/index.js';

export const handler = groupHandler(importRoutes, PARTNER_API)({
  createCustomerImport: async ({ principal, query, headers, event }) => {
    const result = await imports.createImport(principal, readUpload(event, ['text/csv', 'application/json']), {
      idempotencyKey: headers['idempotency-key'],
      validateOnly: query.validateOnly === 'true',
      validationCode: query.validationCode,
    });
    if (result.kind === 'validation') return json(200, result.validation);
    return json(202, result.customerImport, {
      Location: imports.importLocation(result.customerImport.id),
      ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    });
  },
  listCustomerImports: async ({ principal, query }) => json(200, await imports.listImports(principal, query)),
  getCustomerImport: async ({ principal, params }) => json(200, await imports.getImport(principal, params.importId)),
  listCustomerImportRows: async ({ principal, params, query }) => json(200, await imports.listRows(principal, params.importId, query)),
  getCustomerImportResult: async ({ principal, params }) =>
    text(200, await imports.resultCsv(principal, params.importId), 'text/csv; charset=utf-8', { 'Content-Disposition': `attachment; filename="customer-import-${params.importId}.csv"` }),
  resendCustomerImportInvitations: async ({ principal, params, query }) => json(200, await imports.resendPending(principal, params.importId, query.continuationToken)),
});
