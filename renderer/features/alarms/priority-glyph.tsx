import type { AlarmPriority } from '../../../shared/alarms/alarm-rules.js';

/**
 * An alarm priority's own shape, so colour is never the only cue: critical a red triangle with
 * "!", high an amber diamond with "!", medium an amber square outline, low a grey ring.
 */
export function PriorityGlyph({ priority, label, size = 12 }: { readonly priority: AlarmPriority; readonly label: string; readonly size?: number }) {
  return (
    <svg className="glyph" width={size} height={size} viewBox="0 0 12 12" role="img" aria-label={label} data-glyph={`priority-${priority}`}>
      <title>{label}</title>
      {priority === 'critical' && (
        <>
          <path d="M6 0.6 L11.5 10.9 L0.5 10.9 Z" fill="var(--bp-st-down)" />
          <path d="M6 4 V7.4 M6 8.7 V9.5" stroke="var(--bp-surface-sunken)" strokeWidth={1.5} />
        </>
      )}
      {priority === 'high' && (
        <>
          <path d="M6 0.4 L11.6 6 L6 11.6 L0.4 6 Z" fill="var(--bp-st-degraded)" />
          <path d="M6 3.3 V6.6 M6 7.9 V8.7" stroke="var(--bp-surface-sunken)" strokeWidth={1.5} />
        </>
      )}
      {priority === 'medium' && <rect x={1.5} y={1.5} width={9} height={9} fill="none" stroke="var(--bp-st-degraded)" strokeWidth={1.6} />}
      {priority === 'low' && <circle cx={6} cy={6} r={4.4} fill="none" stroke="var(--bp-text-dim)" strokeWidth={1.4} />}
    </svg>
  );
}
