import { countDynamoDbCalls, customerBody, newPartner, startApi, uniqueId, type TestApi } from '../support/api';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

test('a partner creates a customer and reads it back, one DynamoDB call each', async () => {
  const { tokens } = await newPartner(api);
  const counter = countDynamoDbCalls();
  const domain = `${uniqueId('smoke')}.onmicrosoft.com`;
  const created = await api.request('POST', '/v1/customers', { token: tokens['sales-agent'], body: customerBody(domain) });
  expect(created.status).toBe(201);
  expect(counter.calls).toEqual(['TransactWriteItemsCommand']);
  counter.reset();
  const read = await api.request('GET', created.headers.get('location')!, { token: tokens['helpdesk-agent'] });
  expect(read.status).toBe(200);
  expect(read.body).toEqual(created.body);
  expect(read.headers.get('etag')).toBe(created.headers.get('etag'));
  expect(counter.calls).toEqual(['GetItemCommand']);
  counter.stop();
});
