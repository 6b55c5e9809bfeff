// The three answers cgminer's `ascset` gives (api.c ascset, Canaan's
// firmwares alike): a driver text is `I` 118 "ASC 0 set info: ...", none is
// `S` 119 "ASC 0 set OK", an error `E` 120 "ASC 0 set failed: ...".
import type { SimReading } from './device.js';
import { statusReply } from './replies.js';
import type { Reply } from './wire.js';

export const info = (r: SimReading, text: string): Reply => statusReply(r, 'I', 118, `ASC 0 set info: ${text}`);
export const ok = (r: SimReading): Reply => statusReply(r, 'S', 119, 'ASC 0 set OK');
export const failed = (r: SimReading, text: string): Reply => statusReply(r, 'E', 120, `ASC 0 set failed: ${text}`);

/** A whole decimal integer, as the firmwares' parsers accept it; anything else is undefined. */
export function parseInteger(s: string | undefined): number | undefined {
  return s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined;
}
