// Roles from the verified claims: one group name gives one role at most, whatever characters it holds.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

process.env.TABLE_NAME = 'unit-table';

import { principalFrom } from '../../shared/platform/auth';
import { toApiGatewayClaims } from '../../scripts/local/issuer';

const rolesOf = (groups: unknown): string[] =>
  principalFrom({
    requestContext: { authorizer: { jwt: { claims: { sub: 'user-1', 'custom:partnerId': 'partner-1', 'cognito:groups': groups } } } },
  } as unknown as APIGatewayProxyEventV2).roles;

/** The claim as the local server (and API Gateway) hands over a token's groups. */
const throughGateway = (groups: string[]) => toApiGatewayClaims({ 'cognito:groups': groups })['cognito:groups'];

describe('roles from the groups claim', () => {
  test('normal tokens: every group that names a role, as the local server hands them over', () => {
    expect(rolesOf(throughGateway(['admin-agent', 'sales-agent']))).toEqual(['admin-agent', 'sales-agent']);
    expect(rolesOf(throughGateway(['global-admin']))).toEqual(['global-admin']);
    expect(rolesOf(throughGateway(['staff', 'helpdesk-agent']))).toEqual(['helpdesk-agent']);
    expect(rolesOf(undefined)).toEqual([]);
  });

  test.each([
    ['a comma inside one group name', ['helpdesk-agent,global-admin']],
    ['a trailing quote', ['helpdesk-agent"']],
    ['a leading quote', ['"global-admin']],
    ['a comma after a role', ['global-admin,']],
  ])('%s gives no role: names must match a role exactly', (_, groups) => {
    expect(rolesOf(throughGateway(groups))).toEqual([]);
    expect(rolesOf(groups)).toEqual([]);
  });

  test('one group name with a comma next to a real role gives only that role', () => {
    expect(rolesOf(throughGateway(['helpdesk-agent', 'sales-agent,global-admin']))).toEqual(['helpdesk-agent']);
    expect(rolesOf(['helpdesk-agent', 'sales-agent,global-admin'])).toEqual(['helpdesk-agent']);
  });

  test('a real JSON array gives one name per element', () => {
    expect(rolesOf(['admin-agent', 'sales-agent'])).toEqual(['admin-agent', 'sales-agent']);
    expect(rolesOf(['admin-agent sales-agent'])).toEqual([]);
  });

  test('a string holding a JSON array gives one name per element', () => {
    expect(rolesOf('["admin-agent","sales-agent"]')).toEqual(['admin-agent', 'sales-agent']);
    expect(rolesOf('["helpdesk-agent,global-admin"]')).toEqual([]);
    expect(rolesOf('["helpdesk-agent\\"", "global-admin\\""]')).toEqual([]);
  });

  test('a plain string is one group name', () => {
    expect(rolesOf('global-admin')).toEqual(['global-admin']);
    expect(rolesOf('helpdesk-agent,global-admin')).toEqual([]);
    expect(rolesOf('"global-admin"')).toEqual([]);
  });
});
