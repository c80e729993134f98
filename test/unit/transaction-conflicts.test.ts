// A transaction that DynamoDB cancels because another one held the same item (TransactionConflict) wrote
// nothing: the caller gets a 409 problem to retry, never a 500.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

process.env.TABLE_NAME = 'unit-table';
process.env.CURSOR_KEY = 'a'.repeat(64);
process.env.AWS_REGION = 'us-east-1';

import { recordAgreement } from '../../shared/customers/service';
import { savePartnerProfile } from '../../shared/partner/store';
import { Problem } from '../../shared/platform/errors';

const documentClient = mockClient(DynamoDBDocumentClient);
/** The 409 problem, carrying the cancellation it was made from. */
async function expectStateConflict(write: Promise<unknown>) {
  const error = await write.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  expect(error).toMatchObject({ code: 'http.stateConflict', cause: expect.any(TransactionCanceledException) });
}
const principal = { partnerId: 'partner-1', userId: 'user-1', roles: ['global-admin' as const] };

beforeEach(() => {
  documentClient.reset();
  documentClient.on(TransactWriteCommand).rejects(
    new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }, { Code: 'None' }] }),
  );
});

test('recording an agreement while another write holds the customer: 409', async () => {
  const input = { dateAgreed: '2026-11-01T00:00:00Z', primaryContact: { firstName: 'Avery', lastName: 'Admin', email: 'avery@contoso.com' } };
  await expectStateConflict(recordAgreement(principal, '0b3c1e7e-2f0a-4c55-9a3b-0c4a4b6a9d10', input));
});

test('saving the legal profile while another write holds it: 409', async () => {
  const profile = {
    partnerId: 'partner-1',
    companyName: 'Test Reseller LLC',
    country: 'US',
    partnerType: 'directBill' as const,
    markets: ['US'],
    primaryContact: { name: 'Pat Partner', email: 'pat@test-reseller.example' },
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
  await expectStateConflict(savePartnerProfile(profile, 1, { pk: 'x', sk: 'y' }));
});
