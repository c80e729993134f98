// The problem codes and their one table at the HTTP edge: every code is answered, with the problem types
// clients already know; problems keep the error they were made from; anything else is a logged 500 whose log
// follows the cause chain without the attributes that may hold personal data.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

process.env.TABLE_NAME = 'unit-table';
process.env.CURSOR_KEY = 'a'.repeat(64);
process.env.AWS_REGION = 'us-east-1';

import { BUSINESS_PROFILES_PROBLEM_CODES } from '../../shared/business-profiles/problems';
import { CUSTOMERS_PROBLEM_CODES } from '../../shared/customers/problems';
import { createCustomer } from '../../shared/customers/service';
import { DELEGATED_ADMIN_PROBLEM_CODES } from '../../shared/delegated-admin/problems';
import { INDIRECT_PROVIDERS_PROBLEM_CODES } from '../../shared/indirect-providers/problems';
import { INVITATIONS_PROBLEM_CODES } from '../../shared/invitations/problems';
import { INFORMATION_REQUESTS_PROBLEM_CODES } from '../../shared/information-requests/problems';
import { PARTNER_PROBLEM_CODES } from '../../shared/partner/problems';
import { HTTP_PROBLEM_CODES, Problem, stateConflict } from '../../shared/platform/errors';
import { seal } from '../../shared/platform/links/sealed';
import { openCursor } from '../../shared/platform/dynamo/cursor';
import { readJsonBody } from '../../shared/platform/http/request';
import { PROBLEM_TYPE_BASE } from '../../shared/platform/http/problem';
import { logger } from '../../shared/platform/logger';
import { REFERRALS_PROBLEM_CODES } from '../../shared/referrals/problems';
import { RELATIONSHIPS_PROBLEM_CODES } from '../../shared/relationships/problems';
import { PURCHASE_PERMISSIONS_PROBLEM_CODES } from '../../shared/purchase-permissions/problems';
import { VALIDATION_CODES_PROBLEM_CODES } from '../../shared/validation-codes/problems';
import { RESELLER_INVITATIONS_PROBLEM_CODES } from '../../shared/reseller-invitations/problems';
import { CUSTOMER_IMPORTS_PROBLEM_CODES } from '../../shared/customer-imports/problems';
import { PROBLEMS, problemResponse } from '../../shared/routes/problems';

const ALL_CODES = [
  ...HTTP_PROBLEM_CODES,
  ...CUSTOMERS_PROBLEM_CODES,
  ...PARTNER_PROBLEM_CODES,
  ...INDIRECT_PROVIDERS_PROBLEM_CODES,
  ...INVITATIONS_PROBLEM_CODES,
  ...DELEGATED_ADMIN_PROBLEM_CODES,
  ...RELATIONSHIPS_PROBLEM_CODES,
  ...REFERRALS_PROBLEM_CODES,
  ...BUSINESS_PROFILES_PROBLEM_CODES,
  ...INFORMATION_REQUESTS_PROBLEM_CODES,
  ...PURCHASE_PERMISSIONS_PROBLEM_CODES,
  ...VALIDATION_CODES_PROBLEM_CODES,
  ...RESELLER_INVITATIONS_PROBLEM_CODES,
  ...CUSTOMER_IMPORTS_PROBLEM_CODES,
];

/**
 * The problem types the API answered before codes existed (written down from the error classes they replace),
 * and those new features added since (each named after the list).
 */
const KNOWN_TYPES = [
  'business-rule', 'delegated-admin-name-taken', 'domain-taken', 'forbidden', 'form-already-used', 'idempotency-in-progress',
  'idempotency-key-reused', 'internal', 'invalid-continuation-token', 'malformed-json', 'market-not-allowed', 'method-not-allowed',
  'not-found', 'organization-creation-not-allowed', 'partner-profile-required', 'payload-too-large', 'precondition-failed',
  'precondition-required', 'rate-limited', 'recipient-bounced', 'recipient-outside-organization', 'state-conflict', 'unauthorized',
  'unsupported-media-type', 'validation',
  // referrals (issue 9)
  'referral-transition-not-allowed',
  // a busy or failing service, after the SDK's retries (issue 12)
  'service-unavailable',
  // the directory's request-for-information form (issue 9)
  'gone', 'form-sent-too-soon',
  // purchase permissions and US Government validation codes (issue 11)
  'relationship-not-active', 'bill-to-partner-required', 'validation-code-required', 'validation-code-unknown', 'validation-code-spent',
  // indirect links: each pre-flight check of a link, and referrals between linked partners (issue 10)
  'not-an-indirect-reseller', 'not-an-indirect-provider', 'provider-profile-required', 'indirect-market-mismatch', 'already-linked', 'indirect-provider-only', 'reseller-not-linked', 'provider-ends-shared-customer',
].map((slug) => PROBLEM_TYPE_BASE + slug).sort();

/** RFC 9110's client error statuses that this API can answer. */
const CLIENT_ERRORS = new Set([400, 401, 403, 404, 405, 409, 410, 412, 413, 415, 422, 428, 429]);

/** The one code that is not the caller's doing: a service we call was busy or failing. */
const SERVICE_FAULTS = new Set(['http.serviceUnavailable']);

const event = { rawPath: '/v1/customers', requestContext: { requestId: 'req-1' } } as APIGatewayProxyEventV2;
const refusal = (work: () => unknown): Promise<unknown> => Promise.resolve().then(work).then(() => undefined, (error: unknown) => error);

describe('the table', () => {
  test('has one entry for every code, and none for a code nobody owns', () => {
    expect(new Set(ALL_CODES).size).toBe(ALL_CODES.length);
    expect(Object.keys(PROBLEMS).sort()).toEqual([...ALL_CODES].sort());
  });

  test('every code is namespaced by its owner', () => {
    for (const code of ALL_CODES) expect(code).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
  });

  test.each(Object.entries(PROBLEMS).filter(([code]) => !SERVICE_FAULTS.has(code)))('%s answers a client error status', (_code, kind) => {
    expect(CLIENT_ERRORS.has(kind.status)).toBe(true);
  });

  test('a busy or failing service answers 503', () => {
    expect(PROBLEMS['http.serviceUnavailable'].status).toBe(503);
  });

  test('the problem types are exactly those clients already know, each with one status and title', () => {
    const types = new Map<string, string>();
    for (const { type, status, title } of Object.values(PROBLEMS)) {
      const answer = `${status} ${title}`;
      expect(types.get(type) ?? answer).toBe(answer);
      types.set(type, answer);
    }
    expect([...types.keys(), 'internal'].map((slug) => PROBLEM_TYPE_BASE + slug).sort()).toEqual(KNOWN_TYPES);
  });
});

describe('answers', () => {
  test('a problem is problem+json with its type, title, status, detail, headers and extensions', () => {
    const problem = new Problem('http.rateLimited', 'Slow down.', { headers: { 'Retry-After': '60' }, extensions: { limit: 5 } });
    const response = problemResponse(problem, event);
    expect(response.statusCode).toBe(429);
    expect(response.headers).toMatchObject({ 'Content-Type': 'application/problem+json', 'Retry-After': '60' });
    expect(JSON.parse(response.body!)).toEqual({
      type: PROBLEM_TYPE_BASE + 'rate-limited', title: 'Too many requests', status: 429, detail: 'Slow down.', instance: '/v1/customers', requestId: 'req-1', limit: 5,
    });
  });

  test.each([
    ['a problem with a code the table does not know', new Problem('billing.unknown', 'No such code.')],
    ['any other error', new Error('boom')],
  ])('%s is a logged 500', (_case, error) => {
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const response = problemResponse(error, event);
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body!)).toMatchObject({ type: PROBLEM_TYPE_BASE + 'internal', status: 500, requestId: 'req-1' });
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  test("a 500's log follows the cause chain, without messages or attributes of errors from elsewhere", () => {
    const cancellation = new TransactionCanceledException({
      message: 'Transaction cancelled for avery@contoso.com',
      $metadata: {},
      CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: { email: { S: 'avery@contoso.com' } } }],
    });
    const fault = new Error('could not record avery@contoso.com', { cause: new Problem('billing.unknown', 'Lost.', { cause: cancellation }) });
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    problemResponse(fault, event);
    const [, attributes] = logged.mock.calls[0]! as unknown as [string, { errorChain: { name: string; code?: string; detail?: string; frames?: string[] }[] }];
    expect(attributes.errorChain.map(({ name, code, detail }) => ({ name, code, detail }))).toEqual([
      { name: 'Error', code: undefined, detail: undefined },
      { name: 'Problem', code: 'billing.unknown', detail: 'Lost.' },
      { name: 'TransactionCanceledException', code: undefined, detail: undefined },
    ]);
    expect(attributes.errorChain[0]!.frames![0]).toMatch(/problems\.test\.ts/);
    expect(JSON.stringify(logged.mock.calls)).not.toContain('avery@contoso.com');
    logged.mockRestore();
  });
});

describe('problems keep their cause', () => {
  test("a domain problem made from a cancelled transaction carries the cancellation", async () => {
    const cancellation = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
    });
    const documentClient = mockClient(DynamoDBDocumentClient);
    documentClient.on(TransactWriteCommand).rejects(cancellation);
    const billingProfile = {
      email: 'billing@contoso.com', culture: 'en-US', language: 'en', companyName: 'Contoso Ltd',
      defaultAddress: { country: 'US', city: 'Redmond', addressLine1: '1 Way', postalCode: '98052', firstName: 'A', lastName: 'B' },
    };
    const principal = { partnerId: 'partner-1', userId: 'user-1', roles: ['global-admin' as const] };
    const error = await refusal(() => createCustomer(principal, { companyProfile: { companyName: 'Contoso Ltd', domain: 'contoso.example' }, billingProfile }));
    documentClient.restore();
    expect(error).toBeInstanceOf(Problem);
    expect(error).toMatchObject({ code: 'customers.domainTaken', cause: cancellation });
  });

  test('malformed JSON carries the parser error', async () => {
    const error = await refusal(() => readJsonBody({ body: '{"a":', headers: { 'content-type': 'application/json' }, isBase64Encoded: false } as unknown as APIGatewayProxyEventV2));
    expect(error).toBeInstanceOf(Problem);
    expect(error).toMatchObject({ code: 'http.malformedJson', cause: expect.any(SyntaxError) });
  });

  test('a continuation token that does not open is refused; one that opens to something else carries the parse error', async () => {
    // platform/links says only "does not open" (a wrong version, key, binding or byte): no decryption detail.
    expect(await refusal(() => openCursor(Buffer.alloc(40, 7).toString('base64url'), 'customers|p'))).toMatchObject({ code: 'http.invalidContinuationToken' });
    const notJson = await seal('shortLived', 'cursor', 'not json', 'customers|p');
    expect(await refusal(() => openCursor(notJson, 'customers|p'))).toMatchObject({ code: 'http.invalidContinuationToken', cause: expect.any(SyntaxError) });
  });

  test('the cause is the standard Error.cause, and none is set without one', () => {
    const cancellation = new Error('cancelled');
    expect(stateConflict('Changed meanwhile.', cancellation).cause).toBe(cancellation);
    expect('cause' in stateConflict('Changed meanwhile.')).toBe(false);
  });
});
