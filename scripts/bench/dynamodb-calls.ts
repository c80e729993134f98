// Counts DynamoDB round trips made through the product's client (one per command, whatever the SDK
// retries), the way test/support/api.ts does: a middleware at step 'build' on db()'s stack.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbCallCounter {
  /** Every command name seen since install, with its count. */
  totals: Map<string, number>;
  /** Runs `work` and returns the commands it sent, in order. */
  record<T>(work: () => Promise<T>): Promise<{ result: T; calls: string[] }>;
  stop(): void;
}

export function countDynamoDbCalls(client: DynamoDBDocumentClient): DynamoDbCallCounter {
  const totals = new Map<string, number>();
  let current: string[] | undefined;
  const name = `benchCallCounter-${randomUUID()}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      totals.set(command, (totals.get(command) ?? 0) + 1);
      current?.push(command);
      return next(args);
    },
    { step: 'build', name },
  );
  return {
    totals,
    async record(work) {
      if (current) throw new Error('nested DynamoDB call recording');
      current = [];
      try {
        const result = await work();
        return { result, calls: current };
      } finally {
        current = undefined;
      }
    },
    stop: () => void client.middlewareStack.remove(name),
  };
}

/** "GetItemCommand" → "GetItem"; lib-dynamodb names ("GetCommand") map to the API operation. */
const DOCUMENT_TO_API: Record<string, string> = {
  GetCommand: 'GetItem',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchGetCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem',
  TransactGetCommand: 'TransactGetItems',
  TransactWriteCommand: 'TransactWriteItems',
};
export const operationName = (command: string): string => DOCUMENT_TO_API[command] ?? command.replace(/Command$/, '');

export const isScan = (command: string): boolean => operationName(command) === 'Scan' || operationName(command) === 'ParallelScan';

/** ["GetItem", "Query", "Query"] → "GetItem, Query×2" */
export function describeCalls(calls: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(operationName(call), (counts.get(operationName(call)) ?? 0) + 1);
  return [...counts].map(([op, n]) => (n > 1 ? `${op}×${n}` : op)).join(', ');
}
