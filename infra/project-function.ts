// Every Lambda function of the project: its own role and log group (not the default role, which
// may write to every log group in the account) and the bundling the benchmark measures. No active
// tracing: the functions create no trace subsegments, so X-Ray would show one opaque box per invocation and
// need a `Resource::*` grant; the structured logs carry the request id instead.
import * as path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, type FunctionProps } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BUNDLE_ALIAS, BUNDLE_MAIN_FIELDS, BUNDLE_TARGET } from './bundling.js';

const PROJECT_ROOT = path.resolve(__dirname, '..');

export interface ProjectFunctionProps {
  /** The entry file `functions/<entry>.ts`. */
  entry: string;
  description: string;
  timeout: Duration;
  environment: Record<string, string>;
  memorySize?: number;
  /** Why the role needs a `Resource::*` statement, when it does (an action without resource-level permissions). */
  wildcardReason?: string;
  deadLetterQueue?: FunctionProps['deadLetterQueue'];
}

export class ProjectFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  /** Its entry, `functions/<entry>.ts`: the benchmark finds every function of the stack by it. */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    super(scope, id);
    this.entry = props.entry;
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS });
    // Not the default role: that attaches AWSLambdaBasicExecutionRole (every log group in the account).
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, 'functions', `${props.entry}.ts`),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      role: this.role,
      logGroup,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      bundling: {
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: BUNDLE_TARGET,
        format: OutputFormat.CJS,
        mainFields: BUNDLE_MAIN_FIELDS,
        esbuildArgs: Object.fromEntries(Object.entries(BUNDLE_ALIAS).map(([from, to]) => [`--alias:${from}`, to])),
        externalModules: [],
      },
    });

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The project pins nodejs22.x (bundles target node22; local runs and tests use node 20, so the bundles avoid ' +
        'newer-only APIs; nodejs22.x is supported by Lambda into 2027). ' +
        'Moving to a newer runtime is a deliberate upgrade with a test run, not a side effect of a CDK update.',
    });
    if (props.wildcardReason) Validations.of(this.role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: props.wildcardReason });
  }
}
