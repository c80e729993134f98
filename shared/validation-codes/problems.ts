// The problems of US Government validation codes; statuses and titles are the edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';

export const VALIDATION_CODES_PROBLEM_CODES = [
  'validationCodes.required',
  'validationCodes.unknown',
  'validationCodes.spent',
  'validationCodes.notInThisCloud',
  'validationCodes.alreadyRecorded',
] as const;
export type ValidationCodesProblemCode = (typeof VALIDATION_CODES_PROBLEM_CODES)[number];

const problem = problemMaker(VALIDATION_CODES_PROBLEM_CODES);

export const codeRequired = () =>
  problem(
    'validationCodes.required',
    'In the US Government cloud a new customer needs a government validation code issued to the partner: name one in validationCode (GET /v1/validation-codes lists those recorded).',
  );

export const codeUnknown = (cause?: unknown) =>
  problem('validationCodes.unknown', 'validationCode names no code this partner has recorded (POST /v1/validation-codes records one).', { cause });

export const codeSpent = (maskedCode: string, cause?: unknown) =>
  problem('validationCodes.spent', `The validation code ${maskedCode} allows no more customer creations. Name another code, or record a new one.`, { cause });

export const codeTooSmall = (maskedCode: string, remaining: number, needed: number) =>
  problem(
    'validationCodes.spent',
    `The validation code ${maskedCode} allows ${remaining} more customer creations; the file would create ${needed}. Name another code, record a new one, or send fewer new customers.`,
  );

export const notInThisCloud = () =>
  problem('validationCodes.notInThisCloud', 'validationCode applies only in the US Government cloud; leave it out here.');

export const alreadyRecorded = (cause?: unknown) => problem('validationCodes.alreadyRecorded', 'This validation code is already recorded.', { cause });
