// The hourly cleanup (functions/cleanup.ts): expires pending invitations past their expiry; ends or
// auto-extends delegated admin grants at their end dates and, before them, writes warning mail for the
// partner's contact to the outbox (the mailer sends it: the cleanup itself sends nothing); warns about
// unanswered referrals 3 and 1 days before their expiration and closes them at it (with a note to the
// requester of a directory request, through the outbox too); moves the directory listings of partners
// whose referral response time changed.
import { Duration, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ProjectFunction } from './project-function.js';
import { grantTableAccess, WORKER_TABLE_ACTIONS } from './table-access.js';

export interface CleanupProps {
  table: Table;
  environment: Record<string, string>;
}

export const CLEANUP_SCHEDULE = Schedule.rate(Duration.hours(1));

export class InvitationCleanup extends Construct {
  readonly worker: ProjectFunction;
  readonly rule: Rule;
  /** Scheduled runs that failed after their retries: kept for the operator (an alarm watches it). */
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: CleanupProps) {
    super(scope, id);
    this.worker = new ProjectFunction(this, 'Cleanup', {
      entry: 'cleanup',
      description: 'Expires pending invitations; ends, auto-extends and warns about delegated admin grants by end date; warns about and expires unanswered referrals; re-ranks the directory (hourly)',
      // A run stops starting new work 10 s before this and leaves the rest to the next run.
      timeout: Duration.minutes(2),
      environment: props.environment,
    });
    grantTableAccess(this.worker.role, props.table, { actions: WORKER_TABLE_ACTIONS.cleanup });
    this.deadLetters = new Queue(this, 'DeadLetters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the scheduled cleanup rule; an alarm watches it.',
    });
    this.rule = new Rule(this, 'Schedule', {
      description: 'Hourly: expire overdue invitations; end, extend or warn about delegated admin grants; warn about and expire unanswered referrals; re-rank the directory',
      schedule: CLEANUP_SCHEDULE,
      // Runs are idempotent; a missed one is caught up by the next, but it is kept and alarmed on, not dropped.
      targets: [new LambdaFunction(this.worker.fn, { retryAttempts: 2, maxEventAge: Duration.hours(1), deadLetterQueue: this.deadLetters })],
    });
  }
}
