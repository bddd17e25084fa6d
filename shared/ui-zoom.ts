/**
 * How much the console zooms itself on a large screen, for the desktop window (Chromium's page
 * zoom) and the browser console (CSS zoom on the root) alike.
 *
 * The console is laid out for a 1280–1920-pixel desk. On a large screen at 100 % (a 2560×1440
 * monitor, a wall display driven at its native width) the same 13-pixel text would be too small to
 * read from the desk or across the room, so the whole page zooms: text, layout, canvas and pointer
 * alike. Widths are in device-independent (CSS) pixels: a 4K screen the OS already scales to 200 %
 * reads as 1920 and is left alone, and so is a browser the user already zoomed.
 */

/** The widths (device-independent px) from which the console zooms, and by how much. */
export const UI_ZOOM_STEPS: readonly { readonly fromWidth: number; readonly factor: number }[] = [
  { fromWidth: 3600, factor: 2 },
  { fromWidth: 3000, factor: 1.5 },
  { fromWidth: 2200, factor: 1.25 },
];

/** The automatic zoom for a window this wide (device-independent px): 1 under 2,200. */
export function uiZoomFor(contentWidthDip: number): number {
  if (!Number.isFinite(contentWidthDip)) return 1;
  return UI_ZOOM_STEPS.find((s) => contentWidthDip >= s.fromWidth)?.factor ?? 1;
}

/** The desk's text-size choice ("Cỡ chữ"): automatic by the window's width, or a fixed percentage. */
export const TEXT_SIZES = ['auto', '100', '125', '150', '200'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const DEFAULT_TEXT_SIZE: TextSize = 'auto';

/** A stored or sent choice read back: anything that is not one of TEXT_SIZES is automatic. */
export function parseTextSize(value: unknown): TextSize {
  return (TEXT_SIZES as readonly unknown[]).includes(value) ? (value as TextSize) : DEFAULT_TEXT_SIZE;
}

/** The zoom factor for a choice in a window this wide (device-independent px). */
export function zoomForChoice(choice: TextSize, contentWidthDip: number): number {
  return choice === 'auto' ? uiZoomFor(contentWidthDip) : Number(choice) / 100;
}
