import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

export interface CancellationReason {
  code: string;
  /** The item as it was, where the write asked for ReturnValuesOnConditionCheckFailure ALL_OLD. */
  item?: Record<string, unknown>;
}

/** Why each part of a cancelled transaction failed, in the order the parts were sent; else undefined. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => ({
    code: reason.Code ?? 'None',
    ...(reason.Item ? { item: unmarshall(reason.Item) } : {}),
  }));
}

export const failedCondition = (reasons: CancellationReason[], index: number): CancellationReason | undefined =>
  reasons[index]?.code === 'ConditionalCheckFailed' ? reasons[index] : undefined;
