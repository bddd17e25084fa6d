import './map.css';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNetworkStore } from '../../stores/network-store.js';
import { useStatusStore } from '../../stores/status-store.js';
import { statusKind, worstKind } from '../../theme/status-kind.js';
import { ROOT_ID } from './map-layout.js';
import { MapCanvas } from './map-canvas.js';
import { MapCounters } from './map-counters.js';
import { MapDrawer } from './map-drawer.js';
import { MapFind } from './map-find.js';
import { MapLegend } from './map-legend.js';
import { useMapStore } from './map-store.js';
import { useMapKeys } from './use-map-keys.js';
import { WallMode } from './wall-mode.js';

/** Says where the arrow keys are (site, tier, status) for screen readers; the canvas cannot. */
function CursorAnnouncer() {
  const { t } = useTranslation();
  const cursor = useMapStore((s) => s.cursor);
  const site = useNetworkStore((s) => (cursor ? s.index?.sitesById.get(cursor) : undefined));
  const kind = useStatusStore((s) => (site ? worstKind(site.endpoints.map((e) => statusKind(s.statuses.get(e.id)))) : null));
  const text = cursor === ROOT_ID ? t('map.mcu.name') : site && kind ? `${site.name}, ${t(`tier.${site.tier}`, { defaultValue: site.tier })}, ${t(`status.${kind}`)}` : '';
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="map-cursor">
      {text}
    </p>
  );
}

export interface NetworkMapProps {
  /** Show the map's own details drawer (default); false when the page shows SiteDetails beside it. */
  readonly drawer?: boolean;
}

/**
 * Level 1 of the console: the whole network on a canvas (MCU at the centre, a ring per tier),
 * find and filters above it, the legend on it, counters per tier and district under it, and the
 * selected site's details and controls beside it. Wall mode takes the map full screen.
 */
export function NetworkMap({ drawer = true }: NetworkMapProps) {
  const { t } = useTranslation();
  const rootRef = useRef<HTMLElement>(null);
  const wall = useMapStore((s) => s.wall);
  const hasNetwork = useNetworkStore((s) => s.network !== null);
  const legendId = useId();
  useMapKeys(rootRef, !wall);

  if (wall) return <WallMode onExit={() => useMapStore.getState().setWall(false)} />;

  const view = useMapStore.getState();
  return (
    <section ref={rootRef} className="netmap" data-testid="network-map-view" data-drawer={drawer} aria-label={t('map.label')}>
      <div className="netmap__toolbar">
        <MapFind />
        <span className="netmap__spacer" />
        <div className="netmap__view" role="group" aria-label={t('map.view.label')}>
          <button type="button" onClick={() => view.requestView('zoomOut')} title={t('map.view.zoomOut')} aria-label={t('map.view.zoomOut')}>
            −
          </button>
          <button type="button" onClick={() => view.requestView('zoomIn')} title={t('map.view.zoomIn')} aria-label={t('map.view.zoomIn')}>
            +
          </button>
          <button type="button" onClick={() => view.requestView('fit')} title={t('map.view.fitKey')} data-testid="map-fit">
            {t('map.view.fit')}
          </button>
          <button type="button" onClick={() => view.setWall(true)} title={t('map.view.wallHint')} data-testid="map-wall">
            {t('map.view.wall')}
          </button>
        </div>
      </div>
      <div className="netmap__stage">
        {hasNetwork && <MapCanvas describedBy={legendId} />}
        <MapLegend id={legendId} />
        <CursorAnnouncer />
      </div>
      <MapCounters />
      {drawer && <MapDrawer />}
    </section>
  );
}
