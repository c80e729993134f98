import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Problem, serviceUnavailable } from '../errors.js';
import { logger } from '../logger.js';
import { isTransientFault } from '../transient-faults.js';
import { json, type HttpResponse } from './response.js';

export const PROBLEM_TYPE_BASE = 'https://reseller-accounts.dev/problems/';

/** How a problem code is answered. */
export interface ProblemKind {
  status: number;
  /** Last segment of the problem type URI. */
  type: string;
  title: string;
}

/** Every code's answer; it lives at the HTTP edge, which knows every feature (shared/routes/problems.ts). */
export type ProblemTable = Readonly<Record<string, ProblemKind>>;

export type ErrorResponse = (error: unknown, event: APIGatewayProxyEventV2) => HttpResponse | Promise<HttpResponse>;

interface ErrorLink {
  name: string;
  code?: string;
  detail?: string;
  frames?: string[];
}

/**
 * An error and its causes as the log keeps them: each one's name and stack frames, and a problem's code and
 * detail (ours, written for the caller). Never messages or other attributes of errors from elsewhere: an SES
 * or JSON parser message can quote an address or the body, and a cancelled transaction carries the items it read.
 */
export function errorChain(error: unknown): ErrorLink[] {
  const chain: ErrorLink[] = [];
  // Bounded: a cause chain can loop.
  for (let link = error; link !== undefined && chain.length < 8; link = link instanceof Error ? link.cause : undefined) {
    if (!(link instanceof Error)) {
      chain.push({ name: typeof link });
      continue;
    }
    const frames = (link.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).map((line) => line.trim());
    chain.push({ name: link.name, ...(link instanceof Problem ? { code: link.code, detail: link.detail } : {}), ...(frames.length ? { frames } : {}) });
  }
  return chain;
}

/** Logs an error we did not expect, with its cause chain. */
export const logFault = (message: string, error: unknown) => logger.error(message, { errorChain: errorChain(error) });

/** Answers a problem whose code the table knows as RFC 9457 problem+json; anything else is a logged 500. */
export const problemResponder =
  (table: ProblemTable) =>
  (error: unknown, event?: APIGatewayProxyEventV2): HttpResponse => {
    const requestId = event?.requestContext?.requestId;
    const kind = error instanceof Problem && Object.hasOwn(table, error.code) ? table[error.code] : undefined;
    if (kind) {
      const problem = error as Problem;
      const body = {
        type: PROBLEM_TYPE_BASE + kind.type,
        title: kind.title,
        status: kind.status,
        detail: problem.detail,
        ...(event?.rawPath ? { instance: event.rawPath } : {}),
        ...(requestId ? { requestId } : {}),
        ...(problem.errors ? { errors: problem.errors } : {}),
        ...problem.extensions,
      };
      return json(kind.status, body, { 'Content-Type': 'application/problem+json', ...problem.headers });
    }
    logFault('unhandled error', error);
    return json(
      500,
      {
        type: PROBLEM_TYPE_BASE + 'internal',
        title: 'Internal error',
        status: 500,
        detail: `Something went wrong on our side.${requestId ? ` Quote request id ${requestId} when you report it.` : ''}`,
        ...(requestId ? { requestId } : {}),
      },
      { 'Content-Type': 'application/problem+json' },
    );
  };

/**
 * The one place where errors become HTTP answers. A service that was busy or failing (after the SDK's retries)
 * becomes a 503 with Retry-After: the request was fine and may be sent again.
 */
export const problemDetails = (respond: ErrorResponse): MiddlewareObj<APIGatewayProxyEventV2, HttpResponse> => ({
  onError: async (request) => {
    let error: unknown = request.error;
    if (!(error instanceof Problem) && isTransientFault(error)) {
      logger.warn('a service was unavailable', { errorChain: errorChain(error) });
      error = serviceUnavailable(error);
    }
    request.response = await respond(error, request.event);
  },
});
