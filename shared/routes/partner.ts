// The routes of the `partner` function: its Lambda entry imports only these, so it bundles only their schemas.
import { ProviderAuthorization, ProviderAuthorizationList, ProviderIdParams } from '../indirect-providers/index.js';
import { PartnerProfile, PartnerProfileInput } from '../partner/index.js';
import { BusinessProfile, BusinessProfileInput, BusinessProfileList, CountryParams } from '../business-profiles/index.js';
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
  {
    operationId: 'listBusinessProfiles', method: 'GET', path: '/v1/business-profiles', group: 'partner',
    summary: "The partner's business profiles, one per country", auth: { kind: 'partner', action: 'businessProfile.read' },
    response: { status: 200, schema: BusinessProfileList, description: 'Every business profile, published or not' },
    errors: [],
  },
  {
    operationId: 'getBusinessProfile', method: 'GET', path: '/v1/business-profiles/{country}', group: 'partner',
    summary: 'Read the business profile of one country', auth: { kind: 'partner', action: 'businessProfile.read' },
    request: { params: CountryParams },
    response: { status: 200, schema: BusinessProfile, headers: ['ETag'], description: 'The business profile' },
    errors: [404],
  },
  {
    operationId: 'putBusinessProfile', method: 'PUT', path: '/v1/business-profiles/{country}', group: 'partner',
    summary: 'Create or replace the business profile of one country (a published one changes in the directory at once)',
    auth: { kind: 'partner', action: 'businessProfile.write' },
    request: { params: CountryParams, body: BusinessProfileInput }, headers: ['If-Match'],
    response: { status: 200, schema: BusinessProfile, headers: ['ETag'], description: 'The stored profile, with its new ETag' },
    errors: [
      { status: 409, description: 'The partner has no legal profile yet, or another change was under way (nothing was saved; send it again)' },
      { status: 412, description: 'If-Match does not match the current ETag, or If-Match was sent for a profile that does not exist' },
      { status: 428, description: 'The profile exists: send If-Match with its ETag' },
    ],
  },
  {
    operationId: 'deleteBusinessProfile', method: 'DELETE', path: '/v1/business-profiles/{country}', group: 'partner',
    summary: 'Delete the business profile of one country for good (it leaves the directory; referrals stay)',
    auth: { kind: 'partner', action: 'businessProfile.write' }, request: { params: CountryParams },
    response: { status: 204, description: 'Deleted' },
    errors: [404, { status: 409, description: 'Another change was under way; nothing was deleted, send it again' }, { status: 412, description: 'The profile changed while it was being deleted; read it and try again' }],
  },
  {
    operationId: 'publishBusinessProfile', method: 'POST', path: '/v1/business-profiles/{country}/publish', group: 'partner',
    summary: 'Show the profile in the public directory, at once', auth: { kind: 'partner', action: 'businessProfile.write' },
    request: { params: CountryParams },
    response: { status: 200, schema: BusinessProfile, headers: ['ETag'], description: 'The published profile' },
    errors: [404, { status: 409, description: 'Another change was under way; nothing was published, send it again' }, { status: 412, description: 'The profile changed meanwhile; send it again' }],
  },
  {
    operationId: 'unpublishBusinessProfile', method: 'POST', path: '/v1/business-profiles/{country}/unpublish', group: 'partner',
    summary: 'Take the profile out of the public directory, at once', auth: { kind: 'partner', action: 'businessProfile.write' },
    request: { params: CountryParams },
    response: { status: 200, schema: BusinessProfile, headers: ['ETag'], description: 'The profile, no longer published' },
    errors: [404, { status: 409, description: 'Another change was under way; nothing changed, send it again' }, { status: 412, description: 'The profile changed meanwhile; send it again' }],
  },
] as const satisfies readonly RouteDef[];
