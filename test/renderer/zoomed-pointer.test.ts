// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { unzoomedEvent, zoomAwareCursorBind } from '../../renderer/features/health/chart-zoom.js';
import { createCamera } from '../../renderer/features/map/map-camera.js';
import { bindPointer } from '../../renderer/features/map/map-pointer.js';

/** A canvas drawn at `zoom` at (100, 50) of the viewport, as Chromium reports it under CSS zoom. */
function zoomedCanvas(zoom: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  Object.defineProperty(c, 'currentCSSZoom', { value: zoom });
  c.getBoundingClientRect = () => ({ left: 100, top: 50, x: 100, y: 50, width: 800 * zoom, height: 600 * zoom, right: 100 + 800 * zoom, bottom: 50 + 600 * zoom, toJSON: () => ({}) });
  document.body.append(c);
  return c;
}

const pointer = (type: string, x: number, y: number): Event => {
  const e = new MouseEvent(type, { clientX: x, clientY: y, button: 0, bubbles: true });
  Object.defineProperty(e, 'pointerId', { value: 1 });
  return e;
};

describe('the map on a zoomed page', () => {
  it('reads the pointer in the canvas\'s own pixels: a click hits the node drawn under it', () => {
    for (const zoom of [1, 1.25, 2]) {
      const canvas = zoomedCanvas(zoom);
      const pick = vi.fn(() => 7);
      const picked = vi.fn();
      const hover = vi.fn();
      const off = bindPointer({ canvas, cam: createCamera(), pick, hover, picked, moved: vi.fn() });
      // The node at (200, 120) of the canvas is drawn at 100 + 200 × zoom, 50 + 120 × zoom.
      const x = 100 + 200 * zoom;
      const y = 50 + 120 * zoom;
      canvas.dispatchEvent(pointer('pointermove', x, y));
      expect(hover).toHaveBeenLastCalledWith(7, 200, 120);
      canvas.dispatchEvent(pointer('pointerdown', x, y));
      canvas.dispatchEvent(pointer('pointerup', x, y));
      expect(pick).toHaveBeenLastCalledWith(200, 120);
      expect(picked).toHaveBeenCalledWith(7);
      off();
      canvas.remove();
    }
  });
});

describe('the health chart on a zoomed page', () => {
  it('hands uPlot client coordinates about the plot\'s corner in the plot\'s pixels', () => {
    const e = new MouseEvent('mousemove', { clientX: 350, clientY: 175, button: 0 });
    const u = unzoomedEvent(e, { left: 100, top: 50 }, 1.25);
    expect(u.clientX - 100).toBe(200);
    expect(u.clientY - 50).toBe(100);
    expect(u.button).toBe(0);
    expect(u.type).toBe('mousemove');
    expect(() => u.preventDefault()).not.toThrow();
    expect(unzoomedEvent(e, { left: 100, top: 50 }, 1)).toBe(e);
  });

  it('keeps uPlot\'s own filters: the main button, the target unless told otherwise', () => {
    const over = document.createElement('div');
    Object.defineProperty(over, 'currentCSSZoom', { value: 2 });
    document.body.append(over);
    const u = { over, rect: { left: 10, top: 20 } } as never;
    const bind = zoomAwareCursorBind();
    const seen: number[] = [];
    const handler = (e: MouseEvent) => (seen.push(e.clientX), null);
    const down = bind.mousedown!(u, over, handler);
    over.addEventListener('mousedown', down as unknown as EventListener);
    over.dispatchEvent(new MouseEvent('mousedown', { clientX: 210, button: 0 }));
    over.dispatchEvent(new MouseEvent('mousedown', { clientX: 210, button: 2 }));
    expect(seen).toEqual([110]);
    const docUp = (bind.mouseup as unknown as (u: never, t: HTMLElement, h: typeof handler, only: boolean) => (e: MouseEvent) => null)(u, over, handler, false);
    docUp(new MouseEvent('mouseup', { clientX: 410, button: 0 }));
    expect(seen).toEqual([110, 210]);
    const move = bind.mousemove!(u, over, handler)!;
    document.body.addEventListener('mousemove', move as unknown as EventListener);
    document.body.dispatchEvent(new MouseEvent('mousemove', { clientX: 30 }));
    expect(seen).toEqual([110, 210]); // not on its target
    document.body.removeEventListener('mousemove', move as unknown as EventListener);
    over.remove();
  });
});
