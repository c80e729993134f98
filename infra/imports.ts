// The import worker (functions/import-worker.ts): reads the writes of customer import items that leave them
// processing from the table's stream and works the import's rows in batches, checkpointing after each; its own
// checkpoint's record brings it back for the rest. Failed records are retried, then parked in a dead-letter
// queue that an alarm watches (Operations).
import { Duration, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { IMPORT_KIND } from '../shared/customer-imports/index.js';
import { ProjectFunction } from './project-function.js';
import { grantTableAccess, WORKER_TABLE_ACTIONS } from './table-access.js';

export interface ImportsProps {
  table: Table;
  environment: Record<string, string>;
}

export class ImportWorker extends Construct {
  readonly worker: ProjectFunction;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: ImportsProps) {
    super(scope, id);
    this.worker = new ProjectFunction(this, 'ImportWorker', {
      entry: 'import-worker',
      description: 'Works customer imports: creates new organizations and invites existing ones, row by row, from the table stream',
      // A run stops taking batches 30 s before this; its last checkpoint's record starts the next run.
      timeout: Duration.minutes(5),
      environment: props.environment,
      wildcardReason: 'dynamodb:ListStreams (the event source mapping finding the table stream) has no resource-level permissions either.',
    });
    grantTableAccess(this.worker.role, props.table, { actions: WORKER_TABLE_ACTIONS['import-worker'] });
    this.deadLetters = new Queue(this, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the import worker stream mapping; an alarm watches it.',
    });
    this.worker.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        // One import's records come in order on one shard; a run handles one and the rest are stale.
        batchSize: 1,
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.or('INSERT', 'MODIFY'),
            dynamodb: { NewImage: { kind: { S: FilterRule.isEqual(IMPORT_KIND) }, state: { S: FilterRule.isEqual('processing') } } },
          }),
        ],
        reportBatchItemFailures: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(6),
        onFailure: new SqsDlq(this.deadLetters),
        parallelizationFactor: 1,
      }),
    );
  }
}
