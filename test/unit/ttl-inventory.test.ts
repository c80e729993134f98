// Transient items leave the table by DynamoDB TTL, never by delete requests: each builder of such an item
// (or the update that keeps it) sets the table's TTL attribute, to a time that fits what the item is for.
// The inventory is in the README (Deploy, "What expires by TTL").
process.env.TABLE_NAME = 'unit-table';
process.env.CURSOR_KEY = 'a'.repeat(64);
process.env.AWS_REGION = 'us-east-1';

import { clock } from '../../shared/platform/clock';
import { TTL_ATTRIBUTE } from '../../shared/platform/dynamo/table-definition';
import { createTableInput } from '../../shared/platform/dynamo/table-definition';
import { leaseUpdate } from '../../shared/platform/dynamo/token-leases';
import { clientBudgetKey, partnerBudgetKey } from '../../shared/platform/dynamo/budget-keys';
import { outboxPart } from '../../shared/platform/mail/outbox';
import { idempotencyItem } from '../../shared/customers/entity';
import { referralIdempotencyItem } from '../../shared/referrals/entity';
import { invitationKeys, sentMessageItem, tokenItem } from '../../shared/invitations/entity';
import { dailyAllowance } from '../../shared/platform/dynamo/transactions';
import { formNonceUsedPart } from '../../shared/platform/http/form-nonce';
import { relationshipLinkKeys } from '../../shared/relationships/entity';
import { manageLinkItem } from '../../shared/customer-manage/entity';
import { informationRequestItem, tokenItem as requestTokenItem } from '../../shared/information-requests/entity';

const NOW = new Date('2026-11-27T15:30:00Z');
const nowEpoch = NOW.getTime() / 1000;
const HOUR = 3600;
const DAY = 24 * HOUR;

beforeEach(() => {
  clock.now = () => NOW;
});
afterEach(() => {
  clock.now = () => new Date();
});

test('the TTL attribute the items set is the one table definition knows', () => {
  expect(TTL_ATTRIBUTE).toBe('expiresAtEpoch');
  // The attribute is no key: DynamoDB Local and the stack keep it as a plain number attribute.
  expect(createTableInput('t').AttributeDefinitions.map((a) => a.AttributeName)).not.toContain(TTL_ATTRIBUTE);
});

test('idempotency records (customer and referral creates) expire with their record', () => {
  const record = { key: 'k-1', requestHash: 'h', expiresAtEpoch: nowEpoch + DAY, response: { status: 201, body: {}, headers: {} } };
  expect(idempotencyItem('p1', record)[TTL_ATTRIBUTE]).toBe(nowEpoch + DAY);
  expect(referralIdempotencyItem('p1', record)[TTL_ATTRIBUTE]).toBe(nowEpoch + DAY);
});

test('outbox items are kept a week after they are written', () => {
  const part = outboxPart('mail', { kind: 'test.kind', payload: {} }, { partnerId: 'p1', id: 'm1' }, NOW).part;
  expect(part.Put!.Item![TTL_ATTRIBUTE]).toBe(nowEpoch + 7 * DAY);
});

test('daily counters (per recipient, per relationship link, per client network) live until the day after their day', () => {
  const dayStart = Date.parse('2026-11-27T00:00:00Z') / 1000;
  for (const key of [invitationKeys.recipientDayCounter('hash', '2026-11-27'), relationshipLinkKeys.linkDayCounter('p1', '2026-11-27'), relationshipLinkKeys.clientDayCounter('net', '2026-11-27')]) {
    const update = dailyAllowance('limit', key, 5, NOW).part.Update!;
    expect(update.UpdateExpression).toContain('SET #ttl = :ttl');
    expect(update.ExpressionAttributeNames!['#ttl']).toBe(TTL_ATTRIBUTE);
    expect(update.ExpressionAttributeValues![':ttl']).toBe(dayStart + 2 * DAY);
  }
});

test('budget leases (a counter per partner or client network and minute) expire an hour after their minute', () => {
  const windowStart = NOW.getTime();
  for (const key of [partnerBudgetKey('p1', windowStart), clientBudgetKey('public', 'net', windowStart)]) {
    const update = leaseUpdate(key, windowStart + 60_000, 25, 500);
    expect(update.UpdateExpression).toContain('SET #ttl = :ttl');
    expect(update.ExpressionAttributeNames['#ttl']).toBe(TTL_ATTRIBUTE);
    expect(update.ExpressionAttributeValues[':ttl']).toBe(nowEpoch + 60 + HOUR);
  }
});

test('link tokens (current, replaced or used), used form nonces and sent-message records expire by TTL', () => {
  expect(tokenItem('hash', { partnerId: 'p1', invitationId: 'i1', generation: 1 }, nowEpoch + 30 * DAY)[TTL_ATTRIBUTE]).toBe(nowEpoch + 30 * DAY);
  expect(formNonceUsedPart('nonce', 'n-1').part.Put!.Item![TTL_ATTRIBUTE]).toBe(nowEpoch + DAY);
  expect(sentMessageItem('ses-1', { partnerId: 'p1', invitationId: 'i1', emailHash: 'h' }, nowEpoch + 30 * DAY)[TTL_ATTRIBUTE]).toBe(nowEpoch + 30 * DAY);
});

test('requests for information and their confirmation link tokens expire a week after the link does', () => {
  const expiresAt = new Date(NOW.getTime() + 2 * DAY * 1000).toISOString();
  const record = { id: 'r1', partnerId: 'p1', country: 'US', locationId: 'l1', city: 'Austin', partnerName: 'P', locale: 'en', state: 'pending' as const, createdAt: NOW.toISOString(), expiresAt, version: 1 };
  expect(informationRequestItem(record)[TTL_ATTRIBUTE]).toBe(nowEpoch + 9 * DAY);
  expect(requestTokenItem('hash', record)[TTL_ATTRIBUTE]).toBe(nowEpoch + 9 * DAY);
});

test('manage link records expire when their link would (a year after the accept), revoked or not', () => {
  const expiresAt = '2027-11-27T15:30:00.000Z';
  const record = { partnerId: 'p1', customerId: 'c1', tokenHash: 'h', issuedAt: NOW.toISOString(), expiresAt, adminContact: 'j***@c***.example', version: 1 };
  expect(manageLinkItem(record)[TTL_ATTRIBUTE]).toBe(Date.parse(expiresAt) / 1000);
  expect(manageLinkItem({ ...record, revokedAt: NOW.toISOString() })[TTL_ATTRIBUTE]).toBe(Date.parse(expiresAt) / 1000);
});
