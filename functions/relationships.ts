import { groupHandler } from '../shared/platform/http/handler.js';
import { PARTNER_API } from '../shared/routes/partner-api.js';
import { relationshipRoutes } from '../shared/routes/relationships.js';
import { json } from '../shared/platform/http/response.js';
import * as invitations from '../shared/invitations/index.js';
import * as relationships from '../shared/relationships/index.js';

const invitationLocation = (id: string) => `/v1/invitations/${id}`;

export const handler = groupHandler(relationshipRoutes, PARTNER_API)({
  createInvitation: async ({ principal, body }) => {
    const invitation = await invitations.createInvitation(principal, body);
    return json(201, invitation, { Location: invitationLocation(invitation.id) });
  },
  reinstateCustomer: async ({ principal, params, body }) => {
    const invitation = await relationships.reinstateCustomer(principal, params.customerId, body);
    return json(201, invitation, { Location: invitationLocation(invitation.id) });
  },
  listInvitations: async ({ principal, query }) => json(200, await invitations.listInvitations(principal, query)),
  getInvitation: async ({ principal, params }) => json(200, await invitations.getInvitation(principal, params.invitationId)),
  resendInvitation: async ({ principal, params, query }) =>
    json(200, await invitations.resendInvitation(principal, params.invitationId, query.overrideBounce === 'true')),
  revokeInvitation: async ({ principal, params }) => json(200, await invitations.revokeInvitation(principal, params.invitationId)),
  getRelationshipLink: async ({ principal }) => json(200, await relationships.relationshipLink(principal)),
  endRelationship: async ({ principal, params, body }) => json(200, await relationships.endRelationship(principal, params.customerId, body.reason)),
  listDelegatedAdmin: async ({ principal, params }) => json(200, await relationships.listDelegatedAdmin(principal, params.customerId)),
  terminateDelegatedAdmin: async ({ principal, params }) => json(200, await relationships.terminateDelegatedAdmin(principal, params.customerId)),
});
