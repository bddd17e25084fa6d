/**
 * Shapes of the schedule, so colour is never the only cue: an emergency meeting carries a
 * triangle with "!" (amber) beside the word; a cancelled one a struck circle.
 */
export function EmergencyGlyph({ label, size = 12 }: { readonly label: string; readonly size?: number }) {
  return (
    <svg className="glyph" width={size} height={size} viewBox="0 0 12 12" role="img" aria-label={label} data-glyph="emergency">
      <title>{label}</title>
      <path d="M6 0.8 L11.4 10.8 L0.6 10.8 Z" fill="none" stroke="var(--bp-st-degraded)" strokeWidth={1.5} strokeLinejoin="round" />
      <path d="M6 4.2 V7.3 M6 8.6 V9.3" stroke="var(--bp-st-degraded)" strokeWidth={1.5} />
    </svg>
  );
}

export function CancelledGlyph({ label, size = 12 }: { readonly label: string; readonly size?: number }) {
  return (
    <svg className="glyph" width={size} height={size} viewBox="0 0 12 12" role="img" aria-label={label} data-glyph="cancelled">
      <title>{label}</title>
      <circle cx={6} cy={6} r={4.6} fill="none" stroke="var(--bp-text-faint)" strokeWidth={1.3} />
      <path d="M2.8 9.2 L9.2 2.8" stroke="var(--bp-text-faint)" strokeWidth={1.3} />
    </svg>
  );
}

/** A live meeting: a small filled square "on air" mark, quiet grey. */
export function LiveGlyph({ label, size = 12 }: { readonly label: string; readonly size?: number }) {
  return (
    <svg className="glyph" width={size} height={size} viewBox="0 0 12 12" role="img" aria-label={label} data-glyph="live">
      <title>{label}</title>
      <circle cx={6} cy={6} r={4.6} fill="none" stroke="var(--bp-st-in-call)" strokeWidth={1.2} />
      <circle cx={6} cy={6} r={2.2} fill="var(--bp-st-in-call)" />
    </svg>
  );
}
