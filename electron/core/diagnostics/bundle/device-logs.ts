// The device's own log files, fetched from its web server for a support
// bundle. The Nano 3S firmware serves them at `POST /usrdata` to HTTP Basic
// user `admin` with the web password; the request body is the file's name,
// and the server answers 401 "Unauthorized" for wrong credentials and 404
// for a file it does not have (N3S-WEB cg_miner/web/http/http.c
// http_post_file_handler). Each request has a timeout and a size cap.
import http from 'node:http';
import type { AvalonModel } from '../../avalon/models.js';

/** The log files the Nano 3S web server hands out (its `efuse` entry is factory data, not a log, and is not asked for). */
export const DEVICE_LOG_FILES = ['mm_sys_log', 'cg_sys_log', 'asic_sys_log', 'mm_op_log', 'cg_op_log'] as const;
export type DeviceLogName = (typeof DEVICE_LOG_FILES)[number];

/**
 * Whether the model's web server serves `/usrdata`: documented for the Nano
 * 3S (its published source); the Mini 3 and Q run the same MM319 firmware
 * family, so Hearth asks them too and reports a 404 plainly if they do not.
 */
export function servesDeviceLogs(model: AvalonModel | undefined): boolean {
  return model?.family === 'mm319';
}

export interface DeviceLogOptions {
  host: string;
  /** The device's web port; default 80. */
  port?: number;
  /** The web (admin) password, as the user types it. */
  password: string;
  files?: readonly DeviceLogName[];
  /** Per file; default 10 s. */
  timeoutMs?: number;
  /** Largest part of one file kept (its end, where the newest lines are); default 2 MiB. */
  maxBytesPerFile?: number;
  /** All files together; default 8 MiB. */
  maxTotalBytes?: number;
  signal?: AbortSignal;
}

export type DeviceLogResult =
  | { name: DeviceLogName; ok: true; text: string; bytes: number; truncated: boolean }
  | { name: DeviceLogName; ok: false; status?: number; error: string };

export interface DeviceLogs {
  files: DeviceLogResult[];
  /** The device refused the password: no further file was asked for. */
  authFailed: boolean;
}

/** A device that keeps sending past this multiple of the cap is cut off rather than read to its end. */
const READ_AHEAD_FACTOR = 4;

export async function fetchDeviceLogs(opts: DeviceLogOptions): Promise<DeviceLogs> {
  const maxTotal = opts.maxTotalBytes ?? 8 * 1024 * 1024;
  const files: DeviceLogResult[] = [];
  let total = 0;
  for (const name of opts.files ?? DEVICE_LOG_FILES) {
    if (total >= maxTotal) {
      files.push({ name, ok: false, error: `not fetched: the ${maxTotal}-byte budget for device logs is used up` });
      continue;
    }
    const cap = Math.min(opts.maxBytesPerFile ?? 2 * 1024 * 1024, maxTotal - total);
    const result = await fetchOne(name, opts, cap);
    files.push(result);
    if (result.ok) total += result.bytes;
    if (!result.ok && result.status === 401) return { files, authFailed: true };
  }
  return { files, authFailed: false };
}

function fetchOne(name: DeviceLogName, opts: DeviceLogOptions, cap: number): Promise<DeviceLogResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const body = Buffer.from(name, 'utf8');
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: DeviceLogResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const req = http.request({
      host: opts.host,
      port: opts.port ?? 80,
      method: 'POST',
      path: '/usrdata',
      auth: `admin:${opts.password}`,
      // Always a Content-Length: the Q's CGI server hangs on a POST without one (protocol reference 8.3).
      headers: { 'Content-Type': 'text/plain', 'Content-Length': body.length },
      ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    });
    const timer = setTimeout(() => done({ name, ok: false, error: `no complete answer within ${timeoutMs} ms` }), timeoutMs);
    req.on('error', (e) => done({ name, ok: false, error: e.message }));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        res.resume();
        const error = status === 401 ? 'the device refused the web password' : status === 404 ? 'the device does not have this file' : `HTTP ${status}`;
        done({ name, ok: false, status, error });
        return;
      }
      // Keep the newest `cap` bytes: the firmware concatenates the rotated file and then the current one.
      const chunks: Buffer[] = [];
      let kept = 0;
      let received = 0;
      const finish = (truncated: boolean): void => {
        const all = Buffer.concat(chunks);
        const tail = all.subarray(Math.max(0, all.length - cap));
        done({ name, ok: true, text: tail.toString('utf8'), bytes: tail.length, truncated: truncated || received > tail.length });
      };
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        chunks.push(chunk);
        kept += chunk.length;
        while (kept - (chunks[0]?.length ?? 0) >= cap && chunks.length > 1) kept -= chunks.shift()?.length ?? 0;
        if (received > cap * READ_AHEAD_FACTOR) finish(true);
      });
      res.on('end', () => finish(false));
      res.on('error', (e) => done({ name, ok: false, error: e.message }));
    });
    req.end(body);
  });
}
