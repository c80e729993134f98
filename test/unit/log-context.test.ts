// Every function's log lines carry the Lambda context: cold start and request id, API functions and workers
// alike, so that one invocation's lines can be found together.
process.env.TABLE_NAME = 'unit-table';
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';

import type { APIGatewayProxyEventV2, Context, SNSEvent } from 'aws-lambda';
import { handler as docs } from '../../functions/docs';
import { handler as mailEvents } from '../../functions/mail-events';

const context = (awsRequestId: string) =>
  ({ awsRequestId, functionName: 'fn', functionVersion: '$LATEST', memoryLimitInMB: '512', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn' }) as unknown as Context;

/** The JSON log lines written while `work` runs. */
async function logLines(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines.flatMap((line) => line.split('\n')).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
}

test('an API function logs its request id and cold start', async () => {
  const event = { version: '2.0', routeKey: 'GET /health', rawPath: '/health', headers: {}, requestContext: { requestId: 'api-req' } };
  const lines = await logLines(() => docs(event as unknown as APIGatewayProxyEventV2, context('lambda-req-1')));
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatchObject({ function_request_id: 'lambda-req-1', cold_start: expect.any(Boolean) });
});

test('a worker logs its request id and cold start', async () => {
  const event = { Records: [{ Sns: { Type: 'Notification', MessageId: 'sns-1', Message: 'not json' } }] } as unknown as SNSEvent;
  const lines = await logLines(() => mailEvents(event, context('lambda-req-2')));
  expect(lines).toEqual([expect.objectContaining({ message: 'mail event ignored', function_request_id: 'lambda-req-2', cold_start: expect.any(Boolean) })]);
});
