import { errorWords } from '../i18n/error-words.js';
import { startAlarmFeed, useAlarmStore } from './alarm-store.js';
import { setHealthApi } from './health-api.js';
import { setInventoryApi } from './inventory-admin.js';
import { createConsoleApi, type ConsoleApi } from '../../shared/api/console-api.js';
import type { SelectedTransport } from '../api/select-transport.js';
import { useConnectionStore } from './connection-store.js';
import { startEventsFeed } from './events-feed.js';
import { useEventsStore } from './events-store.js';
import { startMonitoringPoll } from './monitoring-poll.js';
import { useMonitoringStore } from './monitoring-store.js';
import { useNetworkStore } from './network-store.js';
import { startStatusFeed } from './status-feed.js';
import { useStatusStore } from './status-store.js';
import { useUiStore } from './ui-store.js';
import { useAuditStore, useAuditViewStore } from './audit-store.js';
import { startConferenceFeed } from './conference-feed.js';
import { useConferenceStore } from './conference-store.js';
import { startScheduleFeed, useScheduleStore } from './schedule-store.js';
import { useMapStore } from '../features/map/map-store.js';
import { setAccountsApi, useAccountsStore } from './accounts-store.js';
import { trackUserActivity, type UserActivity } from '../api/user-activity.js';
import { startIdleWatch } from './idle-watch.js';

/**
 * Wires a transport to the stores: the connection state, the inventory (`getNetwork`), the
 * caller (`whoami`), the status stream, the event log (`listEvents` and the `events` stream, for
 * the network and the selected site) and the poller figures (`getMonitoring` every few seconds).
 * After a reconnect everything is loaded again, since the engine may have restarted or reloaded
 * its inventory meanwhile.
 */
export interface ConsoleSession {
  readonly api: ConsoleApi;
  stop(): void;
}

/** A failure in the user's words (the catalogue's), never an exception's English text. */
const message = (e: unknown): string => errorWords(e);

export interface ConsoleSessionOptions {
  /** How often to ask for the poller figures (ms). */
  readonly monitoringRefreshMs?: number;
  /**
   * Where the user's last input is read (default: this window's keys and pointer). Every request
   * states it; the monitoring poll's request every few seconds is what carries it when the user
   * only looks and pans, so the engine learns of activity within that interval.
   */
  readonly userActivity?: UserActivity;
}

export function startConsoleSession(selected: SelectedTransport, options: ConsoleSessionOptions = {}): ConsoleSession {
  const activity = options.userActivity ?? (typeof window === 'undefined' ? null : trackUserActivity());
  const api = createConsoleApi(selected.transport, activity ? { userIdleMs: () => activity.idleMs() } : {});
  const connection = useConnectionStore.getState();
  connection.setTransport(selected.kind);
  connection.setLink(selected.state);

  let loading: Promise<void> | null = null;
  const load = (): Promise<void> => {
    loading ??= (async () => {
      const [network, identity] = await Promise.allSettled([api.call('getNetwork', {}), api.call('whoami', {})]);
      if (network.status === 'fulfilled') useNetworkStore.getState().setNetwork(network.value);
      else useNetworkStore.getState().setError(message(network.reason));
      if (identity.status === 'fulfilled') useConnectionStore.getState().setIdentity(identity.value);
    })().finally(() => {
      loading = null;
    });
    return loading;
  };

  const feed = startStatusFeed(api, useStatusStore, (e) => useConnectionStore.getState().noteProtocolError(e.message));
  const noteInvalid = (e: { message: string }) => useConnectionStore.getState().noteProtocolError(e.message);
  const events = startEventsFeed(api, useEventsStore, {
    selection: () => useUiStore.getState().selectedSiteId,
    onSelection: (listener) =>
      useUiStore.subscribe((s, prev) => {
        if (s.selectedSiteId !== prev.selectedSiteId) listener(s.selectedSiteId);
      }),
    onInvalid: noteInvalid,
  });
  const monitoring = startMonitoringPoll(api, useMonitoringStore, { intervalMs: options.monitoringRefreshMs });
  const stopIdleWatch = activity
    ? startIdleWatch({
        activity,
        idleTimeoutS: () => useConnectionStore.getState().identity?.idleTimeoutS,
        ping: () => void api.call('whoami', {}).catch(() => undefined),
      })
    : () => undefined;
  const offError = selected.onProtocolError((e) => useConnectionStore.getState().noteProtocolError(e.message));
  let isOpen = selected.state.phase === 'open';
  // Requests made while the first link is connecting go out when it opens: no need to ask twice.
  let initialQueued = selected.state.phase === 'connecting';
  const offState = selected.onState((link) => {
    useConnectionStore.getState().setLink(link);
    const nowOpen = link.phase === 'open';
    if (nowOpen && !isOpen) {
      // A fresh link: the re-sent subscription brings a new snapshot, from a new sequence.
      feed.restart();
      // Requests made while connecting go out on open; only reload when none is on its way.
      if (!loading) void load();
      if (!initialQueued) {
        events.reload();
        monitoring.refresh();
      }
    }
    if (link.phase !== 'connecting') initialQueued = false;
    isOpen = nowOpen;
  });
  void load();
  // The inventory changed under us (an edit, an import, a reorganisation, an undo, a reload, at
  // this desk or another): the status stream says its new version (and adds or drops codecs).
  // Read the tree again.
  const offInventory = useStatusStore.subscribe((s, prev) => {
    if (loading) return;
    const replaced = prev.network !== null && s.network !== null && s.network !== prev.network;
    if (replaced || (prev.ready && s.ready && s.statuses.size !== prev.statuses.size)) void load();
  });

  return {
    api,
    stop() {
      offInventory();
      offState();
      offError();
      feed.stop();
      events.stop();
      monitoring.stop();
      stopIdleWatch();
      if (activity !== options.userActivity) activity?.stop();
    },
  };
}

/**
 * The whole console for one login session: the stores above, the conferences and the schedule.
 * It starts only after a login; stop() ends the link and empties every store, so the next person
 * to log in at this desk (perhaps scoped to one district) sees nothing of the last one's data.
 */
export function startConsole(selected: SelectedTransport, options: ConsoleSessionOptions = {}): ConsoleSession {
  const session = startConsoleSession(selected, options);
  const noteInvalid = (e: { message: string }) => useConnectionStore.getState().noteProtocolError(e.message);
  const conferences = startConferenceFeed(session.api, noteInvalid);
  const schedule = startScheduleFeed(session.api, noteInvalid);
  const alarms = startAlarmFeed(session.api, noteInvalid);
  setAccountsApi(session.api);
  setInventoryApi(session.api);
  setHealthApi(session.api);
  return {
    api: session.api,
    stop() {
      setAccountsApi(null);
      setInventoryApi(null);
      setHealthApi(null);
      alarms.stop();
      schedule.stop();
      conferences.stop();
      session.stop();
      selected.close();
      resetConsoleStores();
    },
  };
}

/** Every store back to its first state; only the language (the person's choice on this desk) stays. */
export function resetConsoleStores(): void {
  const reset = <T>(store: { setState(state: T, replace: true): void; getInitialState(): T }): void => store.setState(store.getInitialState(), true);
  reset(useNetworkStore);
  reset(useStatusStore);
  reset(useEventsStore);
  reset(useMonitoringStore);
  reset(useConferenceStore);
  reset(useAlarmStore);
  reset(useAuditStore);
  reset(useAuditViewStore);
  reset(useScheduleStore);
  reset(useMapStore);
  reset(useAccountsStore);
  reset(useConnectionStore);
  const { language } = useUiStore.getState();
  useUiStore.setState({ ...useUiStore.getInitialState(), language }, true);
}
