// Shared by the diagnostics tests: snapshots from the real captures, and a
// simulator on its own loopback range with a clock the tests move by hand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeviceSnapshot } from '../../../electron/contract/snapshot.js';
import { buildSnapshot, type SnapshotReplies } from '../../../electron/core/avalon/snapshot.js';
import { startSimulation, type Simulation } from '../../../electron/core/sim/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const capturesDir = path.join(repoRoot, '..', 'shared', 'captures', 'avalon');

export function capture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(capturesDir, name), 'utf8')) as Record<string, unknown>;
}

export function captureText(name: string): string {
  return readFileSync(path.join(capturesDir, name), 'utf8');
}

export const A1566_REPLIES: SnapshotReplies = {
  version: capture('a1566-version.json'),
  devs: capture('a1566-devs.json'),
  pools: capture('a1566-pools.json'),
  estats: capture('a1566-estats.json'),
};

export function a1566Snapshot(): DeviceSnapshot {
  return buildSnapshot(A1566_REPLIES, Date.parse('2026-11-30T12:00:00Z'));
}

/** The Nano 3S capture is the `MM ID0` value only; it is wrapped in the stats reply the firmware sends. */
export function nano3sSnapshot(): DeviceSnapshot {
  const mm = captureText('nano3s_mm_id0_value.txt').trim();
  const estats = { STATUS: [{ STATUS: 'S', Code: 70, Msg: 'CGMiner stats' }], STATS: [{ STATS: 0, ID: 'AVALON0', 'MM ID0': mm }] };
  const version = {
    STATUS: [{ STATUS: 'S', Code: 22, Msg: 'CGMiner versions' }],
    VERSION: [{ CGMiner: '4.11.1', API: '3.7', PROD: 'Avalon Nano3s', MODEL: 'Nano3s', HWTYPE: 'N_MM1v1_X1', SWTYPE: 'MM319' }],
  };
  return buildSnapshot({ version, estats }, Date.parse('2026-11-30T12:00:00Z'));
}

export interface SimHarness {
  sim: Simulation;
  clock: { t: number };
  advance(ms: number): void;
}

/** A simulation on `base` (a loopback range of its own per test file), clock starting at a fixed time. */
export async function startSim(base: string, models: string[], seed = 7): Promise<SimHarness> {
  const clock = { t: Date.parse('2026-11-30T12:00:00Z') };
  const sim = await startSimulation({ count: models.length, base, port: 4028, seed, models, now: () => clock.t });
  return { sim, clock, advance: (ms) => void (clock.t += ms) };
}
