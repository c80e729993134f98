// What other features, functions and scripts may use of delegated-admin; everything else in the folder is its own.
export { END_WARNING_DAYS, GRANT_STATES, GrantItem, GrantQueueItem, type GrantRecord, GrantView, grantItem, grantKeys, grantNameItem } from './entity.js';
export { type DelegatedAdminProblemCode, grantNameTaken, noActiveGrant } from './problems.js';
export { DELEGATED_ADMIN_ROLE_IDS, MAX_DELEGATED_ADMIN_DAYS, roleName } from './roles.js';
export { type GrantCleanupResult, processDelegatedAdminEndDates } from './cleanup.js';
export { grantEndWarningMail } from './end-warning-email.js';
