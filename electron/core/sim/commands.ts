// Request handling of one simulated device: parse the request (JSON or
// `cmd|param` text), log it, run report commands, refuse or run privileged
// ones per the model's access rules, and render the reply in the request's
// form. Joined commands (`summary+pools`) follow cgminer's rules: report
// commands only, parameters ignored, duplicates dropped, each other command
// gets its own error reply.
import type { SimDevice, SimReading } from './device.js';
import { control } from './control.js';
import * as replies from './replies.js';
import { renderJoinedJson, renderJoinedText, renderJson, renderText, type Reply } from './wire.js';

type Report = (dev: SimDevice, r: SimReading) => Reply;

// A Map, not an object: a request for "toString" must not find Object.prototype's.
const REPORTS = new Map<string, Report>([
  ['version', replies.version],
  ['config', replies.config],
  ['devs', replies.devs],
  ['edevs', replies.devs],
  ['pools', replies.pools],
  ['summary', replies.summary],
  ['devdetails', replies.devdetails],
  ['stats', (d, r) => replies.stats(d, r, true)],
  ['estats', (d, r) => replies.stats(d, r, false)],
  ['coin', replies.coin],
  ['litestats', replies.litestats],
]);

/** Commands that change the miner (cgminer's privileged set plus Canaan's `setpool` and `time`). */
const PRIVILEGED = new Set([
  'switchpool',
  'enablepool',
  'disablepool',
  'addpool',
  'removepool',
  'poolpriority',
  'poolquota',
  'save',
  'quit',
  'restart',
  'privileged',
  'ascenable',
  'ascdisable',
  'ascidentify',
  'ascset',
  'debug',
  'setconfig',
  'zero',
  'hotplug',
  'failover-only',
  'lockstats',
  'setpool',
  'time',
  'wifi',
]);

/** The MM319 firmware's command table (Nano 3S source); everything else is "Invalid command". */
const MM319_WRITES = new Set(['switchpool', 'poolpriority', 'enablepool', 'disablepool', 'setpool', 'ascset', 'lockstats', 'time']);

/** The home firmwares (MM318/MM319) have Canaan's own command table; the others run upstream cgminer's. */
function isHome(dev: SimDevice): boolean {
  const d = dev.profile.dialect;
  return d !== 'a-series' && d !== 'a10' && d !== 'controller';
}

/** Whether this model's firmware knows the command at all. */
export function commandExists(dev: SimDevice, command: string): boolean {
  if (command === 'check') return true;
  if (command === 'litestats') return ['nano3s', 'mini3', 'q'].includes(dev.profile.dialect);
  if (REPORTS.has(command)) return true;
  if (!isHome(dev)) return PRIVILEGED.has(command) && command !== 'setpool' && command !== 'time' && command !== 'wifi';
  return MM319_WRITES.has(command) || (command === 'wifi' && dev.profile.dialect === 'nano3');
}

function accessAllowed(dev: SimDevice, command: string): boolean {
  return dev.writeAccess || !PRIVILEGED.has(command);
}

export interface ParsedRequest {
  json: boolean;
  command: string;
  parameter?: string;
}

export type ParseResult = { ok: true; request: ParsedRequest } | { ok: false; json: boolean; code: number; msg: string };

/** Parses one request as cgminer does: `{` first means JSON, anything else `cmd|param` text. */
export function parseRequest(raw: string): ParseResult {
  const text = raw.replace(/[\0\r\n]+$/, '').trim();
  if (!text.startsWith('{')) {
    const bar = text.indexOf('|');
    return bar < 0
      ? { ok: true, request: { json: false, command: text } }
      : { ok: true, request: { json: false, command: text.slice(0, bar), parameter: text.slice(bar + 1) } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, json: true, code: 23, msg: 'Invalid JSON' };
  }
  if (typeof value !== 'object' || value === null || !('command' in value)) {
    return { ok: false, json: true, code: 24, msg: "Missing JSON 'command'" };
  }
  const { command, parameter } = value as { command: unknown; parameter?: unknown };
  if (typeof command !== 'string') return { ok: false, json: true, code: 14, msg: 'Invalid command' };
  let param: string | undefined;
  if (typeof parameter === 'string') param = parameter;
  else if (typeof parameter === 'number') param = Number.isInteger(parameter) ? String(parameter) : parameter.toFixed(6);
  return { ok: true, request: { json: true, command, ...(param !== undefined ? { parameter: param } : {}) } };
}

function runOne(dev: SimDevice, r: SimReading, command: string, parameter: string | undefined): Reply {
  if (!commandExists(dev, command)) return replies.statusReply(r, 'E', 14, 'Invalid command');
  if (!accessAllowed(dev, command)) return replies.statusReply(r, 'E', 45, `Access denied to '${command}' command`);
  const report = REPORTS.get(command);
  if (report) return report(dev, r);
  if (command === 'check') {
    if (!parameter) return replies.statusReply(r, 'E', 71, 'Missing check cmd');
    return replies.check(r, commandExists(dev, parameter), commandExists(dev, parameter) && accessAllowed(dev, parameter));
  }
  return control(dev, r, command, parameter);
}

function runJoined(dev: SimDevice, r: SimReading, command: string): Array<[string, Reply]> {
  const seen = new Set<string>();
  const parts: Array<[string, Reply]> = [];
  for (const name of command.split('+')) {
    if (!name || seen.has(name)) continue;
    seen.add(name);
    if (!commandExists(dev, name)) parts.push([name, replies.statusReply(r, 'E', 14, 'Invalid command')]);
    else if (!REPORTS.has(name)) parts.push([name, replies.statusReply(r, 'E', 45, `Access denied to '${name}' command`)]);
    else parts.push([name, runOne(dev, r, name, undefined)]);
  }
  return parts;
}

/** Handles one raw request and returns the reply text (the server adds the trailing NUL). */
export function respond(dev: SimDevice, raw: string): string {
  const r = dev.reading();
  const parsed = parseRequest(raw);
  if (!parsed.ok) {
    dev.logCommand({ at: dev.now(), command: '', privileged: false });
    return renderJson(replies.statusReply(r, 'E', parsed.code, parsed.msg));
  }
  const { json, command, parameter } = parsed.request;
  const names = command.split('+');
  dev.logCommand({
    at: dev.now(),
    command,
    ...(parameter !== undefined ? { parameter } : {}),
    privileged: names.some((n) => PRIVILEGED.has(n)),
  });
  if (names.length > 1) {
    const parts = runJoined(dev, r, command);
    return json ? renderJoinedJson(parts) : renderJoinedText(parts);
  }
  const reply = runOne(dev, r, command, parameter);
  return json ? renderJson(reply) : renderText(reply);
}
