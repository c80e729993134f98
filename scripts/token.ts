// Prints a bearer token from the local issuer, for curl and API clients against the local server:
//   npm run -s token -- --partner <id> --role <role> [--role <role>...] [--user <id>] [--ttl <seconds>]
// Only the token goes to stdout so that `TOKEN=$(npm run -s token -- ...)` works.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../shared/platform/roles.js';
import { loadOrCreateIssuer, localIssuerUrl } from './local/issuer.js';

const USAGE = 'usage: npm run -s token -- --partner <id> --role <role> [--role <role>...] [--user <id>] [--ttl <seconds>]';

class UsageError extends Error {}

function options(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        partner: { type: 'string' },
        role: { type: 'string', multiple: true },
        user: { type: 'string' },
        ttl: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parse(argv: string[]) {
  const { partner, role: roles = [], user = 'local-user', ttl = '3600' } = options(argv);
  if (!partner) throw new UsageError('--partner is required');
  if (roles.length === 0) throw new UsageError(`--role is required (one of ${ROLES.join(', ')})`);
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new UsageError(`unknown role ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  if (!/^[1-9]\d*$/.test(ttl)) throw new UsageError('--ttl must be a positive whole number of seconds');
  return { partnerId: partner, roles, userId: user, ttlSeconds: Number(ttl) };
}

function port(): number {
  const text = process.env.PORT ?? '3000';
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65535) throw new UsageError(`PORT must be a port number, got "${text}"`);
  return Number(text);
}

async function main() {
  const input = parse(process.argv.slice(2));
  // Resolved from this file, not the working directory, so the server and this script share one key.
  const dataDir = resolve(process.env.DATA_DIR ?? resolve(__dirname, '..', '.data'));
  const issuer = await loadOrCreateIssuer({ dataDir, issuer: localIssuerUrl(port()) });
  process.stdout.write(`${await issuer.sign(input)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${(error as Error).message}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
  process.exitCode = 2;
});
