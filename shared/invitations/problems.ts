// The problems of invitations; statuses and titles are the edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';

export const INVITATIONS_PROBLEM_CODES = [
  'invitations.notFound', 'invitations.notPending', 'invitations.delegatedAdminRequired', 'invitations.delegatedAdminNotAllowed',
  'invitations.recipientOutsideOrganization', 'invitations.organizationCreationNotAllowed', 'invitations.relationshipActive', 'invitations.recipientBounced',
] as const;
export type InvitationsProblemCode = (typeof INVITATIONS_PROBLEM_CODES)[number];

const problem = problemMaker(INVITATIONS_PROBLEM_CODES);

export const invitationNotFound = (invitationId: string) => problem('invitations.notFound', `No invitation ${invitationId}.`);

export const notPending = (state: string, verb: 'resent' | 'revoked') =>
  problem('invitations.notPending', `The invitation is ${state}; only a pending invitation can be ${verb}.`);

export const delegatedAdminRequired = () =>
  problem('invitations.delegatedAdminRequired', 'In the US Government cloud a reseller relationship must include delegated admin access (delegatedAdmin).');

export const delegatedAdminNotAllowed = (action: 'request' | 'resend' | 'revoke') =>
  problem(
    'invitations.delegatedAdminNotAllowed',
    action === 'request'
      ? 'Only a Global admin or an Admin agent may request delegated admin access.'
      : `This invitation asks for delegated admin access; only a Global admin or an Admin agent may ${action} it.`,
  );

/**
 * Consent cannot be forged: a relationship with an existing organization comes only through a person who
 * controls one of its mailboxes. The caller is told which addresses qualify, with admin contacts masked.
 */
export function recipientOutsideOrganization(domain: string, qualifying: { domains: string[]; adminContacts: string[] }) {
  const at = qualifying.domains.map((d) => `@${d}`).join(', ');
  const contacts = qualifying.adminContacts.length ? `, or one of the admin contacts it recorded (${qualifying.adminContacts.join(', ')})` : '';
  return problem(
    'invitations.recipientOutsideOrganization',
    `The organization ${domain} already exists, and only a person who controls one of its mailboxes can accept for it. ` +
      `Invite an address at its domains (${at})${contacts}.`,
    { extensions: { qualifyingAddresses: qualifying } },
  );
}

export const organizationCreationNotAllowed = (domain: string, cause?: unknown) =>
  problem(
    'invitations.organizationCreationNotAllowed',
    `No organization has the domain ${domain} yet, and an indirect reseller cannot create organizations: its indirect provider creates them for it. ` +
      'Invite an existing organization, or ask your provider to create this one for you.',
    { cause },
  );

export const relationshipActive = (cause?: unknown) =>
  problem('invitations.relationshipActive', 'The relationship with this customer is active; only an ended relationship can be reinstated.', { cause });

export const recipientBounced = (cause?: unknown) =>
  problem('invitations.recipientBounced', 'Mail to this address bounced or was reported as spam. Check the address; to send anyway, set overrideBounce.', { cause });
