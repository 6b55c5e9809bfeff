// `hearth pools <host[:port]> [list|add|remove|enable|disable|switch|priority|set ...]`:
// the device's pools, and changes to them with the app's validation and
// read-back. Passwords are never printed (docs/cli.md).
import { createInterface } from 'node:readline/promises';
import type { Pool } from '../contract/snapshot.js';
import type { PoolOp } from '../contract/tuning.js';
import { poolOperations } from '../core/tuning/pools.js';
import { deviceArgument, intOption, parseCommandLine } from './args.js';
import { identify, runChange, type ChangeRunOptions } from './change.js';
import { EXIT_NOT_APPLIED, EXIT_OK, ExitError, UsageError } from './errors.js';
import type { Io } from './io.js';

export const POOLS_HELP = `Usage: hearth pools <host[:port]> [<action> ...] [--yes] [--json] [--timeout ms]

Actions (where the model's firmware has them):
  list                                  the pools (default); passwords are never shown
  add <url> <worker> <password|->       add a pool (up to three)
  remove <n> | enable <n> | disable <n> | switch <n>
  priority <n,m,...>                    pools in the order to use them
  set <n> <url> <worker> [<password|->] --web-user U --web-password P|-
                                        write slot n with the web login (Nano 3/3S, A10);
                                        used after the next reboot
  A password "-" is read from standard input, so it stays out of the shell history.
  --yes          confirm a change that can move hashing (remove, disable, switch, priority)
  --json         list: the pools as JSON; changes: the full result
Exit status: 0 done, 1 device unreachable, 2 usage error, 4 not applied.`;

async function secret(text: string | undefined, what: string): Promise<string> {
  if (text === undefined) throw new UsageError(`missing ${what}`);
  if (text !== '-') return text;
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
  }
}

function index(text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text)) throw new UsageError(`expected a pool number, got "${text ?? ''}"`);
  return Number(text);
}

async function parseOp(action: string, args: readonly string[], web: { user?: string | undefined; password?: string | undefined }): Promise<PoolOp> {
  const count = (n: number, max = n): void => {
    if (args.length < n || args.length > max) throw new UsageError(`${action} takes ${n === max ? n : `${n} to ${max}`} argument(s)`);
  };
  switch (action) {
    case 'add':
      count(3);
      return { op: 'add', url: args[0]!, user: args[1]!, password: await secret(args[2], 'pool password') };
    case 'remove':
    case 'enable':
    case 'disable':
    case 'switch':
      count(1);
      return { op: action, index: index(args[0]) };
    case 'priority':
      count(1);
      return { op: 'priority', order: args[0]!.split(',').map((s) => index(s.trim())) };
    case 'set': {
      count(3, 4);
      if (web.user === undefined || web.password === undefined) throw new UsageError('set needs --web-user and --web-password');
      return {
        op: 'set',
        index: index(args[0]),
        url: args[1]!,
        user: args[2]!,
        password: args[3] === undefined ? '' : await secret(args[3], 'pool password'),
        webUser: web.user,
        webPassword: await secret(web.password, 'web password'),
      };
    }
    default:
      throw new UsageError(`unknown pools action "${action}": list, add, remove, enable, disable, switch, priority or set`);
  }
}

function formatPools(pools: readonly Pool[]): string {
  if (pools.length === 0) return 'no pools';
  const ordered = [...pools].sort((a, b) => (a.priority ?? a.index) - (b.priority ?? b.index));
  return ordered
    .map((p) => `${p.index}  prio ${p.priority ?? '-'}  ${p.status.padEnd(8)} ${p.active === true ? 'active ' : '       '}${p.url}  ${p.user ?? ''}`.trimEnd())
    .join('\n');
}

export function poolsCommand(argv: readonly string[], io: Io): Promise<number> {
  return runPools(argv, io);
}

export async function runPools(argv: readonly string[], io: Io, opts: ChangeRunOptions = {}): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    yes: { type: 'boolean', short: 'y' },
    json: { type: 'boolean' },
    timeout: { type: 'string' },
    'web-user': { type: 'string' },
    'web-password': { type: 'string' },
  });
  const [where, action = 'list', ...args] = positionals;
  const address = deviceArgument(where);
  const timeoutMs = intOption('timeout', values.timeout, 1, 600_000) ?? 5000;
  if (action === 'list' && args.length > 0) throw new UsageError('list takes no arguments');
  const op = action === 'list' ? undefined : await parseOp(action, args, { user: values['web-user'], password: values['web-password'] });
  const device = await identify(address, timeoutMs);
  if (op === undefined) {
    const pools = device.snapshot.pools.map(({ index: i, url, user, status, priority, active }) => ({ index: i, url, user, status, priority, active }));
    io.out(values.json ? JSON.stringify(pools, null, 2) : formatPools(device.snapshot.pools));
    return EXIT_OK;
  }
  if (!poolOperations(device.model).includes(op.op)) {
    const offered = poolOperations(device.model);
    throw new ExitError(
      EXIT_NOT_APPLIED,
      `${address.id}: not sent: ${device.model.displayName} does not support '${op.op}' for pools over its API (it has: ${offered.join(', ') || 'none'})`,
    );
  }
  return runChange(address, device, { kind: 'pool', pool: op }, { yes: values.yes === true, json: values.json === true }, io, opts);
}
