// What other features, functions and scripts may use of customer imports; everything else in the folder is its own.
export { type CustomerImportsProblemCode } from './problems.js';
export { IMPORT_COLUMNS, MAX_IMPORT_ROWS } from './columns.js';
export { CustomerImport, CustomerImportPage, ImportIdParams, ImportQuery, ImportRowPage, ImportRowsRequest, ImportValidation, ListImportsQuery, ListRowsQuery, ResendQuery, ResendResult } from './schemas.js';
export { type Upload, createImport, getImport, importLocation, listImports, listRows, resendPending, resultCsv } from './service.js';
export { BATCH_ROWS, runImport } from './worker.js';
export { IMPORT_KIND, importKeys } from './entity.js';
export { dueImport, importPartnerId, isImportDue } from './stream-filter.js';
