import type uPlot from 'uplot';
import type { OutageCause } from '../../../shared/history/outage-tracker.js';
import type { HistoryView } from '../../../shared/history/history-api.js';

/**
 * The bands behind a site's chart (site-chart.tsx), each told apart by a shape as well as a colour:
 * outages of the codec or behind a parent hatched one way, outages while the MCU was out of reach
 * cross-hatched, maintenance windows striped across and labelled, with a tooltip giving the reason
 * and the span.
 */

export type BandKind = 'outage' | 'mcu' | 'maintenance';

export interface Band {
  /** Seconds since the epoch, inside the chart's range. */
  readonly from: number;
  readonly to: number;
  readonly kind: BandKind;
}

export interface MaintenanceBand extends Band {
  readonly kind: 'maintenance';
  /** The window as recorded (ISO; end null while open-ended), not clipped to the chart. */
  readonly start: string;
  readonly end: string | null;
  readonly reason: string | null;
  readonly by: string | null;
}

const kindOf = (cause: OutageCause): BandKind => (cause === 'mcu' ? 'mcu' : 'outage');

/** Outage intervals in seconds, an open one running to the chart's end; MCU outages apart from the codec's own. */
export function outageBands(h: HistoryView): Band[] {
  const end = Date.parse(h.to) / 1000;
  return h.outages.map((o) => ({ from: Date.parse(o.start) / 1000, to: o.end === null ? end : Date.parse(o.end) / 1000, kind: kindOf(o.cause) }));
}

/** Maintenance windows (past, in force, planned) clipped to the chart's range; one open-ended runs to its end. */
export function maintenanceBands(h: HistoryView): MaintenanceBand[] {
  const lo = Date.parse(h.from) / 1000;
  const hi = Date.parse(h.to) / 1000;
  return h.maintenance.flatMap((m) => {
    const from = Math.max(lo, Date.parse(m.start) / 1000);
    const to = Math.min(hi, m.end === null ? hi : Date.parse(m.end) / 1000);
    return to > from ? [{ from, to, kind: 'maintenance' as const, start: m.start, end: m.end, reason: m.reason, by: m.by }] : [];
  });
}

export const BAND_STYLE: Record<BandKind, { fill: string; stroke: string }> = {
  outage: { fill: 'rgba(248, 81, 73, 0.18)', stroke: 'rgba(248, 81, 73, 0.55)' },
  mcu: { fill: 'rgba(188, 140, 255, 0.16)', stroke: 'rgba(188, 140, 255, 0.6)' },
  maintenance: { fill: 'rgba(121, 192, 255, 0.12)', stroke: 'rgba(121, 192, 255, 0.5)' },
};

/** Paint bands on the canvas behind the series (uPlot's drawClear): fill, then the kind's pattern. */
export function paintBands(u: uPlot, bands: readonly Band[]): void {
  const ctx = u.ctx;
  const { top, height } = u.bbox;
  ctx.save();
  for (const b of bands) {
    const x0 = u.valToPos(b.from, 'x', true);
    const x1 = Math.max(x0 + 2, u.valToPos(b.to, 'x', true));
    const style = BAND_STYLE[b.kind];
    ctx.fillStyle = style.fill;
    ctx.strokeStyle = style.stroke;
    ctx.fillRect(x0, top, x1 - x0, height);
    ctx.beginPath();
    if (b.kind === 'maintenance') {
      // Stripes across, and the window's edges drawn: reads as maintenance without its colour.
      for (let y = top + 6; y < top + height; y += 10) {
        ctx.moveTo(x0, y);
        ctx.lineTo(x1, y);
      }
      ctx.moveTo(x0, top);
      ctx.lineTo(x0, top + height);
      ctx.moveTo(x1, top);
      ctx.lineTo(x1, top + height);
    } else {
      diagonals(ctx, x0, x1, top, height, 1);
      if (b.kind === 'mcu') diagonals(ctx, x0, x1, top, height, -1);
    }
    ctx.stroke();
  }
  ctx.restore();
}

/** Hatching at 45° inside [x0, x1] × [top, top + height]: rising (1) or falling (−1). */
function diagonals(ctx: CanvasRenderingContext2D, x0: number, x1: number, top: number, height: number, dir: 1 | -1): void {
  for (let x = x0 - height; x < x1; x += 8) {
    const a = { x: Math.max(x, x0), y: top + Math.max(0, x0 - x) };
    const b = { x: Math.min(x + height, x1), y: top + Math.min(height, x1 - x) };
    if (dir === 1) {
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
    } else {
      ctx.moveTo(a.x, top + height - (a.y - top));
      ctx.lineTo(b.x, top + height - (b.y - top));
    }
  }
}

/**
 * Labelled maintenance bands over the plot (uPlot's `over` layer, CSS pixels), placed again after
 * every draw so they follow a zoom: each says "maintenance" in words and gives the reason and the
 * span as its tooltip.
 */
/** CSS pixels a label needs to be read ("Bảo trì", "Maintenance"). */
const LABEL_ROOM = 90;

export function placeMaintenanceLabels(u: uPlot, bands: readonly MaintenanceBand[], label: string, tip: (b: MaintenanceBand) => string): void {
  const over = u.over;
  for (const el of [...over.querySelectorAll('.health__mband')]) el.remove();
  const width = over.clientWidth || u.bbox.width / (globalThis.devicePixelRatio || 1);
  for (const b of bands) {
    const left = Math.max(0, u.valToPos(b.from, 'x'));
    const right = Math.min(width, u.valToPos(b.to, 'x'));
    if (!(right > left)) continue;
    const el = document.createElement('div');
    el.className = 'health__mband';
    el.dataset['testid'] = 'health-maintenance-band';
    // The word stays readable on a narrow band (CSS min-width): near the right edge it is hung
    // from the band's end instead, so it never runs off the plot.
    if (left > width - LABEL_ROOM) el.style.right = `${width - right}px`;
    else el.style.left = `${left}px`;
    el.style.width = `${right - left}px`;
    el.title = tip(b);
    el.textContent = label;
    over.appendChild(el);
  }
}
