// The CDK app. `-c region=us-gov-west-1` (or any region) pins the stack there; without it the
// template is environment-agnostic and deploys to the CLI profile's region.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ResellerAccountsStack } from './stack.js';

const app = new App();
const region: unknown = app.node.tryGetContext('region');

new ResellerAccountsStack(app, 'ResellerAccounts', {
  env: typeof region === 'string' && region !== '' ? { account: process.env.CDK_DEFAULT_ACCOUNT, region } : undefined,
});
// Any unacknowledged finding, warning or error, fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
