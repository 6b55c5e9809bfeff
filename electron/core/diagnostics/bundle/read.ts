// Opens a support bundle for support staff: read whole into memory within
// the caps, checked entry by entry against the manifest's sizes and SHA-256
// sums, and every part validated against its schema. Read-only: nothing is
// extracted or written anywhere.
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { BundleManifestSchema, HealthReportSchema, type BundleManifest, type HealthReport, type LogEntry } from '../../../contract/diagnostics.js';
import { DeviceErrorSchema, SampleSchema, type DeviceError, type Sample } from '../../../contract/fleet.js';
import { DeviceSnapshotSchema, type DeviceSnapshot } from '../../../contract/snapshot.js';
import { formatZodError } from '../../storage/zod-message.js';
import { parseLogLines } from '../logging/reader.js';
import { BundleError } from './errors.js';
import { APP_LOGS_PATH, AUDIT_PATH, DEVICE_LOG, EVENTS_PATH, HISTORY_PATH, MANIFEST_PATH, RAW_ERROR, RAW_REPLY, REPORT_PATH, SNAPSHOT_PATH } from './layout.js';
import { sha256 } from './write.js';
import { DEFAULT_ZIP_LIMITS, readZip, type ZipLimits } from './zip-reader.js';

export interface OpenedBundle {
  manifest: BundleManifest;
  report: HealthReport;
  snapshot?: DeviceSnapshot;
  history: Sample[];
  events: unknown[];
  auditLog: unknown[];
  appLogs: LogEntry[];
  /** Raw reply text per command. */
  rawReplies: Record<string, string>;
  rawErrors: Record<string, DeviceError>;
  /** The device's own logs by name. */
  deviceLogs: Record<string, string>;
}

const FIXED = new Set([SNAPSHOT_PATH, REPORT_PATH, HISTORY_PATH, EVENTS_PATH, AUDIT_PATH, APP_LOGS_PATH]);

function parseJson<S extends z.ZodType>(files: Map<string, Buffer>, path: string, schema: S): z.output<S> | undefined {
  const bytes = files.get(path);
  if (bytes === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new BundleError('invalid-content', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BundleError('invalid-content', `${path} does not match its schema: ${formatZodError(parsed.error)}`);
  return parsed.data;
}

function checkAgainstManifest(files: Map<string, Buffer>, manifest: BundleManifest): void {
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const name of files.keys()) {
    if (name === MANIFEST_PATH) continue;
    if (!listed.has(name)) throw new BundleError('invalid-content', `${name} is in the archive but not in the manifest`);
    if (!FIXED.has(name) && !RAW_REPLY.test(name) && !RAW_ERROR.test(name) && !DEVICE_LOG.test(name)) {
      throw new BundleError('invalid-content', `${name} is not a file a Hearth bundle contains`);
    }
  }
  for (const f of manifest.files) {
    const bytes = files.get(f.path);
    if (bytes === undefined) throw new BundleError('invalid-content', `${f.path} is in the manifest but missing from the archive`);
    if (bytes.length !== f.bytes || sha256(bytes) !== f.sha256) throw new BundleError('checksum', `${f.path} does not match the checksum in the manifest: the bundle was altered or damaged`);
  }
}

export function openSupportBundle(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): OpenedBundle {
  const files = readZip(bytes, limits);
  const manifest = parseJson(files, MANIFEST_PATH, BundleManifestSchema);
  if (manifest === undefined) throw new BundleError('invalid-content', 'this zip has no manifest.json: it is not a Hearth support bundle');
  checkAgainstManifest(files, manifest);
  const report = parseJson(files, REPORT_PATH, HealthReportSchema);
  if (report === undefined) throw new BundleError('invalid-content', `${REPORT_PATH} is missing`);
  const snapshot = parseJson(files, SNAPSHOT_PATH, DeviceSnapshotSchema);
  const rawReplies: Record<string, string> = {};
  const rawErrors: Record<string, DeviceError> = {};
  const deviceLogs: Record<string, string> = {};
  for (const [name, content] of files) {
    const reply = RAW_REPLY.exec(name)?.[1];
    if (reply !== undefined) rawReplies[reply] = content.toString('utf8');
    const error = RAW_ERROR.exec(name)?.[1];
    if (error !== undefined) rawErrors[error] = parseJson(files, name, DeviceErrorSchema) as DeviceError;
    const log = DEVICE_LOG.exec(name)?.[1];
    if (log !== undefined) deviceLogs[log] = content.toString('utf8');
  }
  const appLogs = files.get(APP_LOGS_PATH);
  return {
    manifest,
    report,
    ...(snapshot === undefined ? {} : { snapshot }),
    history: parseJson(files, HISTORY_PATH, z.array(SampleSchema)) ?? [],
    events: parseJson(files, EVENTS_PATH, z.array(z.unknown())) ?? [],
    auditLog: parseJson(files, AUDIT_PATH, z.array(z.unknown())) ?? [],
    appLogs: appLogs === undefined ? [] : parseLogLines(appLogs.toString('utf8')).entries,
    rawReplies,
    rawErrors,
    deviceLogs,
  };
}

/** Reads a bundle file (size checked before reading) and opens it. */
export async function openSupportBundleFile(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<OpenedBundle> {
  let bytes: Buffer;
  try {
    const handle = await fs.open(path, 'r');
    try {
      const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
      if (!isFile) throw new BundleError('io', `${path} is not a regular file`);
      if (size > limits.maxArchiveBytes) throw new BundleError('too-large', `${path} is ${size} bytes; a bundle may be at most ${limits.maxArchiveBytes}`);
      bytes = Buffer.alloc(size);
      const { bytesRead } = await handle.read(bytes, 0, size, 0);
      if (bytesRead !== size) throw new BundleError('io', `${path} changed while it was being read`);
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw new BundleError('io', `cannot read ${path}: ${(e as Error).message}`);
  }
  return openSupportBundle(bytes, limits);
}
