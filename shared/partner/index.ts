// What other features, functions and scripts may use of partner; everything else in the folder is its own.
export { PartnerProfileItem, type PartnerProfileRecord, partnerProfileKey } from './entity.js';
export { type PartnerProblemCode, profileRequired } from './problems.js';
export { PartnerProfile, PartnerProfileInput } from './schemas.js';
export { findPartnerProfile } from './store.js';
export { ORGANIZATION_CREATORS, partnerRuleError } from './rules.js';
export { getPartnerProfile, putPartnerProfile } from './service.js';
