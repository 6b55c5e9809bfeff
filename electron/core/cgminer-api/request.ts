// Builds CGMiner API requests, refusing anything the server could misread.
// Wire facts: docs/cgminer-api.md "Requests" (avalon-protocol.md 1.1, 1.2, 1.5).
import { CgminerRequestError } from './errors.js';

const COMMAND = /^[a-z0-9_-]+$/i;
const MAX_COMMAND_CHARS = 64;
const MAX_PARAMETER_CHARS = 1024;
// cgminer reads a request with one recv() of at most 4095 bytes.
export const MAX_REQUEST_BYTES = 4095;

/** Refuses a host or port no connection could be made to, before any socket is opened. */
export function checkTarget(target: { host: string; port: number }): void {
  if (typeof target?.host !== 'string' || target.host.trim() === '' || target.host.length > 253 || /[\s\0/]/.test(target.host)) {
    throw new CgminerRequestError(`invalid host ${JSON.stringify(target?.host)}`);
  }
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    throw new CgminerRequestError(`invalid port ${String(target.port)}: must be an integer from 1 to 65535`);
  }
}

function checkCommand(command: string): void {
  if (typeof command !== 'string' || !COMMAND.test(command) || command.length > MAX_COMMAND_CHARS) {
    throw new CgminerRequestError(
      `invalid command ${JSON.stringify(command)}: expected 1-${MAX_COMMAND_CHARS} letters, digits, '_' or '-'`,
    );
  }
}

function checkParameter(parameter: string | undefined): void {
  if (parameter === undefined) return;
  if (typeof parameter !== 'string') throw new CgminerRequestError('parameter must be a string');
  if (parameter.length > MAX_PARAMETER_CHARS) {
    throw new CgminerRequestError(`parameter too long (${parameter.length} characters, at most ${MAX_PARAMETER_CHARS})`);
  }
  if (parameter.includes('\0')) throw new CgminerRequestError('parameter contains a NUL byte');
}

function checkSize(payload: string): string {
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > MAX_REQUEST_BYTES) {
    throw new CgminerRequestError(`request is ${bytes} bytes; the API reads at most ${MAX_REQUEST_BYTES}`);
  }
  return payload;
}

/** `{"command":"...","parameter":"..."}`; the parameter key is left out when there is none. */
export function encodeJsonRequest(command: string, parameter?: string): string {
  checkCommand(command);
  checkParameter(parameter);
  const body = parameter === undefined ? { command } : { command, parameter };
  return checkSize(JSON.stringify(body));
}

/**
 * The joined request `{"command":"cmd1+cmd2+..."}`, for report commands only
 * (the server ignores parameters in joins). Duplicates are dropped, as the
 * server would; `commands` lists the names actually sent.
 */
export function encodeJoinedRequest(commands: readonly string[]): { payload: string; commands: string[] } {
  if (!Array.isArray(commands) || commands.length === 0) throw new CgminerRequestError('no commands to join');
  const unique: string[] = [];
  for (const command of commands) {
    checkCommand(command);
    if (!unique.some((c) => c.toLowerCase() === command.toLowerCase())) unique.push(command);
  }
  return { payload: checkSize(JSON.stringify({ command: unique.join('+') })), commands: unique };
}

/** The text form `cmd` or `cmd|parameter`. */
export function encodeTextRequest(command: string, parameter?: string): string {
  checkCommand(command);
  checkParameter(parameter);
  return checkSize(parameter === undefined ? command : `${command}|${parameter}`);
}
