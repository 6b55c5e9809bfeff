// Shared by the simulator's tests: a bare TCP client (deliberately not the
// app's CGMiner client, so these tests check the wire itself), a clock the
// tests move by hand, and readers for the real captures.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const capturesDir = path.join(repoRoot, '..', 'shared', 'captures', 'avalon');

export function readCapture(name: string): string {
  return readFileSync(path.join(capturesDir, name), 'utf8');
}

export function captureJson(name: string): Record<string, unknown> {
  return JSON.parse(readCapture(name)) as Record<string, unknown>;
}

export interface Exchange {
  bytes: Buffer;
  error?: NodeJS.ErrnoException;
  /** How the connection ended: the peer closed it, it errored, or our timeout fired. */
  ended: 'end' | 'error' | 'timeout';
  ms: number;
}

/** Sends `payload` (unless undefined) and collects everything until the server closes. */
export function exchange(target: { host: string; port: number }, payload: string | Buffer | undefined, timeoutMs = 3000): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: target.host, port: target.port });
    let settled = false;
    const settle = (ended: Exchange['ended'], error?: NodeJS.ErrnoException): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), ended, ms: Date.now() - started, ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => settle('timeout'), timeoutMs);
    socket.on('connect', () => {
      if (payload !== undefined) socket.write(payload);
    });
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => settle('end'));
    socket.on('close', () => settle('end'));
    socket.on('error', (e: NodeJS.ErrnoException) => settle('error', e));
  });
}

/** One request; asserts the reply ends in exactly one NUL and returns the text before it. */
export async function ask(target: { host: string; port: number }, request: string): Promise<string> {
  const r = await exchange(target, request);
  if (r.error) throw r.error;
  const text = r.bytes.toString('utf8');
  if (!text.endsWith('\0') || text.indexOf('\0') !== text.length - 1) throw new Error(`reply does not end in one NUL: ${JSON.stringify(text.slice(-40))}`);
  return text.slice(0, -1);
}

export async function askJson(target: { host: string; port: number }, command: string, parameter?: string): Promise<Record<string, unknown>> {
  const req = JSON.stringify(parameter === undefined ? { command } : { command, parameter });
  return JSON.parse(await ask(target, req)) as Record<string, unknown>;
}

/** A clock the test moves: starts at a fixed Unix time (ms). */
export class ManualClock {
  constructor(public t = Date.UTC(2026, 10, 24, 12, 0, 0)) {}
  readonly now = (): number => this.t;
  advance(seconds: number): void {
    this.t += seconds * 1000;
  }
}

/**
 * Splits an `MM ID` string into [key, value] pairs: items are `Key[value]`
 * separated by spaces; values never contain `]`; keys may contain a space
 * (`Nonce Mask`). The Q's `'STATS':{...}` wrapper is stripped first.
 */
export function mmTokens(s: string): [string, string][] {
  const inner = s.replace(/^'[^']*':\{/, '').replace(/\}$/, '');
  const out: [string, string][] = [];
  const re = /\s*([^[\]]+?)\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(inner)) !== null) out.push([m[1]!.trim(), m[2]!]);
  return out;
}

export function mmMap(s: string): Record<string, string> {
  return Object.fromEntries(mmTokens(s));
}

export function numbers(v: string | undefined): number[] {
  return (v ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
}

export type Json = Record<string, unknown>;

/** `reply[section][i]` as an object (throws when absent, so a test fails loudly). */
export function rec(reply: Json, section: string, i = 0): Json {
  const list = reply[section];
  if (!Array.isArray(list) || typeof list[i] !== 'object' || list[i] === null) throw new Error(`no ${section}[${i}] in ${JSON.stringify(reply).slice(0, 200)}`);
  return list[i] as Json;
}
