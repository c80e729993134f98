// Which errors become a 503 with Retry-After at the edge: the SDK's own exception classes, as the services
// send them after the SDK gave up retrying. The same errors from the real local stack: test/faults/.
import { ConditionalCheckFailedException, InternalServerError, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { MessageRejected } from '@aws-sdk/client-ses';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { problemDetails } from '../../shared/platform/http/problem';
import { logger } from '../../shared/platform/logger';
import { isTransientFault } from '../../shared/platform/transient-faults';
import { problemResponse } from '../../shared/routes/problems';

const $metadata = { httpStatusCode: 400 };
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata, CancellationReasons: codes.map((Code) => ({ Code })) });

describe('transient faults', () => {
  test.each([
    ['throttled', new ProvisionedThroughputExceededException({ message: 'slow down', $metadata })],
    ['a 500', new InternalServerError({ message: 'boom', $metadata: { httpStatusCode: 500 } })],
    ['a transaction cancelled for capacity', cancelled('None', 'ThrottlingError')],
    ['a transaction cancelled by another transaction', cancelled('TransactionConflict', 'None')],
    ['one of them as the cause of another error', new Error('claim failed', { cause: cancelled('ThrottlingError') })],
  ])('%s is transient', (_case, error) => expect(isTransientFault(error)).toBe(true));

  test.each([
    ['a failed condition', new ConditionalCheckFailedException({ message: 'no', $metadata })],
    ['a transaction with a failed condition beside a throttle', cancelled('ConditionalCheckFailed', 'ThrottlingError')],
    ['a rejected mail', new MessageRejected({ message: 'not verified', $metadata })],
    ['a plain error', new Error('boom')],
    ['not an error', 'boom'],
  ])('%s is not', (_case, error) => expect(isTransientFault(error)).toBe(false));

  test('the edge answers a transient fault 503 with Retry-After, and logs it as a warning', async () => {
    const warned = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const request = { event: { rawPath: '/v1/customers', requestContext: { requestId: 'req-1' } }, error: cancelled('None', 'ThrottlingError') } as unknown as Parameters<NonNullable<ReturnType<typeof problemDetails>['onError']>>[0];
    await problemDetails(problemResponse).onError!(request);
    expect(request.response).toMatchObject({ statusCode: 503, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '1' } });
    expect(JSON.parse((request.response as { body: string }).body)).toMatchObject({ status: 503, type: 'https://reseller-accounts.dev/problems/service-unavailable' });
    expect(warned).toHaveBeenCalledWith('a service was unavailable', expect.anything());
    warned.mockRestore();
  });

  test('any other error stays a logged 500', async () => {
    const logged = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const request = { event: { rawPath: '/v1/customers', requestContext: {} } as APIGatewayProxyEventV2, error: cancelled('ConditionalCheckFailed') } as unknown as Parameters<NonNullable<ReturnType<typeof problemDetails>['onError']>>[0];
    await problemDetails(problemResponse).onError!(request);
    expect(request.response).toMatchObject({ statusCode: 500 });
    logged.mockRestore();
  });
});
