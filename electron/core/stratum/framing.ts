// Stratum V1 is newline-delimited JSON over a byte stream. This splits the
// stream into lines with a hard cap on line length, so a peer that never sends
// a newline (or sends one huge line) costs at most `maxLineBytes` of memory.
import { StratumError } from './errors.js';

/** Default cap on one line: 64 KiB, far above a real notify (a full merkle branch and a large coinbase stay under 10 KiB). */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

export class LineDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
    private readonly peer: string = 'peer',
  ) {
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) throw new RangeError(`maxLineBytes must be a positive integer, got ${maxLineBytes}`);
  }

  /**
   * Feeds received bytes; returns the complete lines (without "\n" or "\r\n";
   * empty lines dropped). Throws StratumError 'too-large' once a line exceeds the cap.
   */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      this.append(chunk.subarray(start, nl));
      const line = Buffer.concat(this.pending, this.pendingBytes).toString('utf8').replace(/\r$/, '');
      this.pending = [];
      this.pendingBytes = 0;
      if (line.trim() !== '') lines.push(line);
      start = nl + 1;
    }
    this.append(chunk.subarray(start));
    return lines;
  }

  private append(part: Buffer): void {
    if (part.length === 0) return;
    if (this.pendingBytes + part.length > this.maxLineBytes) {
      throw new StratumError('too-large', `${this.peer} sent a line longer than ${this.maxLineBytes} bytes`);
    }
    this.pending.push(part);
    this.pendingBytes += part.length;
  }
}
