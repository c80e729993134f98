// What functions may use of the reseller overview.
export { resellerOverview } from './service.js';
