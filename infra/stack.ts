// The whole backend in one stack: table, identity, functions and the HTTP API in front of them.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api.js';
import { createCursorKey } from './cursor-key.js';
import { createFunctions } from './functions.js';
import { createIdentity } from './identity.js';
import { readSettings } from './settings.js';
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
    const functions = createFunctions(this, {
      table,
      cursorKey: createCursorKey(this),
      claims: identity.claims,
      publicBaseUrl: settings.publicBaseUrl ?? api.endpoint,
    });
    api.addRoutes(functions);

    new CfnOutput(this, 'ApiUrl', { value: api.endpoint, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: table.tableName });
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
