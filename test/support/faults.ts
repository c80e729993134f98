// Fault injection for the real local stack: SDK middleware on the clients the handlers use (the DynamoDB
// document client `db()` and the mailer's SES client) that makes the Nth command of an operation fail the way
// the service fails it. The fault is a fabricated HTTP error response handed to the SDK's own deserializer, so
// the error the code sees is the SDK's real one: its class, `$metadata`, `$fault`, CancellationReasons, and
// the SDK's retry strategy classifies it as it would in AWS (throttles and 500s are retried, a cancelled
// transaction is not).
//
// Throttles and 500s are retried by the SDK itself (3 attempts for DynamoDB and SES). So a fault either hits
// `every` attempt of the command (the service stays unavailable: the error reaches our code) or only the
// `first` (the SDK's retry absorbs it: our code never sees it). Both matter and the suites test both.
import { randomUUID } from 'node:crypto';

/** What the injector needs of an SDK client (the document client shares its client's stack). */
interface SmithyClient {
  middlewareStack: { add(middleware: (next: any, context: any) => (args: any) => Promise<any>, options: Record<string, unknown>): void; remove(name: string): boolean };
  config: { retryStrategy?: unknown };
}

/** The SDK's client-side retry quota (standard mode; adaptive mode wraps a standard strategy). */
interface RetryQuota {
  capacity?: number;
  standardRetryStrategy?: RetryQuota;
}
const FULL_RETRY_QUOTA = 500;

/** `transactionConflict`: another transaction held one of the items (two workers on the same item, say). */
export type DynamoDbFault = 'throttled' | 'provisionedThroughputExceeded' | 'transactionCanceled' | 'transactionConflict' | 'internalServerError';
/**
 * `timeoutAfterSend`: SES accepts the mail, and its answer never arrives (a timeout on the way back): the
 * SDK sees a TimeoutError and, like any transient error, retries the send.
 */
export type SesFault = 'throttling' | 'messageRejected' | 'timeoutAfterSend';
export type Attempts = 'first' | 'every';

interface Fabricated {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Commands that cannot fail with TransactionCanceledException (DynamoDB cancels transactions only). */
export const isTransaction = (commandName: string): boolean => /^Transact(Write|Get)/.test(commandName);

const dynamoDbError = (type: string, body: Record<string, unknown>, statusCode = 400): Fabricated => ({
  statusCode,
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() },
  body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, ...body }),
});

/**
 * What DynamoDB answers. A cancelled transaction names a reason per part, in order: `None` for the parts that
 * were fine, and `ThrottlingError` for the one whose table or index had no capacity (the part in the middle).
 */
function dynamoDbAnswer(fault: DynamoDbFault, input: Record<string, unknown>): Fabricated {
  switch (fault) {
    case 'throttled':
      return dynamoDbError('ThrottlingException', { message: 'Rate of requests exceeds the allowed throughput.' });
    case 'provisionedThroughputExceeded':
      return dynamoDbError('ProvisionedThroughputExceededException', {
        message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
      });
    case 'internalServerError':
      return dynamoDbError('InternalServerError', { message: 'Internal server error' }, 500);
    case 'transactionCanceled':
    case 'transactionConflict': {
      const parts = Array.isArray(input.TransactItems) ? input.TransactItems.length : 1;
      const failing = Math.floor(parts / 2);
      const reason =
        fault === 'transactionConflict'
          ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
          : { Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly.' };
      const reasons = Array.from({ length: parts }, (_, i) => (i === failing ? reason : { Code: 'None' }));
      return dynamoDbError('TransactionCanceledException', {
        Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
        CancellationReasons: reasons,
      });
    }
  }
}

/** The request goes through, then its answer is lost. */
const LOST_ANSWER = 'lostAnswer';

function sesAnswer(fault: SesFault): Fabricated | typeof LOST_ANSWER {
  if (fault === 'timeoutAfterSend') return LOST_ANSWER;
  const [code, message] = fault === 'throttling' ? ['Throttling', 'Maximum sending rate exceeded.'] : ['MessageRejected', 'Email address is not verified. The following identities failed the check in region US-EAST-1: invitations@example.com'];
  const requestId = randomUUID();
  return {
    statusCode: 400,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

export interface Injection<F> {
  /**
   * The 1-based position of the command to fail, counted from `arm`; or the first command that matches, for a
   * worker whose other work (other tests' due items) makes positions vary.
   */
  command: number | ((commandName: string, input: Record<string, unknown>) => boolean);
  fault: F;
  attempts: Attempts;
}

/** Commands seen since the last `arm` or `count`, by name, and how the armed fault went. */
export interface FaultLog {
  commands: string[];
  /** Attempts that got the fabricated error. */
  injected: number;
}

/**
 * One injector per client. `count()` only counts; `arm(injection)` fails the chosen command; `disarm()` stops
 * both. Commands are counted once each, whatever the SDK retries.
 */
export class FaultInjector<F extends string> {
  private plan: Injection<F> | undefined;
  private matched = false;
  private counting = false;
  private log: FaultLog = { commands: [], injected: 0 };
  private readonly names = [`faultCounter-${randomUUID()}`, `faultAnswer-${randomUUID()}`];
  private readonly targets = new WeakSet<object>();

  constructor(
    private readonly client: SmithyClient,
    private readonly answer: (fault: F, input: Record<string, unknown>) => Fabricated | typeof LOST_ANSWER,
    private readonly applies: (fault: F, commandName: string) => boolean = () => true,
  ) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (this.counting) {
          const name = context.commandName ?? 'unknown';
          this.log.commands.push(name);
          const plan = this.plan;
          const chosen = typeof plan?.command === 'function' ? !this.matched && plan.command(name, args.input ?? {}) : this.log.commands.length === plan?.command;
          if (plan && chosen && this.applies(plan.fault, name)) {
            this.matched = true;
            this.targets.add(context);
          }
        }
        return next(args);
      },
      { step: 'initialize', priority: 'high', name: this.names[0] },
    );
    // Inside the retry middleware (finalizeRequest) and the deserializer: runs once per attempt, and what it
    // returns is deserialized like a response from the service.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const plan = this.plan;
        if (!plan || !this.targets.has(context)) return next(args);
        const attempt = ((context as { __faultAttempts?: number }).__faultAttempts ?? 0) + 1;
        (context as { __faultAttempts?: number }).__faultAttempts = attempt;
        if (plan.attempts === 'first' && attempt > 1) return next(args);
        this.log.injected += 1;
        const answer = this.answer(plan.fault, args.input as Record<string, unknown>);
        if (answer === LOST_ANSWER) {
          await next(args);
          throw Object.assign(new Error('Connection timed out after the request was sent'), { name: 'TimeoutError' });
        }
        const { statusCode, headers, body } = answer;
        return { response: { statusCode, headers, body: new TextEncoder().encode(body) }, output: undefined } as never;
      },
      { step: 'deserialize', priority: 'low', name: this.names[1] },
    );
  }

  /** Counts commands from now on, failing none. */
  count(): FaultLog {
    this.plan = undefined;
    this.matched = false;
    this.counting = true;
    this.log = { commands: [], injected: 0 };
    return this.log;
  }

  /**
   * Fails the chosen command from now on (counting from here). Each case starts with a full retry quota, as a
   * fresh Lambda instance does: the SDK spends quota on every retry, and hundreds of injected faults in one
   * process would use it up, after which it stops retrying and a fault on the first attempt only would
   * reach the code too.
   */
  async arm(injection: Injection<F>): Promise<FaultLog> {
    const provider = this.client.config.retryStrategy;
    const strategy = (typeof provider === 'function' ? await provider() : provider) as RetryQuota | undefined;
    for (const quota of [strategy, strategy?.standardRetryStrategy]) if (quota && typeof quota.capacity === 'number') quota.capacity = FULL_RETRY_QUOTA;
    this.count();
    this.plan = injection;
    return this.log;
  }

  disarm(): void {
    this.plan = undefined;
    this.counting = false;
  }

  remove(): void {
    this.disarm();
    for (const name of this.names) this.client.middlewareStack.remove(name);
  }
}

export const dynamoDbFaults = (client: SmithyClient): FaultInjector<DynamoDbFault> =>
  new FaultInjector<DynamoDbFault>(client, dynamoDbAnswer, (fault, name) => (fault !== 'transactionCanceled' && fault !== 'transactionConflict') || isTransaction(name));

export const sesFaults = (client: SmithyClient): FaultInjector<SesFault> => new FaultInjector<SesFault>(client, sesAnswer);
