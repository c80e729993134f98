// Every function's log lines carry its Lambda context (cold start, function name, request id), so one
// request's lines can be found together, workers included.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { logger } from './logger.js';

export const lambdaContextLogging = () => injectLambdaContext(logger, { resetKeys: true });

/** A worker's handler (stream, queue, schedule) with the context in its logs. */
export function withLambdaContext<E, R>(handler: (event: E, context: Context) => Promise<R>): (event: E, context?: Context) => Promise<R> {
  const wrapped = middy<E, R>(handler).use(lambdaContextLogging());
  // Local pollers and tests call without a context; middy stands in an empty one.
  return (event, context) => wrapped(event, context as Context);
}
