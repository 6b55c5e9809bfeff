// Typed failures of reading (and fetching material for) a support bundle,
// so the UI and the CLI can say exactly why a file was refused.

export type BundleErrorKind =
  /** The file is larger than a bundle may be. */
  | 'too-large'
  /** The file ends early: the zip's directory at its end is missing. */
  | 'truncated'
  /** Not a zip, or a zip whose structure contradicts itself. */
  | 'corrupt'
  /** Zip features a bundle never uses (encryption, ZIP64, other compression). */
  | 'unsupported'
  /** An entry name that could escape a folder: "..", absolute, drive letters, backslashes. */
  | 'unsafe-path'
  /** A symbolic link or other special file. */
  | 'not-a-file'
  /** Entries that inflate far beyond their size, or too many of them: a zip bomb. */
  | 'zip-bomb'
  /** A file's SHA-256 or size differs from the manifest, or the CRC from the zip. */
  | 'checksum'
  /** The manifest is missing or invalid, or a file does not match its schema. */
  | 'invalid-content'
  /** The file could not be read from disk. */
  | 'io';

export class BundleError extends Error {
  override readonly name = 'BundleError';
  readonly kind: BundleErrorKind;

  constructor(kind: BundleErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}
