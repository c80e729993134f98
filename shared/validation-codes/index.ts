// What other features, functions and scripts may use of validation-codes; everything else in the folder is its own.
export { validationCodeKeys } from './entity.js';
export { type ValidationCodesProblemCode } from './problems.js';
export { CreateValidationCodeRequest, ListValidationCodesQuery, ValidationCodePage, ValidationCodeSummary } from './schemas.js';
export { type CodeReference, type CodeSpend, checkCodeAllows, listValidationCodes, recordValidationCode, validationCodeSpend } from './service.js';
