import { randomUUID } from 'node:crypto';
import type { Principal } from '../platform/auth.js';
import type { ActivityRecord } from './schemas.js';
import { queryPage } from '../platform/dynamo/query.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { ActivityItem, activityKeys } from './entity.js';

export type Change = ActivityRecord['changes'][number];

/** The activity item that a workflow adds to the transaction of the change it records. */
export function activityItem(actor: Principal, operation: string, at: string, changes: Change[], customerId?: string, partnerId = actor.partnerId) {
  const id = randomUUID();
  const record: ActivityRecord = {
    id,
    at,
    actor: { userId: actor.userId, partnerId: actor.partnerId },
    operation,
    ...(customerId ? { customerId } : {}),
    changes,
  };
  return { ...activityKeys.entry(partnerId, at, id, customerId), kind: 'activity', ...record };
}

/** Field-level before/after of two plain objects, with dotted paths. */
export function diff(before: unknown, after: unknown, path = ''): Change[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return names.flatMap((name) => diff(before[name], after[name], path ? `${path}.${name}` : name));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ field: path, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) }];
}

export async function listActivity(partnerId: string, options: { customerId?: string; limit: number; continuationToken?: string }) {
  const page = await queryPage(
    { ...activityKeys.log(partnerId, options.customerId), newestFirst: true, limit: options.limit },
    { binding: `activity|${partnerId}|${options.customerId ?? ''}`, continuationToken: options.continuationToken },
  );
  return { items: page.items.map((item): ActivityRecord => readItem(ActivityItem, item)), continuationToken: page.continuationToken };
}
