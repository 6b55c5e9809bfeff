// Floating-point comparison for hand-worked figures: the working in the tests
// is exact arithmetic; the code uses doubles, so allow a relative 1e-12.
import assert from 'node:assert/strict';

export function assertClose(actual: number | undefined, expected: number, relTol = 1e-12, message?: string): void {
  assert.ok(actual !== undefined, message ?? `expected ${expected}, got undefined`);
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  assert.ok(Math.abs(actual - expected) <= relTol * scale, message ?? `expected ${expected}, got ${actual}`);
}
