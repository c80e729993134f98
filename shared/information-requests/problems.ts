// The problems of the directory's request-for-information form; statuses and titles are the edge's
// (shared/routes/problems.ts). The pages answer them in HTML.
import { problemMaker } from '../platform/errors.js';

export const INFORMATION_REQUESTS_PROBLEM_CODES = [
  'informationRequests.locationNotFound',
  'informationRequests.formAlreadyUsed',
  'informationRequests.sentTooSoon',
  'informationRequests.linkGone',
] as const;
export type InformationRequestsProblemCode = (typeof INFORMATION_REQUESTS_PROBLEM_CODES)[number];

const problem = problemMaker(INFORMATION_REQUESTS_PROBLEM_CODES);

/** Never published, unpublished or deleted, or another partner's id: the same for a visitor. */
export const locationNotFound = () => problem('informationRequests.locationNotFound', 'No published directory location with this address.');

/** Each view of the form serves one request. */
export const formAlreadyUsed = (cause?: unknown) =>
  problem('informationRequests.formAlreadyUsed', 'Each form serves one request. Reload the page to send another.', { cause });

/** Posted sooner after the page was made than a person fills the form in: a script, most likely. */
export const sentTooSoon = (minSeconds: number) =>
  problem('informationRequests.sentTooSoon', `The form was sent less than ${minSeconds} seconds after the page was opened. Check it and send it again.`);

/** The confirmation link was used, expired, replaced by a newer one, or its location is no longer listed. */
export const linkGone = (cause?: unknown) => problem('informationRequests.linkGone', 'This confirmation link can no longer be used.', { cause });
