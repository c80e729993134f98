// What other features, functions and scripts may use of indirect-providers; everything else in the folder is its own.
export { providerAuthorizationKey } from './entity.js';
export { type IndirectProvidersProblemCode } from './problems.js';
export { ProviderAuthorization, ProviderAuthorizationList, ProviderIdParams } from './schemas.js';
export { authorizeProvider, listProviders, removeProvider } from './service.js';
