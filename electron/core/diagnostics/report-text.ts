// The health report as plain text, for `hearth diag` over SSH and for logs:
// one line per check, the next step under every check that did not pass.
import type { HealthReport, HealthStatus } from '../../contract/diagnostics.js';

const LABEL: Record<HealthStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: ' ?? ' };

export function formatHealthReport(report: HealthReport): string {
  const what = [report.modelName ?? report.modelId, report.firmware === undefined ? undefined : `firmware ${report.firmware}`].filter((x) => x !== undefined).join(', ');
  const lines = [`Health of ${report.deviceId} (${what}): ${LABEL[report.overall].trim()}`];
  for (const c of report.checks) {
    lines.push(`  ${LABEL[c.status]}  ${c.title}: ${c.explanation}`);
    if (c.status !== 'pass') lines.push(`        Next: ${c.nextStep}`);
  }
  const unknown = report.decodedErrors.filter((d) => d.unknownBits.length > 0);
  for (const d of unknown) lines.push(`  note  ${d.field} ${d.code} on ${d.module}${d.board === undefined ? '' : ` board ${d.board}`}: bits ${d.unknownBits.join(', ')} are not documented`);
  return `${lines.join('\n')}\n`;
}
