// What other features, functions and scripts may use of indirect-providers; everything else in the folder is its own.
export { END_REASONS, providerAuthorizationKey } from './entity.js';
export { linkEndedMail } from './ended-email.js';
export { type IndirectProvidersProblemCode } from './problems.js';
export { AcceptPartnershipRequest, EndLinkRequest, IndirectReseller, IndirectResellerDetail, IndirectResellerList, ProviderAuthorization, ProviderAuthorizationDetail, ProviderAuthorizationList, ProviderIdParams, ResellerIdParams } from './schemas.js';
export { authorizeProvider, checkProvider, endLink, getProvider, getReseller, linkProvider, listProviders, listResellers } from './service.js';
export { notAnIndirectReseller, providerNotAuthorized } from './problems.js';
export { getAuthorization } from './store.js';
