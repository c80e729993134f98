import { groupHandler } from '../shared/platform/http/handler.js';
import { PARTNER_API } from '../shared/routes/partner-api.js';
import { customerRoutes } from '../shared/routes/customers.js';
import { empty, json, text } from '../shared/platform/http/response.js';
import * as customers from '../shared/customers/index.js';
import * as purchasePermissions from '../shared/purchase-permissions/index.js';
import * as validationCodes from '../shared/validation-codes/index.js';

const withEtag = ({ customer, etag }: customers.CustomerResult, status = 200) => json(status, customer, { ETag: etag });

export const handler = groupHandler(customerRoutes, PARTNER_API)({
  createCustomer: async ({ principal, body, headers }) => {
    const result = await customers.createCustomer(principal, body, headers['idempotency-key']);
    if (result.replayed) return json(result.response.status, result.response.body, { ...result.response.headers, 'Idempotent-Replayed': 'true' });
    return json(201, result.customer, { ETag: result.etag, Location: customers.customerLocation(result.customer.id) });
  },
  listCustomers: async ({ principal, query }) => json(200, await customers.listCustomers(principal, query)),
  getCustomer: async ({ principal, params }) => withEtag(await customers.getCustomer(principal, params.customerId)),
  updateCustomer: async ({ principal, params, body, headers }) =>
    withEtag(await customers.updateCustomer(principal, params.customerId, body, headers['if-match'])),
  recordAgreement: async ({ principal, params, body }) => json(201, await customers.recordAgreement(principal, params.customerId, body)),
  listAgreements: async ({ principal, params }) => json(200, await customers.listAgreements(principal, params.customerId)),
  getPurchasePermissions: async ({ principal, params }) => {
    const { permissions, etag } = await purchasePermissions.getPurchasePermissions(principal, params.customerId);
    return json(200, permissions, { ETag: etag });
  },
  putPurchasePermission: async ({ principal, params, body, headers }) => {
    const { permissions, etag } = await purchasePermissions.putPurchasePermission(principal, params.customerId, params.type, body, headers['if-match']);
    return json(200, permissions, { ETag: etag });
  },
  createValidationCode: async ({ principal, body }) => json(201, await validationCodes.recordValidationCode(principal, body)),
  listValidationCodes: async ({ principal, query }) => json(200, await validationCodes.listValidationCodes(principal, query)),
  checkDomain: async ({ params }) => empty((await customers.isDomainTaken(params.domain)) ? 200 : 404),
  exportCustomers: async ({ principal, query }) => {
    const part = await customers.exportCustomersCsv(principal, query.continuationToken);
    return text(200, part.csv, 'text/csv; charset=utf-8', {
      'Content-Disposition': 'attachment; filename="customers.csv"',
      ...(part.continuationToken
        ? { Link: `</v1/customers/export?continuationToken=${part.continuationToken}>; rel="next"`, 'Continuation-Token': part.continuationToken }
        : {}),
    });
  },
});
