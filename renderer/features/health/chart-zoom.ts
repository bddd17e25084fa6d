import type uPlot from 'uplot';
import { cssZoomOf } from '../shell/desk-zoom.js';

/**
 * uPlot reads the pointer as `clientX − rect.left` and takes that for CSS pixels of its plot. On a
 * page zoomed with CSS zoom (desk-zoom.ts) both are in the viewport's pixels, zoom × larger, so the
 * cursor, the hover and a drag to zoom would land beside the pointer. These listener factories
 * (uPlot's cursor.bind, with its own filters: the main button, the target) hand uPlot the event
 * with its client coordinates brought back into the plot's pixels about the plot's corner.
 */

type Factory = (u: uPlot, targ: HTMLElement, handler: uPlot.Cursor.MouseListener, onlyTarg?: boolean) => uPlot.Cursor.MouseListener;

/** The event as uPlot should read it on an element drawn at `zoom`, whose rectangle is `rect`. */
export function unzoomedEvent(e: MouseEvent, rect: Pick<DOMRect, 'left' | 'top'>, zoom: number): MouseEvent {
  if (zoom === 1) return e;
  return new Proxy(e, {
    get(target, key) {
      if (key === 'clientX') return rect.left + (target.clientX - rect.left) / zoom;
      if (key === 'clientY') return rect.top + (target.clientY - rect.top) / zoom;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function factory(mainButtonOnly: boolean): Factory {
  return (u, targ, handler, onlyTarg = true) =>
    (e) => {
      if (mainButtonOnly && e.button !== 0) return null;
      if (onlyTarg && e.target !== targ) return null;
      const zoom = cssZoomOf(u.over);
      return handler(zoom === 1 ? e : unzoomedEvent(e, u.rect, zoom));
    };
}

/** uPlot's cursor.bind for a chart that may sit on a zoomed page. */
export function zoomAwareCursorBind(): uPlot.Cursor.Bind {
  const button = factory(true);
  const any = factory(false);
  return { mousedown: button, mouseup: button, click: button, dblclick: button, mousemove: any, mouseleave: any, mouseenter: any };
}
