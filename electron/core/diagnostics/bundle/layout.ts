// Where each part of a support bundle lives inside the zip. Shared by the
// writer and the reader so the two cannot drift apart.

export const MANIFEST_PATH = 'manifest.json';
export const SNAPSHOT_PATH = 'device/snapshot.json';
export const REPORT_PATH = 'device/health-report.json';
export const HISTORY_PATH = 'device/history.json';
export const EVENTS_PATH = 'device/events.json';
export const AUDIT_PATH = 'app/audit-log.json';
export const APP_LOGS_PATH = 'app/logs.jsonl';

/** Raw reply text of one command, exactly as the device sent it (secrets removed). */
export const rawReplyPath = (command: string): string => `device/raw/${command}.txt`;
/** Why one command got no reply. */
export const rawErrorPath = (command: string): string => `device/raw/${command}.error.json`;
export const deviceLogPath = (name: string): string => `device/logs/${name}.log`;

export const RAW_REPLY = /^device\/raw\/([a-z]{1,32})\.txt$/;
export const RAW_ERROR = /^device\/raw\/([a-z]{1,32})\.error\.json$/;
export const DEVICE_LOG = /^device\/logs\/([a-z_]{1,32})\.log$/;
