// What other features, functions and scripts may use of business-profiles; everything else in the folder is its own.
export { type BusinessProfileRecord, LocationAddressItem, PublicProfileItem, businessProfileItem } from './entity.js';
export { type BusinessProfilesProblemCode } from './problems.js';
export { BusinessProfile, BusinessProfileInput, BusinessProfileList, CountryParams, CustomerSize, LocationAddress, PublicProfile, catalogueId } from './schemas.js';
export { type ProfileResult, deleteBusinessProfile, getBusinessProfile, listBusinessProfiles, putBusinessProfile, setPublished } from './service.js';
export { getProfile } from './store.js';
