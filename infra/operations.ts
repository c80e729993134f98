// What the operator learns before partners do. Every alarm goes to one encrypted SNS topic (context
// `alarmEmail` subscribes an address): the API's 5xx rate, errors and throttles of every function of the
// stack, failed cleanup runs, SES reputation (SES pauses sending above its bounce and complaint
// thresholds), the mail dead-letter queue and the import worker's.
import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { InvitationCleanup } from './cleanup.js';
import type { Mail } from './mail.js';
import type { ImportWorker } from './imports.js';
import { encryptedTopic } from './encrypted-topic.js';
import { ProjectFunction } from './project-function.js';

export interface OperationsProps {
  httpApi: HttpApi;
  cleanup: InvitationCleanup;
  mail: Mail;
  imports: ImportWorker;
  alarmEmail?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

// SES reviews an account above 5 % bounces or 0.1 % complaints and may pause it above 10 % and 0.5 %:
// alarms at the review thresholds leave time to act.
export const SES_BOUNCE_RATE_ALARM = 0.05;
export const SES_COMPLAINT_RATE_ALARM = 0.001;
/** Per cent of API answers that are 5xx, over three five-minute periods in a row. */
export const API_5XX_PERCENT_ALARM = 1;

export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = encryptedTopic(this, 'Alarms', { displayName: 'reseller-accounts alarms', publisher: 'cloudwatch.amazonaws.com' });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const requests = props.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.alarm('Api5xxRate', {
      alarmDescription: `More than ${API_5XX_PERCENT_ALARM} % of API answers were 5xx for 15 minutes: look for "unhandled error" in the function logs.`,
      metric: new MathExpression({ expression: 'IF(requests > 0, 100 * errors / requests, 0)', usingMetrics: { requests, errors: serverErrors }, period: FIVE_MINUTES, label: '5xx %' }),
      threshold: API_5XX_PERCENT_ALARM,
      evaluationPeriods: 3,
    });

    const functions = Stack.of(this).node.findAll().filter((c): c is ProjectFunction => c instanceof ProjectFunction);
    for (const { fn, node } of functions) {
      const name = node.path.split('/').slice(1).join('');
      this.alarm(`${name}Errors`, {
        alarmDescription: `${fn.node.path}: invocations failed (an unhandled fault, a timeout or a crash).`,
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 0,
      });
      this.alarm(`${name}Throttles`, {
        alarmDescription: `${fn.node.path}: invocations were throttled (account or reserved concurrency exhausted).`,
        metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 0,
      });
    }

    this.alarm('CleanupDeadLetters', {
      alarmDescription: 'A scheduled cleanup run failed after its retries: see the cleanup dead-letter queue and the cleanup function logs.',
      metric: props.cleanup.deadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: 0,
    });
    this.alarm('ImportDeadLetters', {
      alarmDescription: 'A customer import stopped: its worker record failed after its retries (the import stays processing). See the import dead-letter queue and the import worker logs.',
      metric: props.imports.deadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: 0,
    });
    this.alarm('SesBounceRate', {
      alarmDescription: `The account's SES bounce rate passed ${SES_BOUNCE_RATE_ALARM * 100} %: SES may pause sending above 10 %. Check invitation addresses and bounced recipients.`,
      metric: new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', period: Duration.hours(1), statistic: 'Maximum' }),
      threshold: SES_BOUNCE_RATE_ALARM,
    });
    this.alarm('SesComplaintRate', {
      alarmDescription: `The account's SES complaint rate passed ${SES_COMPLAINT_RATE_ALARM * 100} %: SES may pause sending above 0.5 %.`,
      metric: new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', period: Duration.hours(1), statistic: 'Maximum' }),
      threshold: SES_COMPLAINT_RATE_ALARM,
    });
    this.notify(props.mail.deadLetterAlarm);
  }

  private alarm(id: string, props: { alarmDescription: string; metric: Metric | MathExpression; threshold: number; evaluationPeriods?: number }): void {
    const alarm = new Alarm(this, id, {
      ...props,
      evaluationPeriods: props.evaluationPeriods ?? 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarms.push(alarm);
    this.notify(alarm);
  }

  private notify(alarm: Alarm): void {
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
  }
}
