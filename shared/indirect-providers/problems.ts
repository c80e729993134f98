// The problems of indirect provider authorizations; statuses and titles are the edge's (shared/routes/problems.ts).
import { problemMaker } from '../platform/errors.js';

export const INDIRECT_PROVIDERS_PROBLEM_CODES = ['indirectProviders.notAnIndirectReseller', 'indirectProviders.notAProvider', 'indirectProviders.profileChanged', 'indirectProviders.notAuthorized'] as const;
export type IndirectProvidersProblemCode = (typeof INDIRECT_PROVIDERS_PROBLEM_CODES)[number];

const problem = problemMaker(INDIRECT_PROVIDERS_PROBLEM_CODES);

export const notAnIndirectReseller = () => problem('indirectProviders.notAnIndirectReseller', 'Only an indirect reseller authorizes indirect providers.');

export const notAProvider = (providerId: string) => problem('indirectProviders.notAProvider', `${providerId} is not an indirect provider.`);

export const profileChanged = (cause: unknown) => problem('indirectProviders.profileChanged', 'A legal profile changed meanwhile; try again.', { cause });

export const providerNotAuthorized = (providerId: string, cause: unknown) =>
  problem('indirectProviders.notAuthorized', `${providerId} is not an authorized indirect provider of this partner.`, { cause });
