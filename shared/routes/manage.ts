// The routes of the `manage` function, the customer admin's manage page: its Lambda entry imports only these, so
// the public function keeps none of what the page reads and writes (issue 12: each public function only what it uses).
import { EndFromCustomerForm, ManageGrantParams, ManageLinkParams, ManagePurchasePermissionParams, TerminateGrantForm, TurnOffPurchasePermissionForm } from '../customer-manage/index.js';
import type { RouteDef } from './route.js';

export const manageRoutes = [
  {
    operationId: 'customerManagePage', method: 'GET', path: '/manage/{token}', group: 'manage',
    summary: "The customer admin's manage page, from the link in the confirmation mail of an accepted invitation: the partner, the relationship, the delegated admin access, the purchase permissions", auth: { kind: 'public' },
    request: { params: ManageLinkParams },
    response: { status: 200, contentType: 'text/html', headers: ['Set-Cookie'], description: 'The page with its forms (end one admin access, turn one purchase permission off, end the relationship)' },
    errors: [
      { status: 404, description: 'Not a manage link of ours (also a malformed or forged one, or a link of another kind)' },
      { status: 410, description: 'The link was replaced by a newer one, revoked (the relationship was ended from this page) or expired, or the partner ended the relationship (a page that says so)' },
    ],
  },
  {
    operationId: 'endRelationshipFromCustomer', method: 'POST', path: '/manage/{token}/end', group: 'manage',
    summary: 'The customer admin ends the relationship (HTML form post): delegated admin access ends with it, the partner is mailed, the link stops working', auth: { kind: 'public' },
    request: { params: ManageLinkParams, form: EndFromCustomerForm },
    response: { status: 200, contentType: 'text/html', description: 'Ended' },
    errors: [
      { status: 400, headers: ['Set-Cookie?'], description: 'The form could not be read, or no reason was given: the page again, with a new form cookie' },
      { status: 403, description: 'The form is not from this page (cookie, csrf value or origin)' },
      404,
      409,
      { status: 410, description: 'The link no longer works, or the relationship has ended' },
    ],
  },
  {
    operationId: 'terminateGrantFromCustomer', method: 'POST', path: '/manage/{token}/grants/{grantId}/terminate', group: 'manage',
    summary: "The customer admin ends one delegated admin access (HTML form post); the partner is mailed", auth: { kind: 'public' },
    request: { params: ManageGrantParams, form: TerminateGrantForm },
    response: { status: 200, contentType: 'text/html', headers: ['Set-Cookie'], description: 'The page again, saying so' },
    errors: [
      400,
      { status: 403, description: 'The form is not from this page (cookie, csrf value or origin)' },
      { status: 404, description: 'No such link, or no such admin access of this customer' },
      { status: 409, headers: ['Set-Cookie?'], description: 'The admin access is no longer active (the page again, saying so), or it kept changing' },
      { status: 410, description: 'The link no longer works, or the relationship has ended' },
    ],
  },
  {
    operationId: 'turnOffPurchasePermissionFromCustomer', method: 'POST', path: '/manage/{token}/purchase-permissions/{type}/turn-off', group: 'manage',
    summary: 'The customer admin turns one purchase permission off (HTML form post); the partner is mailed', auth: { kind: 'public' },
    request: { params: ManagePurchasePermissionParams, form: TurnOffPurchasePermissionForm },
    response: { status: 200, contentType: 'text/html', headers: ['Set-Cookie'], description: 'The page again, saying so' },
    errors: [
      400,
      { status: 403, description: 'The form is not from this page (cookie, csrf value or origin)' },
      { status: 404, description: 'No such link, or no such purchase permission type' },
      { status: 409, headers: ['Set-Cookie?'], description: 'The permission is already off (the page again, saying so; nothing was written), or it kept changing' },
      { status: 410, description: 'The link no longer works, or the relationship has ended' },
    ],
  },
] as const satisfies readonly RouteDef[];
