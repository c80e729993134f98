import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { config } from './config.js';
import { forbidden, unauthorized } from './errors.js';
import { isAllowed, isRole, type Action, type Role } from './roles.js';
import { PARTNER_ID_PATTERN } from './partner-id.js';

/** Who is calling, taken only from claims that API Gateway's JWT authorizer has verified. */
export interface Principal {
  partnerId: string;
  userId: string;
  roles: Role[];
}

type ClaimValue = string | number | boolean | string[] | undefined;

/**
 * API Gateway hands array claims over as one string, "[a b c]"; a JSON array, or a string holding one,
 * comes from other sources. Each element is one name, compared exactly: a group name holding a comma
 * or a quote must not turn into several names (and so several roles).
 */
function parseList(value: ClaimValue): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const text = value.trim();
  const json = jsonArray(text);
  if (json) return json.map(String);
  const gatewayArray = /^\[(.*)\]$/s.exec(text);
  return gatewayArray ? gatewayArray[1]!.split(/\s+/).filter(Boolean) : [text];
}

function jsonArray(text: string): unknown[] | undefined {
  if (!text.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function principalFrom(event: APIGatewayProxyEventV2): Principal {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, ClaimValue> } } }).authorizer?.jwt
    ?.claims;
  if (!claims) throw unauthorized();
  const names = config().claims;
  const partnerId = claims[names.partnerId];
  const userId = claims[names.userId];
  if (typeof partnerId !== 'string' || !PARTNER_ID_PATTERN.test(partnerId) || typeof userId !== 'string' || !userId) {
    throw forbidden('The token does not name a partner and a user.');
  }
  const roles = parseList(claims[names.roles]).filter(isRole);
  return { partnerId, userId, roles };
}

export function authorize(principal: Principal, action: Action): void {
  if (!isAllowed(principal.roles, action)) {
    throw forbidden(`Your roles (${principal.roles.join(', ') || 'none'}) do not allow this action.`);
  }
}
