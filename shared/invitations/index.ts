// What other features, functions and scripts may use of invitations; everything else in the folder is its own.
export { invitationMail, recordBounce } from './delivery.js';
export { type InvitationRecord, invitationItem } from './entity.js';
export { LinkTokenParams, RelationshipLinkParams } from './page-schemas.js';
export { type InvitationsProblemCode } from './problems.js';
export { CLEANUP_USER_ID, type CleanupResult, expireOverdueInvitations } from './cleanup.js';
export { type OpenInvitation, acceptInvitation, declineInvitation, openInvitation } from './customer-admin.js';
export { unlinkable } from './email.js';
export { renderDecisionPage, renderInvitationPage, renderJointRefusedPage, renderLinkUnusablePage, renderRelationshipRequestPage } from './pages.js';
export { AcceptForm, CreateInvitationRequest, DeclineForm, DelegatedAdminList, DelegatedAdminRequest, EndRelationshipRequest, Invitation, InvitationIdParams, InvitationPage, ListInvitationsQuery, ReinstateInvitationRequest, RelationshipLink, RelationshipRequestForm, ResendQuery } from './schemas.js';
export { createInvitation, getInvitation, rateLimitError, recipientAllowance, listInvitations, resendInvitation, revokeInvitation } from './service.js';
export { type GrantQueueEntry, activeGrantsDue, countPendingJointInvitations, autoExtends, effectiveGrant, extendedEnd, getGrant, listGrantsOfCustomer, terminateGrant, terminatedGrant, unshardedActiveLeft } from './store.js';
