// The problems of indirect provider links; statuses and titles are the edge's (shared/routes/problems.ts).
// Each pre-flight check of a link has a code, and a type, of its own: a client acts on which rule spoke.
import { problemMaker } from '../platform/errors.js';

export const INDIRECT_PROVIDERS_PROBLEM_CODES = [
  'indirectProviders.notAnIndirectReseller', 'indirectProviders.notAProvider', 'indirectProviders.providerProfileRequired', 'indirectProviders.marketMismatch',
  'indirectProviders.profileChanged', 'indirectProviders.notAuthorized', 'indirectProviders.resellerNotLinked', 'indirectProviders.alreadyLinked',
] as const;
export type IndirectProvidersProblemCode = (typeof INDIRECT_PROVIDERS_PROBLEM_CODES)[number];

const problem = problemMaker(INDIRECT_PROVIDERS_PROBLEM_CODES);

export const notAnIndirectReseller = () => problem('indirectProviders.notAnIndirectReseller', 'Only an indirect reseller authorizes indirect providers.');

export const notAProvider = (providerId: string) => problem('indirectProviders.notAProvider', `${providerId} is not an indirect provider.`);

export const providerProfileRequired = (providerId: string) =>
  problem('indirectProviders.providerProfileRequired', `${providerId} has no legal profile; an indirect provider needs one before it can be authorized.`);

export const marketMismatch = (providerId: string, country: string) =>
  problem('indirectProviders.marketMismatch', `${providerId} does not serve ${country}, the reseller's country: their markets must share it.`);

export const profileChanged = (cause: unknown) => problem('indirectProviders.profileChanged', 'A legal profile changed meanwhile; try again.', { cause });

export const providerNotAuthorized = (providerId: string, cause?: unknown) =>
  problem('indirectProviders.notAuthorized', `${providerId} is not an authorized indirect provider of this partner.`, { cause });

export const resellerNotLinked = (resellerId: string, cause?: unknown) =>
  problem('indirectProviders.resellerNotLinked', `${resellerId} is not a linked indirect reseller of this partner.`, { cause });

export const alreadyLinked = (providerId: string, cause?: unknown) =>
  problem('indirectProviders.alreadyLinked', `This partner has already authorized ${providerId}; the invitation is left pending.`, { cause });
