// The mailer's side of the outbox: each outbox item goes to the mail kind registered under its kind. The
// registry is filled outside the platform (functions/mailer.ts), from each feature's mail module.
import { config } from '../config.js';
import { transact, type LabelledPart } from '../dynamo/transactions.js';
import { logger } from '../logger.js';
import type { RenderedMail } from './layout.js';
import { claimAttempt, settlePart, type OutboxItem } from './outbox.js';
import type { OutgoingMail } from './ses-sender.js';

export interface DeliveryFailure {
  attempt: number;
  /** The last attempt: the item is failed and the stream mapping parks the record. */
  final: boolean;
  /** The error's name only (SES messages can quote the recipient's address). */
  error: string;
  /**
   * SES may have accepted the mail: only a refusal it answered (a client fault: throttled, rejected) says it
   * did not; after a timeout or a server fault nobody knows.
   */
  mayHaveBeenSent: boolean;
}

/** One mail ready to go, with what the feature writes once the attempt has ended. */
export interface Delivery {
  to: string;
  mail: RenderedMail;
  /** Written with the item's `sent` mark, in one transaction. */
  sent?(messageId: string): LabelledPart[];
  /** Written with the item's record of the failed attempt, in one transaction. */
  failed?(failure: DeliveryFailure): LabelledPart[];
}

/** What a feature's mail module registers for one kind of mail. */
export interface MailKind<P = unknown> {
  readonly kind: string;
  /** The stored payload, checked by hand (the mailer bundles no schema library); throws when it is malformed. */
  parse(payload: unknown): P;
  /** Ids for the logs, never addresses or names. */
  logIds(payload: P): Record<string, string | number>;
  /**
   * The mail for attempt `attempt` (1 for the first), or undefined when it is no longer wanted (say, superseded
   * or answered meanwhile). May write the feature's own claim on it first.
   */
  prepare(payload: P, attempt: number): Promise<Delivery | undefined>;
}

export type MailRegistry = ReadonlyMap<string, MailKind<any>>;

export function mailRegistry(kinds: MailKind<any>[]): MailRegistry {
  const registry = new Map<string, MailKind<any>>();
  for (const kind of kinds) {
    if (registry.has(kind.kind)) throw new Error(`mail kind ${kind.kind} registered twice`);
    registry.set(kind.kind, kind);
  }
  return registry;
}

/** Sends and returns the provider's message id; throws when the provider refuses or fails. */
export type SendMail = (mail: OutgoingMail) => Promise<string>;

/**
 * `unknownKind`: no module is registered for the item's kind. Retrying cannot help (the same code would run
 * again), so it is logged as an error and not retried. `skipped`: sent or failed already, or no longer wanted.
 */
export type DispatchOutcome = 'sent' | 'skipped' | 'unknownKind';

/** Delivers one outbox item; throws (after recording the attempt) when it should be retried. */
export async function dispatch(item: OutboxItem, registry: MailRegistry, send: SendMail): Promise<DispatchOutcome> {
  const kind = registry.get(item.kind);
  if (!kind) {
    logger.error('outbox mail of an unknown kind', { kind: item.kind, sk: item.key.sk });
    return 'unknownKind';
  }
  const payload = kind.parse(item.payload);
  const ids = { kind: item.kind, ...kind.logIds(payload) };
  const attempt = await claimAttempt(item);
  if (attempt === undefined) return 'skipped';
  const delivery = await kind.prepare(payload, attempt);
  if (!delivery) return 'skipped';

  let messageId: string;
  try {
    messageId = await send({ to: delivery.to, ...delivery.mail });
  } catch (error) {
    const failure: DeliveryFailure = {
      attempt,
      final: attempt >= config().mail.maxDeliveryAttempts,
      error: ((error as Error).name || 'Error').slice(0, 100),
      mayHaveBeenSent: (error as { $fault?: string }).$fault !== 'client',
    };
    await transact([...(delivery.failed?.(failure) ?? []), settlePart(item, failure.final ? 'failed' : 'queued', { lastError: failure.error })]);
    logger.warn('mail not sent', { ...ids, attempt, final: failure.final, error: failure.error });
    throw error;
  }
  // Not thrown when this record cannot be written (changed meanwhile, or the table failing): a retry would send
  // the mail a second time. Then the outbox item alone is still marked sent, so that a redelivery of its record
  // sends nothing (the feature's own record stays as it was). A mail kind whose retry must not send again even
  // when this process dies here (the invitation's link) also marks its own claim.
  const settleAlone = async () => {
    try {
      await transact([settlePart(item, 'sent', { messageId })]);
    } catch (error) {
      logger.error('mail sent, but its outbox item could not be marked', { ...ids, attempt, error: (error as Error).name || 'Error' });
    }
  };
  try {
    const settled = await transact([...(delivery.sent?.(messageId) ?? []), settlePart(item, 'sent', { messageId })]);
    if (!settled.ok) {
      logger.warn('mail sent, but its record changed meanwhile', { ...ids, attempt });
      await settleAlone();
    }
  } catch (error) {
    logger.error('mail sent, but its record could not be written', { ...ids, attempt, error: (error as Error).name || 'Error' });
    await settleAlone();
  }
  logger.info('mail sent', { ...ids, attempt });
  return 'sent';
}
