import type { EngineEvent } from '../../shared/events.js';

export type Severity = EngineEvent['severity'];

/**
 * The shape of an event's severity, so colour is never the only cue: critical is a red triangle
 * with "!", warning an amber diamond with "!", info a hollow grey ring with a dot. `muted` draws
 * the shape in grey (an old event that no longer needs the eye).
 */
export function SeverityGlyph({ severity, label, size = 12, muted = false }: { readonly severity: Severity; readonly label: string; readonly size?: number; readonly muted?: boolean }) {
  return (
    <svg className="glyph" width={size} height={size} viewBox="0 0 12 12" role="img" aria-label={label} data-glyph={`severity-${severity}`} data-muted={muted}>
      <title>{label}</title>
      {severity === 'critical' && (
        <>
          <path d="M6 0.6 L11.5 10.9 L0.5 10.9 Z" fill="var(--bp-st-down)" />
          <path className="glyph__mark" d="M6 4 V7.4 M6 8.7 V9.5" stroke="var(--bp-surface-sunken)" strokeWidth={1.5} />
        </>
      )}
      {severity === 'warning' && (
        <>
          <path d="M6 0.4 L11.6 6 L6 11.6 L0.4 6 Z" fill="var(--bp-st-degraded)" />
          <path className="glyph__mark" d="M6 3.3 V6.6 M6 7.9 V8.7" stroke="var(--bp-surface-sunken)" strokeWidth={1.5} />
        </>
      )}
      {severity === 'info' && (
        <>
          <circle cx={6} cy={6} r={4.6} fill="none" stroke="var(--bp-text-dim)" strokeWidth={1.2} />
          <circle cx={6} cy={6} r={1.3} fill="var(--bp-text-dim)" />
        </>
      )}
    </svg>
  );
}
