// Names of the log files in the log folder: `<base>.log` is written to, and
// rotation shifts it to `<base>.1.log`, `<base>.1.log` to `<base>.2.log`, and
// so on, so a higher number is older.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const DEFAULT_LOG_BASE = 'hearth';

export function logFileName(base: string, generation: number): string {
  return generation === 0 ? `${base}.log` : `${base}.${generation}.log`;
}

function generationOf(base: string, name: string): number | undefined {
  if (name === `${base}.log`) return 0;
  const m = /^(.+)\.(\d{1,4})\.log$/.exec(name);
  return m !== null && m[1] === base ? Number(m[2]) : undefined;
}

/** The log files present, oldest first (so entries read in order come out in time order). */
export async function listLogFiles(dir: string, base = DEFAULT_LOG_BASE): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names
    .map((name) => ({ name, gen: generationOf(base, name) }))
    .filter((f): f is { name: string; gen: number } => f.gen !== undefined)
    .sort((a, b) => b.gen - a.gen)
    .map((f) => path.join(dir, f.name));
}
