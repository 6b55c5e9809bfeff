// A strict, in-memory zip reader for support bundles. Bundles come from
// other people, so nothing in one is trusted: the structure is checked
// against itself (central directory, local headers, sizes, CRC-32), every
// limit is enforced before and during inflation, and nothing is ever written
// to disk. Layout facts: PKWARE APPNOTE.TXT sections 4.3.7, 4.3.12, 4.3.16.
import zlib from 'node:zlib';
import { BundleError } from './errors.js';

export interface ZipLimits {
  /** Largest archive accepted. */
  maxArchiveBytes: number;
  /** Largest single entry, inflated. */
  maxEntryBytes: number;
  /** All entries together, inflated. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Largest inflated/compressed ratio for entries above `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxArchiveBytes: 64 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntries: 256,
  // Text compresses 5-50x; repetitive logs up to a few hundred; deflate's own ceiling is about 1032x.
  maxRatio: 500,
  ratioFloorBytes: 1024 * 1024,
};

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;

const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** Entry names a bundle may hold: relative, forward slashes, plain characters. */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

interface CentralEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  directory: boolean;
}

export function checkEntryName(name: string): void {
  const bad = (why: string): BundleError => new BundleError('unsafe-path', `entry ${JSON.stringify(name.slice(0, 200))} refused: ${why}`);
  if (name.length === 0 || name.length > 255) throw bad('empty or too long');
  if (name.includes('\0')) throw bad('contains a NUL character');
  if (name.includes('\\')) throw bad('contains a backslash');
  if (name.startsWith('/')) throw bad('absolute path');
  if (/^[A-Za-z]:/.test(name)) throw bad('drive-letter path');
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  for (const s of segments) {
    if (s === '..' || s === '.') throw bad('contains a ".." or "." segment');
    if (!SAFE_SEGMENT.test(s)) throw bad('contains characters a bundle never uses');
  }
}

function findEocd(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - EOCD_SIZE - MAX_COMMENT);
  for (let i = buf.length - EOCD_SIZE; i >= lowest; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG && i + EOCD_SIZE + buf.readUInt16LE(i + 20) === buf.length) return i;
  }
  if (buf.length >= 4 && buf.readUInt32LE(0) === LOCAL_SIG) {
    throw new BundleError('truncated', 'the file ends early: it starts like a zip but its closing directory is missing (incomplete download or copy?)');
  }
  throw new BundleError('corrupt', 'not a zip file');
}

function readCentral(buf: Buffer, limits: ZipLimits): { entries: CentralEntry[]; centralStart: number } {
  const eocd = findEocd(buf);
  if (eocd >= 20 && buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIG) throw new BundleError('unsupported', 'ZIP64 archives are not used by bundles');
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const onDisk = buf.readUInt16LE(eocd + 8);
  const total = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || onDisk !== total) throw new BundleError('unsupported', 'multi-part archives are not used by bundles');
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new BundleError('unsupported', 'ZIP64 archives are not used by bundles');
  if (total > limits.maxEntries) throw new BundleError('zip-bomb', `the archive has ${total} entries; a bundle has at most ${limits.maxEntries}`);
  if (cdOffset + cdSize !== eocd) throw new BundleError('corrupt', 'the central directory is not where the archive says');

  const entries: CentralEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + CENTRAL_SIZE > eocd || buf.readUInt32LE(p) !== CENTRAL_SIG) throw new BundleError('corrupt', `central directory entry ${i} is damaged`);
    const madeBy = buf.readUInt16LE(p + 4);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    const localOffset = buf.readUInt32LE(p + 42);
    const end = p + CENTRAL_SIZE + nameLen + extraLen + commentLen;
    if (end > eocd) throw new BundleError('corrupt', `central directory entry ${i} runs past the directory`);
    const name = buf.toString('utf8', p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLen);
    p = end;

    checkEntryName(name);
    if ((flags & 0x1) !== 0) throw new BundleError('unsupported', `entry ${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new BundleError('unsupported', `entry ${name} uses compression method ${method}`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new BundleError('unsupported', `entry ${name} needs ZIP64`);
    const mode = external >>> 16;
    if (madeBy >> 8 === UNIX_HOST && (mode & S_IFMT) !== 0) {
      const type = mode & S_IFMT;
      if (type === S_IFLNK) throw new BundleError('not-a-file', `entry ${name} is a symbolic link`);
      if (type !== S_IFREG && type !== S_IFDIR) throw new BundleError('not-a-file', `entry ${name} is a special file`);
    }
    entries.push({ name, method, crc, compressedSize, size, localOffset, directory: name.endsWith('/') });
  }
  if (p !== eocd) throw new BundleError('corrupt', 'the central directory has bytes the archive does not account for');
  return { entries, centralStart: cdOffset };
}

function checkSizes(entries: readonly CentralEntry[], limits: ZipLimits): void {
  let total = 0;
  const seen = new Set<string>();
  for (const e of entries) {
    const key = e.name.toLowerCase();
    if (seen.has(key)) throw new BundleError('corrupt', `entry ${e.name} appears twice`);
    seen.add(key);
    if (e.directory && e.size !== 0) throw new BundleError('corrupt', `directory entry ${e.name} has content`);
    if (e.size > limits.maxEntryBytes) throw new BundleError('zip-bomb', `entry ${e.name} inflates to ${e.size} bytes; the limit is ${limits.maxEntryBytes}`);
    total += e.size;
    if (total > limits.maxTotalBytes) throw new BundleError('zip-bomb', `the entries inflate to more than ${limits.maxTotalBytes} bytes together`);
    if (e.method === 0 && e.size !== e.compressedSize) throw new BundleError('corrupt', `stored entry ${e.name} has two different sizes`);
    if (e.size > limits.ratioFloorBytes && e.size > e.compressedSize * limits.maxRatio) {
      throw new BundleError('zip-bomb', `entry ${e.name} would inflate ${Math.round(e.size / Math.max(1, e.compressedSize))} times; the limit is ${limits.maxRatio}`);
    }
  }
}

/** The entry's compressed bytes, after checking its local header agrees with the directory. */
function dataRange(buf: Buffer, e: CentralEntry, centralStart: number): { start: number; end: number } {
  const p = e.localOffset;
  if (p + LOCAL_SIZE > centralStart || buf.readUInt32LE(p) !== LOCAL_SIG) throw new BundleError('corrupt', `the local header of ${e.name} is missing`);
  const method = buf.readUInt16LE(p + 8);
  const nameLen = buf.readUInt16LE(p + 26);
  const extraLen = buf.readUInt16LE(p + 28);
  const name = buf.toString('utf8', p + LOCAL_SIZE, Math.min(centralStart, p + LOCAL_SIZE + nameLen));
  if (name !== e.name || method !== e.method) throw new BundleError('corrupt', `the local header of ${e.name} disagrees with the directory`);
  const start = p + LOCAL_SIZE + nameLen + extraLen;
  const end = start + e.compressedSize;
  if (end > centralStart) throw new BundleError('truncated', `the data of ${e.name} runs past the end of the archive`);
  return { start, end };
}

function inflate(name: string, data: Buffer, method: number, size: number): Buffer {
  if (method === 0) return data;
  try {
    // maxOutputLength makes zlib itself stop at the declared size, so an entry that lies about it cannot allocate more.
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new BundleError('zip-bomb', `entry ${name} inflates beyond its declared ${size} bytes`);
    }
    throw new BundleError('corrupt', `entry ${name} does not inflate: ${(err as Error).message}`);
  }
}

/** Every regular file of the archive, by name. Throws BundleError for anything unsafe or damaged. */
export function readZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, Buffer> {
  if (bytes.length > limits.maxArchiveBytes) throw new BundleError('too-large', `the file is ${bytes.length} bytes; a bundle may be at most ${limits.maxArchiveBytes}`);
  if (bytes.length < EOCD_SIZE) throw new BundleError(bytes.length >= 4 ? 'truncated' : 'corrupt', 'the file is too short to be a zip');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const { entries, centralStart } = readCentral(buf, limits);
  checkSizes(entries, limits);

  const ranges = entries.map((e) => ({ e, ...dataRange(buf, e, centralStart) })).sort((a, b) => a.start - b.start);
  // Entries sharing bytes are the trick behind non-recursive zip bombs.
  for (let i = 1; i < ranges.length; i++) {
    const prev = ranges[i - 1];
    const cur = ranges[i];
    if (prev !== undefined && cur !== undefined && cur.start < prev.end) throw new BundleError('zip-bomb', `entries ${prev.e.name} and ${cur.e.name} overlap`);
  }

  const files = new Map<string, Buffer>();
  for (const { e, start, end } of ranges) {
    if (e.directory) continue;
    const out = inflate(e.name, buf.subarray(start, end), e.method, e.size);
    if (out.length !== e.size) throw new BundleError('corrupt', `entry ${e.name} inflates to ${out.length} bytes, not the ${e.size} declared`);
    if (zlib.crc32(out) >>> 0 !== e.crc) throw new BundleError('checksum', `entry ${e.name} fails its CRC-32 check`);
    files.set(e.name, out);
  }
  return files;
}
