// Strict hex <-> bytes. Buffer.from(hex, 'hex') silently stops at the first bad
// character and drops an odd trailing nibble; pool data must never be read that
// way, so every decode here checks the text first.

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

export function isHex(text: string, bytes?: number): boolean {
  return HEX_RE.test(text) && (bytes === undefined || text.length === bytes * 2);
}

/** Decodes hex text; throws a TypeError naming `what` when it is not whole bytes of hex (of `bytes` length when given). */
export function hexToBytes(text: string, what: string, bytes?: number): Buffer {
  if (!isHex(text, bytes)) {
    const want = bytes === undefined ? 'hex bytes' : `${bytes} bytes of hex`;
    throw new TypeError(`${what}: expected ${want}, got ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}...` : text)}`);
  }
  return Buffer.from(text, 'hex');
}

/** A 32-bit value as 8 hex digits, most significant first (stratum's form for version, nbits, ntime, nonce). */
export function u32ToHex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/** Parses stratum's 8-digit big-endian hex form of a 32-bit value. */
export function hexToU32(text: string, what: string): number {
  if (!isHex(text, 4)) throw new TypeError(`${what}: expected 8 hex digits, got ${JSON.stringify(text)}`);
  return Number.parseInt(text, 16) >>> 0;
}
