// Which errors of the AWS services we call mean "busy or failing for now": throttling, a server fault, a
// transaction cancelled for capacity or a competing transaction. The SDK has retried them already; what is
// left is the caller's to retry later, so the edge answers 503 with Retry-After rather than a 500 that
// says the request itself is at fault.

/** The services' names for "slow down" (DynamoDB, SES), as the SDK's retry strategy knows them. */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/** Network-level failures after the SDK's own retries. */
const UNREACHABLE = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE']);

/** A cancelled transaction's reasons that are no fault of the request: capacity, or another transaction on an item. */
const TRANSIENT_CANCELLATIONS = new Set(['ThrottlingError', 'TransactionConflict', 'ProvisionedThroughputExceeded']);

interface ServiceError {
  name?: string;
  code?: string;
  $fault?: string;
  CancellationReasons?: { Code?: string }[];
}

function isTransientError(error: ServiceError): boolean {
  if (error.$fault === 'server') return true;
  if (THROTTLING.has(error.name ?? '') || UNREACHABLE.has(error.name ?? '') || UNREACHABLE.has(error.code ?? '')) return true;
  if (error.name === 'TransactionCanceledException') {
    // A failed condition is a rule the feature should have turned into a problem: that stays a fault of ours.
    const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None').filter((code) => code !== 'None');
    return codes.length > 0 && codes.every((code) => TRANSIENT_CANCELLATIONS.has(code));
  }
  return false;
}

/** True when the error, or an error it was made from, is a passing failure of a service. */
export function isTransientFault(error: unknown): boolean {
  // Bounded: a cause chain can loop.
  for (let link = error, depth = 0; link instanceof Error && depth < 8; link = link.cause, depth++) {
    if (isTransientError(link as ServiceError)) return true;
  }
  return false;
}
