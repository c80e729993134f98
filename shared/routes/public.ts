// The routes of the `public` function: its Lambda entry imports only these, so it bundles only their schemas.
import { LinkTokenParams, RelationshipLinkParams } from '../invitations/page-schemas.js';
import { AcceptForm, DeclineForm, RelationshipRequestForm } from '../invitations/schemas.js';
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
] as const satisfies readonly RouteDef[];
