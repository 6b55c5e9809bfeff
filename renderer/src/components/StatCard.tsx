import type { ReactNode } from 'react';

export function StatCard({
  label,
  value,
  unit,
  detail,
  icon,
  tone = 'neutral',
  testId,
}: {
  label: string;
  value: string;
  unit?: string;
  detail?: string;
  icon: ReactNode;
  tone?: 'neutral' | 'good' | 'warn';
  testId: string;
}) {
  return (
    <section className={`stat-card stat-${tone}`} data-testid={testId} aria-label={label}>
      <div className="stat-head">
        <span className="stat-icon">{icon}</span>
        <h2 className="stat-label">{label}</h2>
      </div>
      <p className="stat-value">
        {value}
        {unit ? <span className="stat-unit"> {unit}</span> : null}
      </p>
      {detail ? <p className="stat-detail">{detail}</p> : null}
    </section>
  );
}
