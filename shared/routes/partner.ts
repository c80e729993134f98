// The routes of the `partner` function: its Lambda entry imports only these, so it bundles only their schemas.
import { AcceptPartnershipRequest, EndLinkRequest, IndirectResellerDetail, IndirectResellerList, ProviderAuthorization, ProviderAuthorizationDetail, ProviderAuthorizationList, ProviderIdParams, ResellerIdParams } from '../indirect-providers/index.js';
import { CreateResellerInvitationRequest, ListResellerInvitationsQuery, ResellerInvitation, ResellerInvitationIdParams, ResellerInvitationPage } from '../reseller-invitations/index.js';
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
    summary: "The reseller's indirect providers: active links and the last end of earlier ones", auth: { kind: 'partner', action: 'partner.read' },
    response: { status: 200, schema: ProviderAuthorizationList, description: 'The links, each with its state, since when and by whom' },
    errors: [],
  },
  {
    operationId: 'getIndirectProvider', method: 'GET', path: '/v1/indirect-providers/{providerId}', group: 'partner',
    summary: "The reseller's view of one provider: the link (active, or its last end), and counts of the customers, open referrals and pending joint invitations they share",
    auth: { kind: 'partner', action: 'partner.read' }, request: { params: ProviderIdParams },
    response: { status: 200, schema: ProviderAuthorizationDetail, description: 'The link with its counts' },
    errors: [{ status: 404, description: 'This partner has never authorized that provider' }],
  },
  {
    operationId: 'authorizeIndirectProvider', method: 'PUT', path: '/v1/indirect-providers/{providerId}', group: 'partner',
    summary: 'Authorize an indirect provider to create customers for this reseller (an active link is answered as it stands)',
    auth: { kind: 'partner', action: 'indirectLinks.manage' }, request: { params: ProviderIdParams },
    response: { status: 200, schema: ProviderAuthorization, description: 'The link' },
    errors: [
      { status: 409, description: 'The partner has no legal profile yet' },
      { status: 422, description: 'A pre-flight check failed, each with its own type: not-an-indirect-reseller, not-an-indirect-provider, provider-profile-required, indirect-market-mismatch; or a profile changed meanwhile (business-rule)' },
    ],
  },
  {
    operationId: 'acceptPartnershipInvitation', method: 'POST', path: '/v1/indirect-providers/accept', group: 'partner',
    summary: "Accept a provider's partnership invitation: authorizes the provider, consuming the invitation",
    auth: { kind: 'partner', action: 'indirectLinks.manage' }, request: { body: AcceptPartnershipRequest },
    response: { status: 200, schema: ProviderAuthorization, description: 'The new link' },
    errors: [
      { status: 409, description: 'The partner has no legal profile yet, or has already authorized this provider (the invitation stays pending)' },
      { status: 410, description: 'The link was never issued, or was replaced, used, revoked or expired' },
      { status: 422, description: 'A pre-flight check failed (see PUT /v1/indirect-providers/{providerId})' },
    ],
  },
  {
    operationId: 'removeIndirectProvider', method: 'DELETE', path: '/v1/indirect-providers/{providerId}', group: 'partner',
    summary: "End the link with an indirect provider, with a reason; the provider's primary contact is mailed (customers and delegated admin grants stay)",
    auth: { kind: 'partner', action: 'indirectLinks.manage' }, request: { params: ProviderIdParams, body: EndLinkRequest },
    response: { status: 204, description: 'Ended' },
    errors: [{ status: 404, description: 'Not an authorized provider of this partner' }],
  },
  {
    operationId: 'listIndirectResellers', method: 'GET', path: '/v1/indirect-resellers', group: 'partner',
    summary: "The provider's indirect resellers: active and ended links", auth: { kind: 'partner', action: 'partner.read' },
    response: { status: 200, schema: IndirectResellerList, description: 'The links, each with its state, since when and by whom' },
    errors: [],
  },
  {
    operationId: 'getIndirectReseller', method: 'GET', path: '/v1/indirect-resellers/{resellerId}', group: 'partner',
    summary: "The provider's view of one reseller: the link, and counts of the customers, open referrals and pending joint invitations they share", auth: { kind: 'partner', action: 'partner.read' }, request: { params: ResellerIdParams },
    response: { status: 200, schema: IndirectResellerDetail, description: 'The link with its counts' },
    errors: [{ status: 404, description: 'This reseller has never linked with this partner' }],
  },
  {
    operationId: 'endIndirectReseller', method: 'DELETE', path: '/v1/indirect-resellers/{resellerId}', group: 'partner',
    summary: "End the link with an indirect reseller, with a reason; the reseller's primary contact is mailed (customers and delegated admin grants stay)",
    auth: { kind: 'partner', action: 'indirectLinks.manage' }, request: { params: ResellerIdParams, body: EndLinkRequest },
    response: { status: 204, description: 'Ended' },
    errors: [{ status: 404, description: 'Not an active linked reseller of this partner' }],
  },
  {
    operationId: 'createResellerInvitation', method: 'POST', path: '/v1/reseller-invitations', group: 'partner',
    summary: "Invite a reseller by email to authorize this indirect provider (the mail carries a one-time link)",
    auth: { kind: 'partner', action: 'indirectLinks.manage' }, request: { body: CreateResellerInvitationRequest },
    response: { status: 201, schema: ResellerInvitation, headers: ['Location'], description: 'The invitation (its link goes only to the recipient)' },
    errors: [
      { status: 409, description: 'The partner has no legal profile yet' },
      { status: 422, description: 'The partner is not an indirect provider (not-an-indirect-provider)' },
      { status: 429, description: 'This address has received as many invitations today as allowed' },
    ],
  },
  {
    operationId: 'listResellerInvitations', method: 'GET', path: '/v1/reseller-invitations', group: 'partner',
    summary: 'Partnership invitations, newest first', auth: { kind: 'partner', action: 'partner.read' }, request: { query: ListResellerInvitationsQuery },
    response: { status: 200, schema: ResellerInvitationPage, description: 'One page of invitations' },
    errors: [],
  },
  {
    operationId: 'getResellerInvitation', method: 'GET', path: '/v1/reseller-invitations/{invitationId}', group: 'partner',
    summary: 'One partnership invitation, with its delivery state and who accepted it', auth: { kind: 'partner', action: 'partner.read' },
    request: { params: ResellerInvitationIdParams },
    response: { status: 200, schema: ResellerInvitation, description: 'The invitation' },
    errors: [404],
  },
  {
    operationId: 'resendResellerInvitation', method: 'POST', path: '/v1/reseller-invitations/{invitationId}/resend', group: 'partner',
    summary: 'Send a new link (the old one dies) and a new expiry', auth: { kind: 'partner', action: 'indirectLinks.manage' },
    request: { params: ResellerInvitationIdParams },
    response: { status: 200, schema: ResellerInvitation, description: 'The invitation' },
    errors: [404, { status: 409, description: 'The invitation is no longer pending, or changed meanwhile' }, { status: 429, description: 'This address has received as many invitations today as allowed' }],
  },
  {
    operationId: 'revokeResellerInvitation', method: 'POST', path: '/v1/reseller-invitations/{invitationId}/revoke', group: 'partner',
    summary: 'Withdraw a pending invitation: its link dies', auth: { kind: 'partner', action: 'indirectLinks.manage' },
    request: { params: ResellerInvitationIdParams },
    response: { status: 200, schema: ResellerInvitation, description: 'The revoked invitation' },
    errors: [404, { status: 409, description: 'The invitation is no longer pending, or changed meanwhile' }],
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
