import { AlarmsView } from './features/alarms/alarms-view.js';
import { HealthView } from './features/health/health-view.js';
import { InventoryView } from './features/inventory/inventory-view.js';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountsView } from './features/accounts/accounts-view.js';
import { AuditView } from './features/audit/audit-view.js';
import { EventTicker } from './features/events/event-ticker.js';
import { NetworkMap } from './features/map/network-map.js';
import { ScheduleView } from './features/schedule/schedule-view.js';
import { SessionView } from './features/session/session-view.js';
import { ViewRail } from './features/shell/view-rail.js';
import { SiteDetails } from './features/topology/site-details.js';
import { SiteTree } from './features/topology/site-tree.js';
import { IdleWarning } from './features/shell/idle-warning.js';
import { TopBar } from './features/shell/top-bar.js';
import { useGlobalKeys } from './features/shell/use-global-keys.js';
import { useConnectionStore } from './stores/connection-store.js';
import { useNetworkStore } from './stores/network-store.js';
import { useStatusStore } from './stores/status-store.js';
import { useUiStore } from './stores/ui-store.js';

/**
 * The console: the top bar over the view rail and the chosen view: the site tree (with the event
 * ticker under it) and the details of the selected site, or the Live (session) view.
 */
export function App() {
  const { t } = useTranslation();
  const hasNetwork = useNetworkStore((s) => s.network !== null);
  const province = useNetworkStore((s) => s.network?.name ?? null);
  const loadError = useNetworkStore((s) => s.error);
  const statusReady = useStatusStore((s) => s.ready);
  const phase = useConnectionStore((s) => s.link.phase);
  const view = useUiStore((s) => s.view);
  useGlobalKeys();

  useEffect(() => {
    document.title = province ? t('app.title', { province }) : t('app.titleLoading');
  }, [province, t]);

  const ready = hasNetwork && statusReady;
  return (
    <div className="app" data-ready={ready ? 'true' : 'false'} data-testid="app">
      <TopBar />
      <IdleWarning />
      {hasNetwork ? (
        <div className="shell-body" data-view={view}>
          <ViewRail />
          {view === 'schedule' ? (
            <main className="workspace workspace--day">
              <ScheduleView />
            </main>
          ) : view === 'map' ? (
            <main className="workspace workspace--map">
              <div className="workspace__main">
                <NetworkMap />
                <EventTicker />
              </div>
            </main>
          ) : view === 'alarms' ? (
            <main className="workspace workspace--alarms">
              <AlarmsView />
            </main>
          ) : view === 'health' ? (
            <main className="workspace workspace--health">
              <HealthView />
            </main>
          ) : view === 'inventory' ? (
            <main className="workspace workspace--inventory">
              <InventoryView />
            </main>
          ) : view === 'accounts' ? (
            <main className="workspace workspace--accounts">
              <AccountsView />
            </main>
          ) : view === 'audit' ? (
            <main className="workspace workspace--audit">
              <AuditView />
            </main>
          ) : view === 'live' ? (
            <main className="workspace workspace--live">
              <SessionView />
            </main>
          ) : (
            <main className="workspace">
              <div className="workspace__main">
                <SiteTree />
                <EventTicker />
              </div>
              <SiteDetails />
            </main>
          )}
        </div>
      ) : (
        <main className="app-message" data-kind={loadError ? 'error' : 'info'} role="status">
          {loadError ? t('app.loadFailed', { message: loadError }) : phase === 'open' ? t('app.loading') : t('app.waiting')}
        </main>
      )}
    </div>
  );
}
