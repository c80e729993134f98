// Which stream records are import work: a write of an import item that leaves it `processing` (its start, and
// each checkpoint). The stack's event source mapping filters on the same fields; the local stream plumbing
// uses isImportDue as its stand-in for that filter.
import type { DynamoDBRecord } from 'aws-lambda';
import { IMPORT_KIND } from './entity.js';

export const isImportDue = (record: DynamoDBRecord): boolean => {
  const image = record.dynamodb?.NewImage;
  return (record.eventName === 'INSERT' || record.eventName === 'MODIFY') && image?.kind?.S === IMPORT_KIND && image?.state?.S === 'processing';
};

/** The import a due record names, and the checkpoint it was written at. */
export const dueImport = (record: DynamoDBRecord) => {
  const image = record.dynamodb!.NewImage!;
  return { partnerId: image.partnerId!.S!, importId: image.id!.S!, batch: Number(image.batch!.N) };
};

/** The partner an import record belongs to (the test harness works only its own partners' imports). */
export const importPartnerId = (record: DynamoDBRecord): string | undefined => record.dynamodb?.NewImage?.partnerId?.S;
