// Assembles a support bundle: every part redacted, serialised, listed in a
// manifest with its size and SHA-256, and zipped with fflate (a small,
// dependency-free zip writer whose archives open in any unzip tool).
import { createHash } from 'node:crypto';
import os from 'node:os';
import { zipSync } from 'fflate';
import { BUNDLE_FORMAT, type BundleManifest, type HealthReport, type LogEntry } from '../../../contract/diagnostics.js';
import type { Sample } from '../../../contract/fleet.js';
import type { DeviceSnapshot } from '../../../contract/snapshot.js';
import type { RawReply } from '../collect.js';
import { redactText, redactValue, type RedactionOptions } from '../redact.js';
import type { DeviceLogResult } from './device-logs.js';
import {
  APP_LOGS_PATH,
  AUDIT_PATH,
  EVENTS_PATH,
  HISTORY_PATH,
  MANIFEST_PATH,
  REPORT_PATH,
  SNAPSHOT_PATH,
  deviceLogPath,
  rawErrorPath,
  rawReplyPath,
} from './layout.js';

export interface HostInfo {
  platform: string;
  release: string;
  arch: string;
  node: string;
}

export function currentHost(): HostInfo {
  return { platform: os.platform(), release: os.release(), arch: os.arch(), node: process.version };
}

export interface BundleContent {
  createdAt: number;
  appVersion: string;
  host?: HostInfo;
  deviceId: string;
  report: HealthReport;
  snapshot?: DeviceSnapshot;
  raw?: Partial<Record<string, RawReply>>;
  history?: readonly Sample[];
  events?: readonly unknown[];
  auditLog?: readonly unknown[];
  appLogs?: readonly LogEntry[];
  deviceLogs?: readonly DeviceLogResult[];
  notes?: readonly string[];
  /** Known secrets to scrub everywhere (pool passwords, the web password). */
  secrets?: readonly string[];
  /** Shorten wallet addresses used as worker names; default true. */
  redactWalletWorkers?: boolean;
}

export interface BuiltBundle {
  bytes: Uint8Array;
  manifest: BundleManifest;
}

export function buildSupportBundle(content: BundleContent): BuiltBundle {
  const redaction: RedactionOptions = { secrets: content.secrets ?? [], walletWorkers: content.redactWalletWorkers ?? true };
  const files = new Map<string, string>();
  // Every file passes through the text layer last, whatever was done before: nothing leaves unscrubbed.
  const put = (path: string, text: string): void => void files.set(path, redactText(text, redaction));
  const putJson = (path: string, value: unknown): void => put(path, `${JSON.stringify(redactValue(value, redaction), null, 2)}\n`);

  if (content.snapshot !== undefined) putJson(SNAPSHOT_PATH, content.snapshot);
  putJson(REPORT_PATH, content.report);
  for (const [command, reply] of Object.entries(content.raw ?? {})) {
    if (reply === undefined) continue;
    if (reply.ok) put(rawReplyPath(command), reply.text);
    else putJson(rawErrorPath(command), reply.error);
  }
  putJson(HISTORY_PATH, content.history ?? []);
  putJson(EVENTS_PATH, content.events ?? []);
  putJson(AUDIT_PATH, content.auditLog ?? []);
  put(APP_LOGS_PATH, (content.appLogs ?? []).map((e) => `${JSON.stringify(redactValue(e, redaction))}\n`).join(''));
  const notes = [...(content.notes ?? [])];
  for (const log of content.deviceLogs ?? []) {
    if (log.ok) {
      put(deviceLogPath(log.name), log.text);
      if (log.truncated) notes.push(`device log ${log.name}: only its last ${log.bytes} bytes are included`);
    } else {
      notes.push(`device log ${log.name}: ${log.error}`);
    }
  }

  const encoded = new Map([...files].map(([path, text]) => [path, Buffer.from(text, 'utf8')]));
  const snapshot = content.snapshot;
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: 1,
    createdAt: content.createdAt,
    appVersion: content.appVersion,
    os: content.host ?? currentHost(),
    device: {
      id: content.deviceId,
      modelId: content.report.modelId,
      ...(snapshot?.identity.product === undefined ? {} : { product: snapshot.identity.product }),
      ...(content.report.firmware === undefined ? {} : { firmware: content.report.firmware }),
    },
    redaction: { secrets: true, walletWorkers: redaction.walletWorkers === true },
    notes: notes.map((n) => redactText(n, redaction)),
    files: [...encoded].map(([path, bytes]) => ({ path, bytes: bytes.length, sha256: sha256(bytes) })),
  };
  const zipped: Record<string, Uint8Array> = { [MANIFEST_PATH]: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') };
  for (const [path, bytes] of encoded) zipped[path] = bytes;
  return { bytes: zipSync(zipped, { level: 6, mtime: zipTime(content.createdAt) }), manifest };
}

/** Zip stores DOS dates, 1980 to 2099; a clock outside that (or a test's 0) must not break the export. */
const DOS_FIRST = Date.UTC(1980, 0, 2);
const DOS_LAST = Date.UTC(2099, 11, 31);

function zipTime(t: number): number {
  return Number.isFinite(t) ? Math.min(DOS_LAST, Math.max(DOS_FIRST, t)) : DOS_FIRST;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
