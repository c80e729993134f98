// What a function's code can ask of the table, read from its tree-shaken bundle (esbuild, like the deployed
// one, with the packages left as imports so that only project code is read). An upper bound of what it calls:
// every DynamoDB call of the project is a command built with `new` (only stores and shared/platform may import
// the SDK, see .dependency-cruiser.cjs) or a part of a TransactWriteItems, spelled as an object literal.
import * as path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');

/** The IAM action each DynamoDB command needs; a transaction needs those of its parts, counted on their own. */
const COMMAND_ACTIONS: Record<string, string[]> = {
  Get: ['GetItem'],
  Put: ['PutItem'],
  Update: ['UpdateItem'],
  Delete: ['DeleteItem'],
  Query: ['Query'],
  Scan: ['Scan'],
  BatchGet: ['BatchGetItem'],
  BatchWrite: ['BatchWriteItem'],
  TransactGet: ['GetItem'],
  TransactWrite: [],
};
const PART_ACTIONS: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' };

/** The DynamoDB actions an entry's bundle can call, by the project module that calls them. */
export async function tableCallsOf(entry: string): Promise<Map<string, Set<string>>> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'functions', `${entry}.ts`)],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
  });
  const code = result.outputFiles[0]!.text;
  // Commands reached through a namespace or default import would escape the reading below: none may be.
  const other = /^import (?!\{)[^;]* from "@aws-sdk\/(?:lib|client)-dynamodb";$/m.exec(code);
  if (other) throw new Error(`functions/${entry}.ts: import the DynamoDB commands by name, not as "${other[0]}"`);
  // The bundle's names for the DynamoDB commands (esbuild renames clashing imports: `GetCommand as GetCommand2`).
  const commands = new Map<string, string>();
  for (const [, names] of code.matchAll(/^import \{([^}]*)\} from "@aws-sdk\/(?:lib|client)-dynamodb";$/gm)) {
    for (const spec of names!.split(',')) {
      const [imported, local = imported] = spec.trim().split(/\s+as\s+/);
      const command = /^(\w+?)(?:Item|Items)?Command$/.exec(imported!);
      if (command) commands.set(local!, command[1]!);
    }
  }
  const calls = new Map<string, Set<string>>();
  // esbuild heads each module's code with a `// <path>` line.
  for (const section of code.split(/^(?=\/\/ (?:shared|functions)\/\S+\.ts$)/m)) {
    const module = /^\/\/ (\S+\.ts)$/m.exec(section)?.[1] ?? entry;
    const actions = calls.get(module) ?? new Set<string>();
    for (const [, local] of section.matchAll(/\bnew (\w+)\(/g)) {
      const command = commands.get(local!);
      if (!command) continue;
      const needed = COMMAND_ACTIONS[command];
      if (!needed) throw new Error(`${module}: no IAM action known for the DynamoDB command ${command}`);
      for (const action of needed) actions.add(action);
    }
    for (const [, part] of section.matchAll(/\b(Put|Update|Delete|ConditionCheck)\s*:\s*\{/g)) actions.add(PART_ACTIONS[part!]!);
    if (actions.size > 0) calls.set(module, actions);
  }
  return calls;
}
