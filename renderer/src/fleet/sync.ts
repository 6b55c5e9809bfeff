// The renderer's copy of the fleet: a fleet.sync answer with the fleet.delta
// events after it applied on top. Deltas are numbered without gaps, so a lost
// one (the server skips deltas for a client that reads too slowly; events are
// lost while the link is down) shows as a gap, and the copy is then reloaded
// instead of patched. Pure: the provider (state/fleet.tsx) makes the requests.
import type { FleetDelta, FleetDevice, FleetSync } from '../../../electron/contract/fleet.js';

export interface FleetCopy {
  /** The seq of the last delta it includes. */
  readonly seq: number;
  readonly byId: ReadonlyMap<string, FleetDevice>;
  /** In the core's order: a changed device keeps its place, a new one comes last. */
  readonly devices: readonly FleetDevice[];
}

export interface FleetSyncState {
  /** What the pages show, kept while a reload is under way; undefined until the first answer. */
  readonly copy: FleetCopy | undefined;
  /** Set while a fleet.sync is under way: the deltas that arrived meanwhile, to apply on top of its answer. */
  readonly held: readonly FleetDelta[] | undefined;
}

export interface FleetSyncStep {
  state: FleetSyncState;
  /** Ask for fleet.sync now; deltas that arrive meanwhile are already being held. */
  resync: boolean;
}

export const INITIAL_FLEET_SYNC: FleetSyncState = { copy: undefined, held: undefined };

/** Deltas held during one sync at most (the oldest go first; a gap they leave asks again). */
export const MAX_HELD_DELTAS = 256;

export function copyOf(answer: FleetSync): FleetCopy {
  const byId = new Map(answer.devices.map((d) => [d.record.id, d] as const));
  return { seq: answer.seq, byId, devices: [...byId.values()] };
}

/** The copy with the delta applied; 'old' when the copy already includes it, 'gap' when one before it is missing. */
export function applyDelta(copy: FleetCopy, delta: FleetDelta): FleetCopy | 'old' | 'gap' {
  if (delta.seq <= copy.seq) return 'old';
  if (delta.seq !== copy.seq + 1) return 'gap';
  const byId = new Map(copy.byId);
  for (const id of delta.removed) byId.delete(id);
  for (const device of delta.upserted) byId.set(device.record.id, device);
  return { seq: delta.seq, byId, devices: [...byId.values()] };
}

/** A fleet.sync request goes out: deltas from now on are held for its answer. */
export function syncStarted(state: FleetSyncState): FleetSyncState {
  return { copy: state.copy, held: [] };
}

export function deltaReceived(state: FleetSyncState, delta: FleetDelta): FleetSyncStep {
  if (state.held) return { state: { copy: state.copy, held: [...state.held, delta].slice(-MAX_HELD_DELTAS) }, resync: false };
  const next = state.copy ? applyDelta(state.copy, delta) : 'gap';
  if (next === 'old') return { state, resync: false };
  if (next === 'gap') return { state: syncStarted(state), resync: true };
  return { state: { copy: next, held: undefined }, resync: false };
}

export function syncAnswered(state: FleetSyncState, answer: FleetSync): FleetSyncStep {
  let copy = copyOf(answer);
  for (const delta of state.held ?? []) {
    const next = applyDelta(copy, delta);
    if (next === 'gap') return { state: { copy, held: [] }, resync: true };
    if (next !== 'old') copy = next;
  }
  return { state: { copy, held: undefined }, resync: false };
}

/** The request failed: the copy stays as it was, and the next delta that does not fit asks again. */
export function syncFailed(state: FleetSyncState): FleetSyncState {
  return { copy: state.copy, held: undefined };
}
