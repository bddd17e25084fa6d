import type { StatusKind } from './status-kind.js';

/**
 * The shape of each status, so colour is never the only cue: up is a calm filled circle, down a
 * triangle, degraded a diamond, unknown a hollow ring, unreachable a dashed dim ring, stale a
 * hatched grey disc. Colours come from palette.css.
 */
interface GlyphProps {
  readonly kind: StatusKind;
  /** The word for the status: the accessible name and the tooltip. */
  readonly label: string;
  readonly size?: number;
  /** Drawn in grey: the shape without the colour (e.g. a counter at zero needs no attention). */
  readonly muted?: boolean;
}

const C = 6;

/** Diagonal hatch lines clipped to a circle of radius r, computed (no SVG ids to collide). */
function hatch(r: number): string {
  const lines: string[] = [];
  for (const o of [-2.6, 0, 2.6]) {
    // Line x - y = o*√2 through the circle centred at (C, C): half-chord length h.
    const d = Math.abs(o);
    if (d >= r) continue;
    const h = Math.sqrt(r * r - d * d) / Math.SQRT2;
    const cx = C + o / Math.SQRT2;
    const cy = C - o / Math.SQRT2;
    lines.push(`M${(cx - h).toFixed(2)} ${(cy + h).toFixed(2)}L${(cx + h).toFixed(2)} ${(cy - h).toFixed(2)}`);
  }
  return lines.join('');
}

const HATCH = hatch(4.2);

function shape(kind: StatusKind) {
  switch (kind) {
    case 'up':
      return <circle cx={C} cy={C} r={4.5} fill="var(--bp-st-up)" />;
    case 'down':
      return <path d="M6 0.8 L11.4 10.6 L0.6 10.6 Z" fill="var(--bp-st-down)" />;
    case 'degraded':
      return <path d="M6 0.6 L11.4 6 L6 11.4 L0.6 6 Z" fill="var(--bp-st-degraded)" />;
    case 'unknown':
      return <circle cx={C} cy={C} r={4} fill="none" stroke="var(--bp-st-unknown)" strokeWidth={1.6} />;
    case 'unreachable':
      return <circle cx={C} cy={C} r={4} fill="none" stroke="var(--bp-st-unreachable)" strokeWidth={1.4} strokeDasharray="2 1.6" />;
    case 'stale':
      return (
        <>
          <circle cx={C} cy={C} r={4.6} fill="var(--bp-st-stale-hatch)" stroke="var(--bp-st-stale)" strokeWidth={1.2} />
          <path d={HATCH} stroke="var(--bp-st-stale)" strokeWidth={1.1} />
        </>
      );
  }
}

export function StatusGlyph({ kind, label, size = 12, muted = false }: GlyphProps) {
  return (
    <svg className="glyph" width={size} height={size} viewBox="0 0 12 12" role="img" aria-label={label} data-glyph={kind} data-muted={muted}>
      <title>{label}</title>
      {shape(kind)}
    </svg>
  );
}

/** Marks an endpoint that is in a call: a small camera, quiet grey. */
export function InCallGlyph({ label, size = 12 }: { readonly label: string; readonly size?: number }) {
  return (
    <svg className="glyph" width={size} height={size} viewBox="0 0 12 12" role="img" aria-label={label} data-glyph="in-call">
      <title>{label}</title>
      <rect x={0.8} y={3} width={7} height={6} rx={1} fill="var(--bp-st-in-call)" />
      <path d="M8.6 5.2 L11.4 3.6 L11.4 8.4 L8.6 6.8 Z" fill="var(--bp-st-in-call)" />
    </svg>
  );
}
