import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ProblemError, ValidationError } from '../errors.js';
import { logger } from '../logger.js';
import { json, type HttpResponse } from './response.js';

export const PROBLEM_TYPE_BASE = 'https://reseller-accounts.dev/problems/';

export function problemResponse(error: unknown, event?: APIGatewayProxyEventV2): HttpResponse {
  const requestId = event?.requestContext?.requestId;
  if (error instanceof ProblemError) {
    const body = {
      type: PROBLEM_TYPE_BASE + error.slug,
      title: error.title,
      status: error.status,
      detail: error.detail,
      ...(event?.rawPath ? { instance: event.rawPath } : {}),
      ...(requestId ? { requestId } : {}),
      ...(error instanceof ValidationError ? { errors: error.errors } : {}),
      ...error.extensions,
    };
    return json(error.status, body, { 'Content-Type': 'application/problem+json', ...error.headers });
  }
  logger.error('unhandled error', error as Error);
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
}

/** The one place where errors become HTTP answers. */
export const problemDetails = (
  respond: (error: unknown, event: APIGatewayProxyEventV2) => HttpResponse | Promise<HttpResponse> = problemResponse,
): MiddlewareObj<APIGatewayProxyEventV2, HttpResponse> => ({
  onError: async (request) => {
    request.response = await respond(request.error, request.event);
  },
});
