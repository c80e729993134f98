// The problems of customer imports; their statuses and titles are the edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';

export const CUSTOMER_IMPORTS_PROBLEM_CODES = ['customerImports.notFound', 'customerImports.rowDecided'] as const;
export type CustomerImportsProblemCode = (typeof CUSTOMER_IMPORTS_PROBLEM_CODES)[number];

const problem = problemMaker(CUSTOMER_IMPORTS_PROBLEM_CODES);

/** Another partner's import is simply not there for the caller. */
export const importNotFound = (importId: string) => problem('customerImports.notFound', `No customer import ${importId}.`);

/** The worker's: a row's change was refused because an earlier run decided the row (never an HTTP answer). */
export const rowDecided = (cause: unknown) => problem('customerImports.rowDecided', 'The row was decided by an earlier run; nothing was written.', { cause });
