import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNetworkStore } from '../../stores/network-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { cssZoomOf } from '../shell/desk-zoom.js';
import { selectMcu, useConferenceStore } from './map-conferences.js';
import { MapEngine } from './map-engine.js';
import { ROOT_ID } from './map-layout.js';
import { useMapStore } from './map-store.js';
import { MapTooltip } from './map-tooltip.js';

interface MapCanvasProps {
  /** Wall mode: bigger, no selection, no tooltip. */
  readonly wall?: boolean;
  readonly describedBy?: string;
}

const TIP_WIDTH = 320;
const TIP_HEIGHT = 90;

/** Select a node as the console does: a site through the console's selection, the MCU in the map's own. */
export function pickNode(id: string | null): void {
  const map = useMapStore.getState();
  if (id === ROOT_ID) {
    useUiStore.getState().select(null);
    map.setMcuOpen(true);
  } else {
    map.setMcuOpen(false);
    useUiStore.getState().select(id);
  }
  map.setCursor(id);
}

/**
 * The map's canvas: owns one MapEngine for its lifetime, sizes it with a ResizeObserver (device
 * pixel ratio aware), hands it the words it draws, and shows the hover tooltip.
 */
export function MapCanvas({ wall = false, describedBy }: MapCanvasProps) {
  const { t, i18n } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const engineRef = useRef<MapEngine | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const tiers = useNetworkStore((s) => s.network?.tiers);
  const mcuState = useConferenceStore((s) => selectMcu(s)?.state ?? null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const engine = new MapEngine(canvas, {
      scale: wall ? 1.6 : 1,
      interactive: !wall,
      onHover: wall
        ? undefined
        : (node, x, y) => {
            const id = node >= 0 ? (engine.currentLayout?.ids[node] ?? null) : null;
            setHover(id);
            const tip = tipRef.current;
            if (!tip) return;
            // Beside the pointer, on its left near the right edge (the tip is at most 320 px wide).
            const left = x + 14 + TIP_WIDTH > canvas.clientWidth ? x - 14 - TIP_WIDTH : x + 14;
            const top = y + 14 + TIP_HEIGHT > canvas.clientHeight ? y - 14 - TIP_HEIGHT : y + 14;
            tip.style.transform = `translate(${Math.round(Math.max(0, left))}px, ${Math.round(Math.max(0, top))}px)`;
          },
      onPick: wall
        ? undefined
        : (node) => {
            if (node < 0) return;
            pickNode(engine.currentLayout?.ids[node] ?? null);
          },
    });
    engineRef.current = engine;
    const stage = canvas.parentElement ?? canvas;
    // In the canvas's own CSS pixels; a zoomed page (desk-zoom.ts) draws each of them zoom × device
    // pixels, so the backing store has that many and the map stays sharp.
    const measure = (): void => {
      const rect = stage.getBoundingClientRect();
      const z = cssZoomOf(canvas);
      engine.resize(Math.floor(rect.width / z), Math.floor(rect.height / z), (window.devicePixelRatio || 1) * z);
    };
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(stage);
    // A change of device pixel ratio (another screen, browser zoom) does not always resize.
    let media: MediaQueryList | null = null;
    const onDpr = (): void => {
      media?.removeEventListener('change', onDpr);
      measure();
      media = window.matchMedia?.(`(resolution: ${window.devicePixelRatio || 1}dppx)`) ?? null;
      media?.addEventListener('change', onDpr);
    };
    onDpr();
    // A change of theme (a class or data attribute on <html>): read the palette again; a change of
    // the page's zoom (its style) may leave the stage's size alone: measure again.
    const themes =
      typeof MutationObserver === 'function'
        ? new MutationObserver(() => {
            engine.refreshPalette();
            measure();
          })
        : null;
    themes?.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });
    return () => {
      themes?.disconnect();
      observer?.disconnect();
      media?.removeEventListener('change', onDpr);
      engine.destroy();
      engineRef.current = null;
    };
  }, [wall]);

  useEffect(() => {
    engineRef.current?.setLabels({
      mcu: t('map.mcu.short'),
      mcuState: t(`map.mcu.state.${mcuState ?? 'unknown'}`),
      tiers: (tiers ?? []).map((tier) => t(`tier.${tier}`, { defaultValue: tier })),
    });
  }, [t, i18n.language, tiers, mcuState]);

  return (
    <>
      <canvas
        ref={canvasRef}
        className="netmap__canvas"
        data-testid={wall ? 'wall-map' : 'network-map'}
        tabIndex={wall ? -1 : 0}
        role="img"
        aria-label={t('map.canvasLabel')}
        aria-describedby={describedBy}
      />
      {!wall && <MapTooltip ref={tipRef} siteId={hover} />}
    </>
  );
}
