import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { db } from './client.js';

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

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** A part of a transaction with a name, so that a failed condition can be told by name. */
export interface LabelledPart<L extends string = string> {
  label: L;
  part: TransactItem;
}

export type TransactionOutcome<L extends string> =
  | { ok: true }
  | { ok: false; failed: Set<L>; oldItems: Partial<Record<L, Record<string, unknown>>>; conflict: boolean };

/** Runs the parts as one transaction; a cancellation comes back as the labels whose condition failed. */
export async function transact<L extends string>(parts: LabelledPart<L>[]): Promise<TransactionOutcome<L>> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: parts.map((p) => p.part) }));
    return { ok: true };
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    const failed = new Set<L>();
    const oldItems: Partial<Record<L, Record<string, unknown>>> = {};
    reasons.forEach((reason, i) => {
      if (reason.code !== 'ConditionalCheckFailed') return;
      failed.add(parts[i]!.label);
      if (reason.item) oldItems[parts[i]!.label] = reason.item;
    });
    const conflict = reasons.some((r) => r.code === 'TransactionConflict');
    if (failed.size === 0 && !conflict) throw error;
    return { ok: false, failed, oldItems, conflict };
  }
}
