// What other features, functions and scripts may use of organizations; everything else in the folder is its own.
export { type OrganizationRecord, domainItem, domainKey, organizationItem } from './entity.js';
export { claimOrganization, claimedDomains, findOrganizationByDomain, getOrganization, mayActFor, newOrganization, qualifyingAddresses, saveOrganization, withAdminContact } from './store.js';
