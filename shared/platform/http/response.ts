import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

// API answers hold tenant data: never cache them anywhere on the way.
const BASE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  statusCode,
  headers: { ...BASE_HEADERS, 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export const text = (statusCode: number, body: string, contentType: string, headers: Record<string, string> = {}): HttpResponse => ({
  statusCode,
  headers: { ...BASE_HEADERS, 'Content-Type': contentType, ...headers },
  body,
});

export const empty = (statusCode: number, headers: Record<string, string> = {}): HttpResponse => ({
  statusCode,
  headers: { ...BASE_HEADERS, ...headers },
});
