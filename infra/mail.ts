// Outgoing mail: the mailer reads new outbox items (every mail kind) from the table's stream and sends through SES from
// the configured identity; SES reports bounces and complaints through a configuration set to an SNS topic
// that the mail-events function reads. What cannot be delivered ends in a dead-letter queue with an alarm.
import { Arn, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OUTBOX_KIND } from '../shared/platform/mail/outbox-filter.js';
import type { MailSettings } from './settings.js';
import { encryptedTopic } from './encrypted-topic.js';
import { ProjectFunction } from './project-function.js';
import { grantTableAccess, WORKER_TABLE_ACTIONS } from './table-access.js';

export interface MailProps {
  table: Table;
  /** The long-lived link key: the manage link in a customer admin's confirmation mail is signed with it. */
  linkKey: Secret;
  mail: MailSettings;
  maxDeliveryAttempts: number;
  /** TABLE_NAME, PUBLIC_BASE_URL and the invitation settings every function reads. */
  environment: Record<string, string>;
}

/** Outbox records per mailer invocation: each is one SES call, well inside the timeout with SDK retries. */
export const MAILER_BATCH_SIZE = 10;
/** A record older than this is not mailed any more (the partner can resend); it goes to the dead-letter queue. */
export const MAILER_MAX_RECORD_AGE = Duration.hours(6);

export class Mail extends Construct {
  readonly mailer: ProjectFunction;
  readonly events: ProjectFunction;
  readonly configurationSet: ConfigurationSet;
  readonly topic: Topic;
  readonly deadLetters: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const { table, mail } = props;
    const stack = Stack.of(this);

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', { reputationMetrics: true, sendingEnabled: true });
    const configurationSetArn = Arn.format({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }, stack);

    // Usable by SES only for this configuration set in this account.
    this.topic = encryptedTopic(this, 'Events', {
      displayName: 'SES bounces and complaints of invitation mail',
      publisher: 'ses.amazonaws.com',
      conditions: { 'aws:SourceArn': configurationSetArn },
    });
    // Adds the topic policy that lets SES (this configuration set, this account) publish.
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.topic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination: of the mailer stream mapping (on-failure records) and of the ' +
        'mail-events function (failed async invocations); an alarm watches it.',
    });
    this.deadLetterAlarm = new Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: 'Invitation mail could not be sent, or a bounce/complaint could not be recorded: see the mail dead-letter queue.',
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.mailer = new ProjectFunction(this, 'Mailer', {
      entry: 'mailer',
      description: 'Sends invitation mail and grant end warnings from the table stream outbox through SES',
      timeout: Duration.seconds(60),
      environment: {
        ...props.environment,
        // What shared/platform/config.ts reads to send mail.
        MAIL_SENDER: mail.sender,
        SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
        MAX_DELIVERY_ATTEMPTS: String(props.maxDeliveryAttempts),
        LINK_KEY_SECRET_ARN: props.linkKey.secretArn,
      },
      wildcardReason: 'dynamodb:ListStreams (the event source mapping finding the table stream) has no resource-level permissions either.',
    });
    grantTableAccess(this.mailer.role, table, { actions: WORKER_TABLE_ACTIONS.mailer });
    props.linkKey.grantRead(this.mailer.role);
    this.mailer.fn.addEventSource(
      new DynamoEventSource(table, {
        // A new mapping starts at the oldest record the stream holds, so nothing written before it is lost;
        // stale or already sent requests are skipped by the mailer.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: MAILER_BATCH_SIZE,
        filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { kind: { S: FilterRule.isEqual(OUTBOX_KIND) } } } })],
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        // Every invocation is one delivery attempt: the last one marks the invitation failed, then the record is parked.
        retryAttempts: props.maxDeliveryAttempts - 1,
        maxRecordAge: MAILER_MAX_RECORD_AGE,
        onFailure: new SqsDlq(this.deadLetters),
        parallelizationFactor: 1,
      }),
    );
    // The only sender: SendEmail only, only from the configured identity and sender address, only with this configuration set.
    this.mailer.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [Arn.format({ service: 'ses', resource: 'identity', resourceName: mail.identity }, stack), configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': mail.sender } },
      }),
    );

    this.events = new ProjectFunction(this, 'MailEvents', {
      entry: 'mail-events',
      description: 'Records SES bounces and complaints of invitation mail',
      timeout: Duration.seconds(10),
      environment: props.environment,
      deadLetterQueue: this.deadLetters,
    });
    grantTableAccess(this.events.role, table, { actions: WORKER_TABLE_ACTIONS['mail-events'] });
    this.topic.addSubscription(new LambdaSubscription(this.events.fn));

  }

}
