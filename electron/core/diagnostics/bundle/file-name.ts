// The file name a bundle is offered under: the device and the time, in
// characters every file system accepts.

/** "hearth-192.168.1.7-4028-20261130-120000.zip" (UTC). */
export function bundleFileName(deviceId: string, createdAt: number): string {
  const device = deviceId.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'device';
  const d = new Date(createdAt);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp = Number.isNaN(d.getTime())
    ? 'undated'
    : `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return `hearth-${device}-${stamp}.zip`;
}
