// The only module of the information-requests feature that talks to DynamoDB.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../platform/dynamo/client.js';
import { readItem } from '../platform/dynamo/item-schema.js';
import { putVersioned, remove, put, transact, type LabelledPart, type TransactionOutcome } from '../platform/dynamo/transactions.js';
import { InformationRequestItem, informationRequestItem, informationRequestKeys, TokenItem, tokenItem, type InformationRequestRecord } from './entity.js';

export async function getRequest(requestId: string): Promise<InformationRequestRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: informationRequestKeys.request(requestId), ConsistentRead: true }));
  return Item ? readItem(InformationRequestItem, Item) : undefined;
}

/** The request whose current or former link this token is; undefined for a token that was never issued. */
export async function getRequestByToken(tokenHash: string): Promise<InformationRequestRecord | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: informationRequestKeys.token(tokenHash), ConsistentRead: true }));
  return Item ? getRequest(readItem(TokenItem, Item).requestId) : undefined;
}

/** The new pending request with the parts that come with it (its mail, the form's nonce, the limits), in one transaction. */
export function insertRequest<L extends string>(record: InformationRequestRecord, parts: LabelledPart<L>[]): Promise<TransactionOutcome<L | 'request'>> {
  return transact<L | 'request'>([putVersioned('request', informationRequestItem(record)), ...parts]);
}

/** The request's next version, if it is still at the version read: a part of someone else's transaction. */
export const saveRequestPart = (next: InformationRequestRecord, expectedVersion: number) => putVersioned('request', informationRequestItem(next), expectedVersion);

/**
 * A new link for the request: its hash on the request (conditioned on the version read) and the token item that
 * finds it, and the previous link's token item gone, in one transaction. false: the request changed meanwhile.
 */
export async function issueLink(request: InformationRequestRecord, tokenHash: string): Promise<InformationRequestRecord | undefined> {
  const next: InformationRequestRecord = { ...request, tokenHash, version: request.version + 1 };
  const outcome = await transact([
    saveRequestPart(next, request.version),
    put('token', tokenItem(tokenHash, next)),
    ...(request.tokenHash ? [remove('oldToken', informationRequestKeys.token(request.tokenHash))] : []),
  ]);
  return outcome.ok ? next : undefined;
}
