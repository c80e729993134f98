// What other features, functions and scripts may use of relationships; everything else in the folder is its own.
export { type RelationshipsProblemCode } from './problems.js';
export { endRelationship, listDelegatedAdmin, reinstateCustomer, liveGrantsOf, relationshipEndParts, relationshipLink, relationshipLinkAvailable, requestRelationship, terminateDelegatedAdmin, verifyRelationshipLink } from './service.js';
