// What other features, functions and scripts may use of directory; everything else in the folder is its own.
export { renderDirectoryPage, renderLocationPage } from './pages.js';
export { type RerankResult, rerankAnsweredPartners } from './ranking.js';
export { findLocation, searchDirectory } from './service.js';
export { responseTimeAdded, responseTimeUnchanged, toResponseTime } from './store.js';
export { responseTimeKey } from './entity.js';
export { MAX_SEARCH_WORDS, type PublishedProfile, type ResponseTime, directoryItems, directoryKeys, locationPath, profileWords } from './entries.js';
export { DirectoryLocation, DirectoryPage, DirectoryQuery, LocationPageParams } from './schemas.js';
