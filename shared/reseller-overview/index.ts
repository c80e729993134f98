// What functions may use of the overview of a link between an indirect provider and its reseller.
export { providerOverview, resellerOverview } from './service.js';
