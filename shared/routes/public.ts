// The routes of the `public` function: its Lambda entry imports only these, so it bundles only their schemas.
import { LinkTokenParams, RelationshipLinkParams } from '../invitations/index.js';
import { AcceptForm, DeclineForm, RelationshipRequestForm } from '../invitations/index.js';
import { LocationPageParams } from '../directory/index.js';
import { ConfirmInformationRequestForm, InformationRequestForm } from '../information-requests/index.js';
import type { RouteDef } from './route.js';

export const publicPageRoutes = [
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
    operationId: 'partnershipInvitationPage', method: 'GET', path: '/reseller-invitations/{token}', group: 'public',
    summary: "The page a provider's partnership invitation links to: who invites, what authorizing grants, and how the reseller's Global admin accepts (opening it changes nothing)",
    auth: { kind: 'public' }, request: { params: LinkTokenParams },
    response: { status: 200, contentType: 'text/html', description: 'The invitation' },
    errors: [404, { status: 410, description: 'The link was replaced, accepted, revoked or expired' }],
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
      { status: 429, description: 'Too many requests from this network this minute or today, or through this link today, or too many pending invitations through the link, or this address has had its mail for today' },
    ],
  },
  {
    operationId: 'requestInformation', method: 'POST', path: '/directory/{partnerId}/{locationId}', group: 'public',
    summary: "Ask a directory location for information (HTML form post); the requester confirms their address by email before anything reaches the partner",
    auth: { kind: 'public' }, request: { params: LocationPageParams, form: InformationRequestForm },
    response: { status: 200, contentType: 'text/html', description: 'Check your email: a one-time confirmation link went to the address given (also when the honeypot field was filled: such a post is dropped without a word)' },
    errors: [
      { status: 400, headers: ['Set-Cookie?'], description: 'The form could not be read, or a field is not valid: then the location page again, fields marked, with a new form cookie' },
      { status: 403, description: 'The form is not from this page (cookie, csrf value or origin), or it was already sent once' },
      { status: 404, description: 'No published location with this address (also a malformed one)' },
      409,
      { status: 422, headers: ['Set-Cookie'], description: 'Sent sooner after the page was opened than a person fills the form in: the location page again, with a new form cookie' },
      { status: 429, description: 'Too many requests from this network, or to this partner, today' },
    ],
  },
  {
    operationId: 'informationRequestPage', method: 'GET', path: '/information-requests/{token}', group: 'public',
    summary: 'The page the confirmation mail links to: a button that confirms (opening the link confirms nothing)', auth: { kind: 'public' },
    request: { params: LinkTokenParams },
    response: { status: 200, contentType: 'text/html', headers: ['Set-Cookie'], description: 'The confirmation form' },
    errors: [404, { status: 410, description: 'The link was used, replaced by a newer one or expired, or the location is no longer listed' }],
  },
  {
    operationId: 'confirmInformationRequest', method: 'POST', path: '/information-requests/{token}', group: 'public',
    summary: "Confirm the request (HTML form post): it becomes an incoming referral for the location, whose contact is mailed", auth: { kind: 'public' },
    request: { params: LinkTokenParams, form: ConfirmInformationRequestForm },
    response: { status: 200, contentType: 'text/html', description: 'Sent: the partner has the request' },
    errors: [400, 403, 404, 409, { status: 410, description: 'The link was used, replaced by a newer one or expired, or the location is no longer listed' }],
  },
] as const satisfies readonly RouteDef[];
