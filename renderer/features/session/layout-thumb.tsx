import { isLayout, type Layout, type ReportedLayout } from '../../../shared/conference.js';

/**
 * Each MCU layout drawn as a small picture of the screen (SVG panes in a 16:9 frame), so the
 * operator picks by shape, not by a name such as "onePlusSeven". The speaker's pane is lighter.
 * A layout the MCU reports that the console has no drawing for (CMS allEqualTwentyFifths,
 * onePlusN, anything newer) gets a generic picture, a dashed frame with a question mark, and is
 * named by the MCU's own word: never dropped, never shown as another layout.
 */
export interface Pane {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** The large (speaker) pane. */
  readonly main?: boolean;
  /** Drawn over another pane (telepresence picture-in-picture). */
  readonly over?: boolean;
}

const W = 32;
const H = 18;
const GAP = 0.8;

/** An n×m grid of equal panes filling the frame. */
function grid(cols: number, rows: number): Pane[] {
  const w = (W - GAP * (cols + 1)) / cols;
  const h = (H - GAP * (rows + 1)) / rows;
  const out: Pane[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.push({ x: GAP + c * (w + GAP), y: GAP + r * (h + GAP), w, h });
  return out;
}

/** One large pane of (n-1)×(n-1) cells in an n×n grid, small panes down the right and along the bottom: 1 + (2n - 1). */
function onePlus(n: number): Pane[] {
  const cells = grid(n, n);
  const at = (c: number, r: number) => cells[r * n + c]!;
  const first = at(0, 0);
  const corner = at(n - 2, n - 2);
  const big: Pane = { x: first.x, y: first.y, w: corner.x + corner.w - first.x, h: corner.y + corner.h - first.y, main: true };
  const small: Pane[] = [];
  for (let r = 0; r < n - 1; r++) small.push(at(n - 1, r));
  for (let c = 0; c < n; c++) small.push(at(c, n - 1));
  return [big, ...small];
}

function stackedPanes(): Pane[] {
  const n = 5;
  const h = 4.2;
  const w = (W - GAP * (n + 1)) / n;
  const big: Pane = { x: GAP, y: GAP, w: W - 2 * GAP, h: H - 3 * GAP - h, main: true };
  const row = Array.from({ length: n }, (_, i) => ({ x: GAP + i * (w + GAP), y: H - GAP - h, w, h }));
  return [big, ...row];
}

function telepresencePanes(): Pane[] {
  const n = 4;
  const w = 5.2;
  const h = 3.4;
  const span = n * w + (n - 1) * GAP;
  const x0 = (W - span) / 2;
  const big: Pane = { x: GAP, y: GAP, w: W - 2 * GAP, h: H - 2 * GAP, main: true };
  return [big, ...Array.from({ length: n }, (_, i) => ({ x: x0 + i * (w + GAP), y: H - GAP - h - 1, w, h, over: true }))];
}

export function layoutPanes(layout: Layout): Pane[] {
  switch (layout) {
    case 'speakerOnly':
      return [{ x: GAP, y: GAP, w: W - 2 * GAP, h: H - 2 * GAP, main: true }];
    case 'allEqual':
      return grid(3, 2);
    case 'allEqualQuarters':
      return grid(2, 2);
    case 'allEqualNinths':
      return grid(3, 3);
    case 'allEqualSixteenths':
      return grid(4, 4);
    case 'telepresence':
      return telepresencePanes();
    case 'stacked':
      return stackedPanes();
    case 'onePlusFive':
      return onePlus(3);
    case 'onePlusSeven':
      return onePlus(4);
    case 'onePlusNine':
      return onePlus(5);
    case 'automatic':
      // The MCU chooses: a speaker and a few others, drawn dashed, with a turning arrow.
      return onePlus(3);
  }
}


/** One pane filling the frame, for a layout without a drawing (drawn dashed, with a question mark). */
const UNKNOWN_PANES: readonly Pane[] = [{ x: GAP, y: GAP, w: W - 2 * GAP, h: H - 2 * GAP }];
const QUESTION_MARK = 'M13.6 6.6 A2.4 2.4 0 1 1 16 9 L16 10.6 M16 12.6 L16 13.2';

/** Circular arrow for "automatic", in the middle of its large pane. */
const AUTO_ARROW = 'M13.8 6.1 A3 3 0 1 1 10.8 3.1 M10.8 3.1 L9.6 2 M10.8 3.1 L9.6 4.2';

export function LayoutThumb({ layout, label, width = 48 }: { readonly layout: ReportedLayout; readonly label: string; readonly width?: number }) {
  const auto = layout === 'automatic';
  const known = isLayout(layout);
  return (
    <svg
      className="layout-thumb"
      width={width}
      height={(width * H) / W}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      data-layout={layout}
      data-auto={auto}
      data-unknown={!known}
    >
      <title>{label}</title>
      <rect className="layout-thumb__frame" x={0.25} y={0.25} width={W - 0.5} height={H - 0.5} rx={1} />
      {(known ? layoutPanes(layout) : UNKNOWN_PANES).map((p, i) => (
        <rect key={i} className="layout-thumb__pane" data-main={p.main ?? false} data-over={p.over ?? false} x={p.x} y={p.y} width={p.w} height={p.h} rx={0.4} />
      ))}
      {auto && <path className="layout-thumb__auto" d={AUTO_ARROW} />}
      {!known && <path className="layout-thumb__unknown" d={QUESTION_MARK} />}
    </svg>
  );
}
