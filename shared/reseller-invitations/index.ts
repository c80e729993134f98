// What other features, functions and scripts may use of reseller-invitations; everything else in the folder is its own.
export { resellerInvitationMail } from './delivery.js';
export { renderPartnershipPage, renderPartnershipUnusablePage } from './pages.js';
export { type ResellerInvitationsProblemCode } from './problems.js';
export { CreateResellerInvitationRequest, ListResellerInvitationsQuery, ResellerInvitation, ResellerInvitationIdParams, ResellerInvitationPage } from './schemas.js';
export {
  acceptPartnership,
  createResellerInvitation,
  getResellerInvitation,
  listResellerInvitations,
  openPartnershipInvitation,
  resendResellerInvitation,
  revokeResellerInvitation,
} from './service.js';
