// The simulator's small physical model, as pure functions of one-second
// steps: rolling hash-rate averages, fan speed, and a first-order thermal
// model in which chip temperature relaxes towards an equilibrium set by heat
// load and airflow. The constants are calibrated on the captures (see
// docs/simulator.md); they are plausible, not measured physics.

/** Weight of a new one-second sample in an exponential average with time constant `tauS`. */
export function emaAlpha(tauS: number): number {
  return 1 - Math.exp(-1 / tauS);
}

/** Fans spin at a floor speed at 0 % duty; speed is linear in duty above it. */
const FAN_FLOOR = 0.25;

export function fanRpmForDuty(dutyPercent: number, maxRpm: number): number {
  return maxRpm * (FAN_FLOOR + (1 - FAN_FLOOR) * (Math.min(100, Math.max(0, dutyPercent)) / 100));
}

/**
 * Thermal resistance falls with airflow but never to zero (heat sinks and
 * chassis still conduct); `airflow` is 0 (no fan turning) to 1 (all at max).
 */
const AIRFLOW_OFFSET = 0.1;

function resistance(airflow: number): number {
  return 1 / (AIRFLOW_OFFSET + Math.max(0, airflow));
}

export interface ThermalRef {
  /** Chip-average rise over inlet at the reference heat and airflow. */
  riseC: number;
  /** Heat per board at the reference point, W. */
  heatW: number;
  /** Airflow (0..1) at the reference point. */
  airflow: number;
}

/** Equilibrium chip-average temperature of a board. */
export function equilibriumTemp(inletC: number, heatW: number, airflow: number, ref: ThermalRef): number {
  if (ref.heatW <= 0) return inletC;
  return inletC + ref.riseC * (heatW / ref.heatW) * (resistance(airflow) / resistance(ref.airflow));
}

/** Airflow (0..1) needed to hold `targetC`; above 1 means the target cannot be held. */
export function airflowForTarget(inletC: number, targetC: number, heatW: number, ref: ThermalRef): number {
  const allowedRise = targetC - inletC;
  if (heatW <= 0 || allowedRise <= 0) return heatW <= 0 ? 0 : Infinity;
  const r = (allowedRise / (ref.riseC * (heatW / ref.heatW))) * resistance(ref.airflow);
  return 1 / r - AIRFLOW_OFFSET;
}

/** Duty (percent) whose fan speed gives `airflow` with every fan turning. */
export function dutyForAirflow(airflow: number): number {
  return ((airflow - FAN_FLOOR) / (1 - FAN_FLOOR)) * 100;
}

/** Time constants, seconds. */
export const THERMAL_TAU_S = 30;
export const FAN_TAU_S = 3;
/** Integral gain of the automatic fan control, duty percent per degree per second. */
export const FAN_GAIN = 0.3;
