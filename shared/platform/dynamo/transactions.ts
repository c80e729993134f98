import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { db, tableName } from './client.js';
import { TTL_ATTRIBUTE } from './table-definition.js';
import { utcDay } from '../clock.js';
import type { Problem } from '../errors.js';

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
  /** `cause`: the cancellation, for the problem a caller makes of it. */
  | { ok: false; failed: Set<L>; oldItems: Partial<Record<L, Record<string, unknown>>>; conflict: boolean; cause: unknown };

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
    return { ok: false, failed, oldItems, conflict, cause: error };
  }
}

// Builders of the parts that features combine into their transactions.

const table = () => tableName();

/** Puts the new version of a record that was read at `expectedVersion` (none: must not exist yet). */
export function putVersioned<L extends string>(label: L, item: Record<string, unknown> & { version: number }, expectedVersion?: number): LabelledPart<L> {
  return {
    label,
    part: {
      Put: {
        TableName: table(),
        Item: item,
        ...(expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
      },
    },
  };
}

export const put = <L extends string>(label: L, item: Record<string, unknown>): LabelledPart<L> => ({ label, part: { Put: { TableName: table(), Item: item } } });

export const putNew = <L extends string>(label: L, item: Record<string, unknown>): LabelledPart<L> => ({
  label,
  part: { Put: { TableName: table(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
});

export const remove = <L extends string>(label: L, key: { pk: string; sk: string }): LabelledPart<L> => ({ label, part: { Delete: { TableName: table(), Key: key } } });

export const mustNotExist = <L extends string>(label: L, key: { pk: string; sk: string }): LabelledPart<L> => ({
  label,
  part: { ConditionCheck: { TableName: table(), Key: key, ConditionExpression: 'attribute_not_exists(pk)' } },
});

/** Adds `delta` to a counter; an increase is refused once the counter is at `max`. */
export function count<L extends string>(label: L, key: { pk: string; sk: string }, delta: number, options: { max?: number; expiresAtEpoch?: number } = {}): LabelledPart<L> {
  const limited = delta > 0 && options.max !== undefined;
  return {
    label,
    part: {
      Update: {
        TableName: table(),
        Key: key,
        UpdateExpression: `ADD #count :delta${options.expiresAtEpoch ? ' SET #ttl = :ttl' : ''}`,
        ...(limited ? { ConditionExpression: 'attribute_not_exists(#count) OR #count < :max' } : {}),
        ExpressionAttributeNames: { '#count': 'count', ...(options.expiresAtEpoch ? { '#ttl': TTL_ATTRIBUTE } : {}) },
        ExpressionAttributeValues: {
          ':delta': delta,
          ...(limited ? { ':max': options.max } : {}),
          ...(options.expiresAtEpoch ? { ':ttl': options.expiresAtEpoch } : {}),
        },
      },
    },
  };
}

/** One more use of a UTC day's allowance, refused at `max`; the counter outlives its day by one, then TTL removes it. */
export const dailyAllowance = <L extends string>(label: L, key: { pk: string; sk: string }, max: number, now: Date): LabelledPart<L> =>
  count(label, key, 1, { max, expiresAtEpoch: Math.floor(Date.parse(`${utcDay(now)}T00:00:00Z`) / 1000) + 2 * 86400 });

/** A condition a caller adds to another feature's transaction, refused as the caller's own problem. */
export interface Guard {
  part: LabelledPart;
  /** `cause`: the cancelled transaction. */
  error: (cause: unknown) => Problem;
}
