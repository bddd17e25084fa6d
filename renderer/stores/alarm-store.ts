import { create } from 'zustand';
import type { AlarmStreamPayload, AlarmView } from '../../shared/alarms/alarm-api.js';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import type { ApiError, ApiErrorData } from '../../shared/api/errors.js';
import { apiHolder } from '../api/api-holder.js';

/** The alarms as the `alarms` stream keeps them: every alarm not normal, by id, and the flood. */
export interface AlarmState {
  readonly byId: Readonly<Record<string, AlarmView>>;
  readonly flood: AlarmStreamPayload['flood'];
  readonly loaded: boolean;
  /** Ids annunciated by the last change (new, unacknowledged, not summarised by a flood). */
  readonly annunciated: readonly string[];
  /** The desk silenced the alarm sound (notifications and the banner go on). */
  readonly silenced: boolean;
  apply(payload: AlarmStreamPayload): void;
  setSilenced(silenced: boolean): void;
}

export const useAlarmStore = create<AlarmState>()((set) => ({
  byId: {},
  flood: { since: null, byArea: {} },
  loaded: false,
  annunciated: [],
  silenced: false,
  setSilenced: (silenced) => set({ silenced }),
  apply: (p) =>
    set((s) => {
      if (p.kind === 'snapshot') return { byId: Object.fromEntries(p.alarms.map((a) => [a.id, a])), flood: p.flood, loaded: true, annunciated: [] };
      const byId = { ...s.byId };
      for (const a of p.alarms) {
        if (a.state === 'normal') delete byId[a.id];
        else byId[a.id] = a;
      }
      return { byId, flood: p.flood, annunciated: p.annunciate };
    }),
}));

const holder = apiHolder();

/** Feeds the store from the stream (a snapshot again after every reconnect); actions go through `api`. */
export function startAlarmFeed(api: ConsoleApi, onInvalid: (e: ApiError) => void): { stop(): void } {
  holder.set(api);
  const off = api.on('alarms', (p) => useAlarmStore.getState().apply(p), onInvalid);
  return {
    stop() {
      off();
      holder.set(null);
    },
  };
}

/** The engine's refusal as data for the catalogue, or null when it was done (the stream brings the change). */
async function act(run: (api: ConsoleApi) => Promise<unknown>): Promise<ApiErrorData | null> {
  const r = await holder.ask(run);
  return r.ok ? null : r.error;
}

export const listMaintenance = () => holder.ask((api) => api.call('listMaintenance', {}));
export const getAlarmKpis = () => holder.ask((api) => api.call('getAlarmKpis', {}));
/** A window from `from` (default now) until `until` (default: until ended), ISO instants. */
export const setMaintenance = (siteId: string, reason: string, span: { from?: string; until?: string } = {}) => act((api) => api.call('setMaintenance', { siteId, reason, ...span }));
export const clearMaintenance = (siteId: string) => act((api) => api.call('clearMaintenance', { siteId }));
export const acknowledgeAlarms = (ids: readonly string[], comment: string) => act((api) => api.call('acknowledgeAlarms', { ids: [...ids], comment }));
export const shelveAlarm = (id: string, reason: string, minutes: number) => act((api) => api.call('shelveAlarm', { id, reason, minutes }));
export const unshelveAlarm = (id: string) => act((api) => api.call('unshelveAlarm', { id }));
