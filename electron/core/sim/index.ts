// The simulator's public surface: simulated AvalonMiners serving the real
// CGMiner API on loopback, for tests, benchmarks and the app's demo mode.
export { startSimulation, SimulationError, DEFAULT_BASE, DEFAULT_PORT, DEFAULT_SEED } from './simulation.js';
export type { Simulation, SimulationOptions } from './simulation.js';
export { SimDevice, BOARD_DOWN_ECHU } from './device.js';
export type { CommandLogEntry, SimReading, BoardReading, PoolReading, RunState } from './device.js';
export { FAULTS, isFault } from './faults.js';
export type { Fault } from './faults.js';
export { PROFILES, DEFAULT_FLEET_MODELS, profileById } from './profiles.js';
export type { SimProfile, SimMode, Dialect } from './profiles.js';
export { allocateTargets, SimAddressError } from './addresses.js';
export type { Target } from './addresses.js';
