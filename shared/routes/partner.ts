// The routes of the `partner` function: its Lambda entry imports only these, so it bundles only their schemas.
import { ProviderAuthorization, ProviderAuthorizationList, ProviderIdParams } from '../indirect-providers/schemas.js';
import { PartnerProfile, PartnerProfileInput } from '../partner/schemas.js';
import type { RouteDef } from './route.js';

export const partnerRoutes = [
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
    errors: [
      { status: 409, description: 'Another write to the profile was under way; nothing was saved' },
      { status: 412, description: 'Another request changed the profile at the same time; send it again' },
    ],
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
] as const satisfies readonly RouteDef[];
