// The problems of business profiles; statuses and titles are the edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';
import { MAX_SEARCH_WORDS } from '../directory/index.js';

export const BUSINESS_PROFILES_PROBLEM_CODES = [
  'businessProfiles.notFound',
  'businessProfiles.legalProfileRequired',
  'businessProfiles.changedMeanwhile',
  'businessProfiles.addressOutsideCountry',
  'businessProfiles.unknownLocation',
  'businessProfiles.repeatedLocation',
  'businessProfiles.tooManySearchWords',
] as const;
export type BusinessProfilesProblemCode = (typeof BUSINESS_PROFILES_PROBLEM_CODES)[number];

const problem = problemMaker(BUSINESS_PROFILES_PROBLEM_CODES);

const fieldProblem = (code: BusinessProfilesProblemCode, path: string, message: string) =>
  problem(code, 'One or more fields are not valid; see errors.', { errors: [{ path, message }] });

export const legalProfileRequired = () =>
  problem('businessProfiles.legalProfileRequired', "A business profile shows the company name of the partner's legal profile: a Global admin sets it first (PUT /v1/partner).");

export const profileNotFound = (country: string) => problem('businessProfiles.notFound', `This partner has no business profile for ${country}.`);

export const changedMeanwhile = (cause?: unknown) =>
  problem('businessProfiles.changedMeanwhile', 'The business profile or its directory listing was being changed by another request; nothing was saved. Send it again.', { cause });

export const addressOutsideCountry = (index: number, country: string) =>
  fieldProblem('businessProfiles.addressOutsideCountry', `body.locations.${index}.address.country`, `must be ${country}: a business profile holds the locations in its own country`);

export const unknownLocation = (index: number, id: string) =>
  fieldProblem('businessProfiles.unknownLocation', `body.locations.${index}.id`, `this profile has no location ${id}; leave the id out for a new location`);

export const repeatedLocation = (index: number, id: string) =>
  fieldProblem('businessProfiles.repeatedLocation', `body.locations.${index}.id`, `location ${id} is listed twice`);

export const tooManySearchWords = (count: number) =>
  fieldProblem(
    'businessProfiles.tooManySearchWords',
    'body.solutions',
    `the expertise tags and solutions hold ${count} different words; the directory indexes at most ${MAX_SEARCH_WORDS} per profile`,
  );
