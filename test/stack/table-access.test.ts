// The declared table actions are true: what each function's code can call (read from its tree-shaken bundle, see
// test/support/table-calls.ts) is within its declared list, and every declared action is called, so a grant that
// nothing uses does not linger. The request budgets' counter updates (token-leases.ts) are granted apart, on
// their keys only (infra/table-access.ts), so they count against those grants instead.
import { WORKER_TABLE_ACTIONS } from '../../infra/table-access.js';
import { FUNCTION_GROUPS, routes, type FunctionGroup, type FunctionGroupDef, type RouteDef } from '../../shared/routes/index.js';
import { tableCallsOf } from '../support/table-calls';

const LEASES = 'shared/platform/dynamo/token-leases.ts';

const groups = Object.entries(FUNCTION_GROUPS as Record<FunctionGroup, FunctionGroupDef>).map(([group, def]) => {
  const partnerRoutes = (routes as readonly RouteDef[]).some((route) => route.group === group && route.auth.kind === 'partner');
  return { entry: group, declared: def.table, budget: partnerRoutes || def.clientLimit === true };
});
const workers = Object.entries(WORKER_TABLE_ACTIONS).map(([entry, declared]) => ({ entry, declared, budget: false }));

describe.each([...groups, ...workers])('functions/$entry', ({ entry, declared, budget }) => {
  let calls: Map<string, Set<string>>;
  beforeAll(async () => {
    calls = await tableCallsOf(entry);
  }, 60_000);

  test('calls exactly its declared table actions', () => {
    const called = new Set([...calls].filter(([module]) => module !== LEASES).flatMap(([, actions]) => [...actions]));
    expect([...called].sort()).toEqual([...declared].sort());
  });

  test(budget ? 'spends a request budget: updates its counters, granted on their keys only' : 'spends no request budget', () => {
    expect(calls.has(LEASES)).toBe(budget);
    if (budget) expect([...calls.get(LEASES)!]).toEqual(['UpdateItem']);
  });
});

test('the reading of bundles finds what it looks for', async () => {
  // Scan and BatchWriteItem would show up by their command names; no code may use them.
  const all = await Promise.all([...groups, ...workers].map(({ entry }) => tableCallsOf(entry)));
  const everything = new Set(all.flatMap((calls) => [...calls.values()].flatMap((actions) => [...actions])));
  expect(everything).toEqual(new Set(['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem']));
}, 60_000);
