// What other features, functions and scripts may use of activity; everything else in the folder is its own.
export { activityItem, diff, listActivity } from './store.js';
export { ActivityPage, ListActivityQuery } from './schemas.js';
