// What other features, functions and scripts may use of customer-manage; everything else in the folder is its own.
// The modules that import no other feature come first (see shared/invitations' use of manageLinkParts).
export { ManageGrantParams, ManageLinkParams, ManagePurchasePermissionParams, EndFromCustomerForm, TerminateGrantForm, TurnOffPurchasePermissionForm } from './page-schemas.js';
export { type AcceptedRelationship, manageLinkParts } from './issue.js';
export { manageConfirmationMail } from './confirmation-email.js';
export { customerChangeMail } from './partner-notice-email.js';
export { tManage } from './messages.js';
export { type ManagedGrant, renderEndedByCustomerPage, renderManageLinkUnusablePage, renderManagePage, renderRelationshipEndedPage } from './pages.js';
export { type ManageLookup, type OpenManageLink, endFromCustomer, managedGrants, managedPurchasePermissions, openManageLink, terminateGrantFromCustomer, turnOffPurchasePermissionFromCustomer } from './service.js';
