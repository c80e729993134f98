// What other features, functions and scripts may use of activity; everything else in the folder is its own.
export { ActivityPage, ListActivityQuery } from './schemas.js';
export { activityItem, diff, listActivity } from './store.js';
