// Test harness: the local API server in this jest worker (so the very handlers run here and their
// DynamoDB calls can be counted), tokens from the local issuer, and a small fetch wrapper that holds every
// answer against the OpenAPI document.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { handler as mailerHandler } from '../../functions/mailer';
import { handler as importWorkerHandler } from '../../functions/import-worker';
import { importPartnerId, isImportDue } from '../../shared/customer-imports/index';
import { config } from '../../shared/platform/config';
import { db } from '../../shared/platform/dynamo/client';
import { isOutboxInsert, outboxPartnerId } from '../../shared/platform/mail/outbox-filter';
import { loadOrCreateIssuer, type LocalIssuer } from '../../scripts/local/issuer';
import { createLocalServer } from '../../scripts/local/server';
import { startStreamPoller, type DeadLetter, type StreamPoller } from '../../scripts/local/stream-poller';
import { streamWorkers } from '../../scripts/local/stream-workers';
import type { Role } from '../../shared/platform/roles';
import { checkAgainstDocument } from './api-contract';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for tests of malformed bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * The mailer of this test file: the table's stream is read here, in the jest worker, and handed to the very
 * handler the stack deploys (functions/mailer.ts), so clock changes and call counters apply to it too.
 *
 * Every jest worker reads the one shared stream, so each one sends only the mail of the partners it made
 * (newPartner calls watchPartner); otherwise every worker would send every invitation once more.
 */
export interface TestMailer {
  /** Resolves once every invitation mail requested so far (by this file's partners) is sent or given up. */
  drain(timeoutMs?: number): Promise<void>;
  /** Sends this partner's mail from this file's poller; newPartner does it, other ways of making a partner must. */
  watchPartner(partnerId: string): void;
  /** Outbox records that failed their last attempt (the stack parks those in its dead-letter queue). */
  readonly deadLetters: readonly DeadLetter[];
}

export interface TestApi {
  url: string;
  issuer: LocalIssuer;
  mailer: TestMailer;
  /** The mail captured by the local SES (shared by all workers: filter by recipient). */
  mailbox(filter?: MailboxFilter): Promise<CapturedMail[]>;
  token(partnerId: string, roles: Role | Role[], userId?: string): Promise<string>;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export interface StartApiOptions {
  /** false: no stream poller, so no invitation mail is sent and no import worked on from this file. Default true. */
  mailer?: boolean;
}

export async function startApi(options: StartApiOptions = {}): Promise<TestApi> {
  const dataDir = process.env.TEST_DATA_DIR;
  if (!dataDir) throw new Error('startApi needs the global setup of the integration, harness and e2e projects (jest --selectProjects integration)');
  const issuer = await loadOrCreateIssuer({ dataDir, issuer: 'http://127.0.0.1/local-issuer' });
  const server = createLocalServer({ issuer });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const partners = new Set<string>();
  let poller: StreamPoller | undefined;
  if (options.mailer !== false) {
    const { dynamoDbEndpoint, tableName } = config();
    if (!dynamoDbEndpoint) throw new Error('DYNAMODB_ENDPOINT is not set (the global setup sets it)');
    poller = await startStreamPoller({
      endpoint: dynamoDbEndpoint,
      tableName,
      ...streamWorkers([
        { filter: (record) => isOutboxInsert(record) && partners.has(outboxPartnerId(record) ?? ''), handler: mailerHandler },
        { filter: (record) => isImportDue(record) && partners.has(importPartnerId(record) ?? ''), handler: importWorkerHandler },
      ]),
      pollMs: 100,
      retryDelayMs: 50,
      maxAttempts: config().mail.maxDeliveryAttempts,
      onError: (error) => console.warn(`test mailer: ${(error as Error).name}: ${(error as Error).message}`),
    });
  }
  const mailer: TestMailer = {
    drain: (timeoutMs?: number) => (poller ? poller.drain(timeoutMs) : Promise.resolve()),
    watchPartner: (partnerId) => void partners.add(partnerId),
    get deadLetters() {
      return poller?.deadLetters ?? [];
    },
  };
  return {
    url,
    issuer,
    mailer,
    mailbox,
    token: (partnerId, roles, userId = `user-${randomUUID().slice(0, 8)}`) =>
      issuer.sign({ partnerId, roles: Array.isArray(roles) ? roles : [roles], userId }),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(url + path, { method, headers, body });
      const text = await response.text();
      checkAgainstDocument({ method, target: path, status: response.status, header: (name) => response.headers.get(name) ?? undefined, body: text });
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, headers: response.headers, text, body: /json/.test(type) && text ? JSON.parse(text) : text };
    },
    async close() {
      await poller?.stop();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

export interface CapturedMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Epoch seconds, as the local SES records it. */
  at: number;
}

export interface MailboxFilter {
  /** Only mail to this address (case-insensitive). */
  to?: string;
}

/** Every mail the local SES has captured (GET <SES_ENDPOINT>/store), oldest first. */
export async function mailbox(filter: MailboxFilter = {}): Promise<CapturedMail[]> {
  const endpoint = process.env.SES_ENDPOINT;
  if (!endpoint) throw new Error('SES_ENDPOINT is not set (the global setup sets it)');
  const response = await fetch(`${endpoint}/store`);
  if (!response.ok) throw new Error(`GET ${endpoint}/store: ${response.status}`);
  const store = (await response.json()) as {
    emails: { messageId: string; from: string; destination: { to: string[] }; subject: string; body: { html?: string; text?: string }; at: number }[];
  };
  const to = filter.to?.toLowerCase();
  return store.emails
    .map((m) => ({ messageId: m.messageId, from: m.from, to: m.destination.to, subject: m.subject, html: m.body.html ?? '', text: m.body.text ?? '', at: m.at }))
    .filter((m) => !to || m.to.some((address) => address.toLowerCase() === to));
}

/** The http(s) URLs in a text (the invitation mail has exactly one). */
export const linksIn = (text: string): string[] => text.match(/https?:\/\/[^\s"'<>]+/g) ?? [];

/** Counts DynamoDB round trips (one per command, whatever the SDK retries) made by this worker. */
export function countDynamoDbCalls() {
  const calls: string[] = [];
  const name = `callCounter-${randomUUID()}`;
  db().middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'build', name },
  );
  return {
    calls,
    reset: () => calls.splice(0),
    stop: () => db().middlewareStack.remove(name),
  };
}

export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

export const partnerProfileBody = (overrides: Record<string, unknown> = {}) => ({
  companyName: 'Test Reseller LLC',
  country: 'US',
  partnerType: 'directBill',
  markets: ['US', 'CA', 'BR'],
  primaryContact: { name: 'Pat Partner', email: 'pat@test-reseller.example' },
  ...overrides,
});

export const customerBody = (domain: string, overrides: Record<string, unknown> = {}) => ({
  companyProfile: { companyName: 'Contoso Ltd', domain },
  billingProfile: {
    email: `billing@${domain}`,
    culture: 'en-US',
    language: 'en',
    companyName: 'Contoso Ltd',
    defaultAddress: { country: 'US', city: 'Redmond', addressLine1: '1 Microsoft Way', postalCode: '98052', firstName: 'Avery', lastName: 'Admin' },
  },
  ...overrides,
});

/** A partner with a legal profile, and a token per role. */
export async function newPartner(api: TestApi, profile: Record<string, unknown> = {}) {
  const partnerId = uniqueId('partner');
  api.mailer.watchPartner(partnerId);
  const tokens = {
    'global-admin': await api.token(partnerId, 'global-admin'),
    'admin-agent': await api.token(partnerId, 'admin-agent'),
    'sales-agent': await api.token(partnerId, 'sales-agent'),
    'helpdesk-agent': await api.token(partnerId, 'helpdesk-agent'),
  } satisfies Record<Role, string>;
  const put = await api.request('PUT', '/v1/partner', { token: tokens['global-admin'], body: partnerProfileBody(profile) });
  if (put.status !== 200) throw new Error(`profile setup failed: ${put.status} ${put.text}`);
  return { partnerId, tokens };
}
