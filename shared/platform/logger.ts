import { Logger } from '@aws-lambda-powertools/logger';

// One logger per process. Log ids and outcomes only: never tokens, emails, names or addresses.
export const logger = new Logger({ serviceName: 'reseller-accounts' });
