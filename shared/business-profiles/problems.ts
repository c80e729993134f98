// The problems of business profiles, in one place.
import { NotFoundError, ProblemError, StateConflictError, ValidationError } from '../platform/errors.js';
import { MAX_SEARCH_WORDS } from '../directory/entries.js';

export class LegalProfileRequiredError extends ProblemError {
  readonly status = 409;
  readonly slug = 'partner-profile-required';
  readonly title = 'The partner has no legal profile';
  constructor() {
    super("A business profile shows the company name of the partner's legal profile: a Global admin sets it first (PUT /v1/partner).");
  }
}

export const profileNotFound = (country: string) => new NotFoundError(`This partner has no business profile for ${country}.`);

export const changedMeanwhile = () =>
  new StateConflictError('The business profile or its directory listing was being changed by another request; nothing was saved. Send it again.');

export const addressOutsideCountry = (index: number, country: string) =>
  new ValidationError([{ path: `body.locations.${index}.address.country`, message: `must be ${country}: a business profile holds the locations in its own country` }]);

export const unknownLocation = (index: number, id: string) =>
  new ValidationError([{ path: `body.locations.${index}.id`, message: `this profile has no location ${id}; leave the id out for a new location` }]);

export const repeatedLocation = (index: number, id: string) =>
  new ValidationError([{ path: `body.locations.${index}.id`, message: `location ${id} is listed twice` }]);

export const tooManySearchWords = (count: number) =>
  new ValidationError([
    {
      path: 'body.solutions',
      message: `the expertise tags and solutions hold ${count} different words; the directory indexes at most ${MAX_SEARCH_WORDS} per profile`,
    },
  ]);
