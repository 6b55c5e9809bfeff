// Kill -9 in the middle of heavy writing: the database must open, pass
// PRAGMA integrity_check, keep every commit the writer reported, and lose at
// most the last moments before the kill. The figures printed here are the
// ones quoted in docs/history.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadSqlite } from '../../../electron/core/history/sqlite.js';
import { HISTORY_FILE, HistoryStore } from '../../../electron/core/history/store.js';
import { tempDir } from './temp-dir.js';
import { join } from 'node:path';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const FLUSH_DELAY_MS = 1000; // the store's default
/** "At most the last few seconds": the flush delay plus room for a busy machine's late timers (2.4 s seen on a shared 2-core box). */
const MAX_LOSS_MS = FLUSH_DELAY_MS + 4000;

interface Killed {
  killedAt: number;
  lastReported: number;
  lines: number;
}

/** Runs the writer until it has reported for `runMs`, then SIGKILLs it. */
async function runAndKill(dir: string, mode: 'round' | 'timer', runMs: number): Promise<Killed> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let lastReported = 0;
  let lines = 0;
  let firstAt: number | undefined;
  let killedAt = 0;
  const rl = createInterface({ input: child.stdout });
  rl.on('line', (line) => {
    const at = Number(line.split(' ')[1]);
    if (!Number.isFinite(at)) return;
    lastReported = at;
    lines++;
    firstAt ??= Date.now();
    if (killedAt === 0 && Date.now() - firstAt >= runMs) {
      killedAt = Date.now();
      child.kill('SIGKILL');
    }
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('close', (c, s) => resolve([c, s])));
  assert.equal(signal, 'SIGKILL', `writer ended by itself (exit ${code}): ${stderr}`);
  return { killedAt, lastReported, lines };
}

function inspect(dir: string): { integrity: string; newest: number; rows: number } {
  const db = new (loadSqlite())(join(dir, HISTORY_FILE));
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const { newest, rows } = db.prepare('SELECT max(t) AS newest, count(*) AS rows FROM samples').get() as { newest: number; rows: number };
    return { integrity, newest, rows };
  } finally {
    db.close();
  }
}

test('SIGKILL during heavy writing: the database opens, passes integrity_check and keeps every reported commit', { timeout: 60_000 }, async (t) => {
  const dir = tempDir(t);
  const losses: Record<'round' | 'timer', number[]> = { round: [], timer: [] };
  // Random kill moments; the same file is reopened and written again after each kill.
  const runs: ('round' | 'timer')[] = ['round', 'timer', 'round', 'timer'];
  for (const mode of runs) {
    const runMs = 700 + Math.floor(Math.random() * 1300);
    const killed = await runAndKill(dir, mode, runMs);
    const after = inspect(dir);
    assert.equal(after.integrity, 'ok');
    assert.ok(killed.lines > 5, `the writer ran (${killed.lines} reports)`);
    if (mode === 'round') assert.ok(after.newest >= killed.lastReported, `commit ${killed.lastReported} reported but missing (newest ${after.newest})`);
    else assert.ok(killed.lastReported - after.newest <= MAX_LOSS_MS, `${killed.lastReported - after.newest} ms of recorded samples lost`);
    losses[mode].push(killed.killedAt - after.newest);
    // The store itself opens it and carries on.
    const store = HistoryStore.open(dir);
    store.record('10.1.0.1:4028', { ghs: 1 }, Date.now() + 10);
    assert.equal(store.flush(), 1);
    store.close();
  }
  t.diagnostic(`loss window (kill time - newest stored sample), flush per round: ${losses.round.join(', ')} ms`);
  t.diagnostic(`loss window, store's own 1 s flush timer: ${losses.timer.join(', ')} ms`);
});
