import { array, globalRegistry, int, maximum, meta, minimum, number, object, optional, strictObject, string } from '../platform/zod.js';
import type { infer as Infer } from '../platform/zod.js';
import { ContinuationToken, IsoDateTime, Limit, ValidationCode } from '../platform/schemas.js';


export const CreateValidationCodeRequest = strictObject({
  code: ValidationCode,
  allowedCreations: number().check(int(), minimum(1), maximum(100_000), meta({ description: 'How many new customers the code allows' })),
}).register(globalRegistry, { id: 'CreateValidationCodeRequest' });
export type CreateValidationCodeRequest = Infer<typeof CreateValidationCodeRequest>;

export const ValidationCodeSummary = object({
  maskedCode: string().check(meta({ description: 'The code with all but its last 4 characters hidden' })),
  allowedCreations: number(),
  remainingCreations: number(),
  createdAt: IsoDateTime,
  createdBy: string(),
}).register(globalRegistry, { id: 'ValidationCode' });
export type ValidationCodeSummary = Infer<typeof ValidationCodeSummary>;

export const ValidationCodePage = object({ items: array(ValidationCodeSummary), continuationToken: optional(string()) }).register(globalRegistry, { id: 'ValidationCodePage' });

export const ListValidationCodesQuery = strictObject({ limit: Limit, continuationToken: optional(ContinuationToken) });
