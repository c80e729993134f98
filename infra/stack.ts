// The whole backend in one stack: table, identity, functions and the HTTP API in front of them.
import { Annotations, Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api.js';
import { InvitationCleanup } from './cleanup.js';
import { ImportWorker } from './imports.js';
import { createFunctions } from './functions.js';
import { createIdentity } from './identity.js';
import { createKeys } from './keys.js';
import { Mail } from './mail.js';
import { Operations } from './operations.js';
import { DEFAULT_MAIL_SENDER, readSettings } from './settings.js';
import { createTable } from './table.js';

export class ResellerAccountsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const settings = readSettings(this);

    const table = createTable(this);
    const identity = createIdentity(this, settings.identity);
    const api = new Api(this, 'Api', {
      issuer: identity.issuer,
      audience: identity.audience,
      allowedOrigins: settings.allowedOrigins,
    });
    const publicBaseUrl = settings.publicBaseUrl ?? api.endpoint;
    const limits = settings.invitations;
    // What shared/platform/config.ts reads besides the table: the partition (US Government rules) and the limits.
    const environment = {
      AWS_PARTITION: Aws.PARTITION,
      INVITATION_TTL_DAYS: String(limits.ttlDays),
      MAX_PENDING_INVITATIONS_PER_PARTNER: String(limits.maxPendingPerPartner),
      MAX_PENDING_LINK_INVITATIONS_PER_PARTNER: String(limits.maxPendingPerLink),
      MAX_LINK_REQUESTS_PER_CLIENT_PER_DAY: String(limits.maxLinkRequestsPerClientPerDay),
      MAX_LINK_REQUESTS_PER_LINK_PER_DAY: String(limits.maxLinkRequestsPerLinkPerDay),
      MAX_INVITATIONS_PER_RECIPIENT_PER_DAY: String(limits.maxPerRecipientPerDay),
      MAX_DELIVERY_ATTEMPTS: String(limits.maxDeliveryAttempts),
      PARTNER_REQUESTS_PER_MINUTE: String(settings.partnerRequestsPerMinute),
      CLIENT_PAGE_REQUESTS_PER_MINUTE: String(settings.clientPageRequestsPerMinute),
    };
    const keys = createKeys(this);
    const functions = createFunctions(this, {
      table,
      keys,
      claims: identity.claims,
      publicBaseUrl,
      environment,
    });
    api.addRoutes(functions);

    const workerEnvironment = { TABLE_NAME: table.tableName, PUBLIC_BASE_URL: publicBaseUrl, ...environment };
    const mail = new Mail(this, 'Mail', { table, linkKey: keys.linkKey, mail: settings.mail, maxDeliveryAttempts: limits.maxDeliveryAttempts, environment: workerEnvironment });
    const cleanup = new InvitationCleanup(this, 'InvitationCleanup', { table, environment: workerEnvironment });
    const imports = new ImportWorker(this, 'CustomerImports', { table, environment: workerEnvironment });
    // Last: it alarms on every function the stack holds.
    const operations = new Operations(this, 'Operations', { httpApi: api.httpApi, cleanup, mail, imports, alarmEmail: settings.alarmEmail });
    if (settings.mail.senderIsDefault) {
      Annotations.of(this).addWarningV2(
        'reseller-accounts:mailSender',
        `Context mailSender is not set: invitation mail would be sent from ${DEFAULT_MAIL_SENDER}, which SES refuses. ` +
          'Deploy with -c mailSender=<address at a verified SES identity> (and -c mailIdentity=<domain> if it is not the address\'s domain).',
      );
    }

    new CfnOutput(this, 'ApiUrl', { value: api.endpoint, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'MailConfigurationSet', { value: mail.configurationSet.configurationSetName, description: 'SES configuration set of invitation mail' });
    new CfnOutput(this, 'AlarmTopic', { value: operations.topic.topicArn, description: 'Operator alarms (subscribe with -c alarmEmail=... or in the console)' });
    new CfnOutput(this, 'CleanupDeadLetterQueue', { value: cleanup.deadLetters.queueUrl, description: 'Scheduled cleanup runs that failed after their retries' });
    new CfnOutput(this, 'ImportDeadLetterQueue', { value: imports.deadLetters.queueUrl, description: 'Import worker stream records that failed after their retries (the import stays processing)' });
    new CfnOutput(this, 'MailDeadLetterQueue', { value: mail.deadLetters.queueUrl, description: 'Outbox records and mail events that failed for good' });
    new CfnOutput(this, 'JwtIssuer', { value: identity.issuer, description: 'Issuer the API accepts tokens from' });
    if (identity.cognito) {
      new CfnOutput(this, 'UserPoolId', { value: identity.cognito.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', {
        value: identity.cognito.client.userPoolClientId,
        description: 'App client id: the audience of the ID tokens callers send',
      });
    }
  }
}
