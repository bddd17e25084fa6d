import type { NetworkView } from '../../shared/inventory.js';
import type { EndpointStatus } from '../../shared/status.js';
import '../../renderer/i18n/index.js';
import { useClockStore } from '../../renderer/stores/clock-store.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { useEventsStore } from '../../renderer/stores/events-store.js';
import { useMonitoringStore } from '../../renderer/stores/monitoring-store.js';
import { useNetworkStore } from '../../renderer/stores/network-store.js';
import { useStatusStore } from '../../renderer/stores/status-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';

export const NOW = Date.parse('2025-11-22T07:30:00Z'); // 14:30:00 in Hà Nội

/** Puts the app's stores in a known state: a network, statuses, an open link, Vietnamese. */
export function seedStores(network: NetworkView, statuses: readonly EndpointStatus[]): void {
  // Most DOM tests exercise the site tree; the map (the app's first view) has its own tests.
  useUiStore.setState({ language: 'vi', selectedSiteId: null, collapsed: new Set(), filter: '', view: 'network' });
  useNetworkStore.getState().setNetwork(network);
  useStatusStore.getState().clear();
  useStatusStore.getState().reset(statuses);
  useConnectionStore.setState({
    link: { phase: 'open', since: NOW, attempt: 0, retryAt: null },
    identity: { user: 'lan', role: 'operator' },
  });
  useEventsStore.getState().clear();
  useMonitoringStore.getState().clear();
  useClockStore.getState().tick(NOW);
}

export const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString();
