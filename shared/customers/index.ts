// What other features, functions and scripts may use of customers; everything else in the folder is its own.
export { AGREEMENT_TYPE, AddressItem, CustomerItem, type CustomerRecord, CustomerView, agreementItem, customerItems, customerKeys, tenantLinkItem } from './entity.js';
export { type CustomersProblemCode, customerNotFound } from './problems.js';
export { Address, Agreement, AgreementInput, AgreementList, CreateCustomerRequest, Customer, CustomerId, CustomerIdParams, CustomerPage, DomainParams, ExportCustomersQuery, IDEMPOTENCY_KEY, ListCustomersQuery, UpdateCustomerRequest } from './schemas.js';
export { csvCell } from './csv.js';
export { type CreateOptions, type CustomerResult, IDEMPOTENCY_TTL_SECONDS, countSharedCustomers, createCustomer, customerLocation, etagOf, exportCustomersCsv, getCustomer, isDomainTaken, listAgreements, listCustomers, recordAgreement, requestHash, updateCustomer, versionFromIfMatch } from './service.js';
export { type PartnerRules, customerVersionParts, findCustomer, getCustomerOfTenant, newCustomerPuts } from './store.js';
