import { create } from 'zustand';
import type { AlarmStreamPayload, AlarmView } from '../../shared/alarms/alarm-api.js';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import { ApiError, type ApiErrorData } from '../../shared/api/errors.js';

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

let alarmsApi: ConsoleApi | null = null;

/** Feeds the store from the stream (a snapshot again after every reconnect); actions go through `api`. */
export function startAlarmFeed(api: ConsoleApi, onInvalid: (e: ApiError) => void): { stop(): void } {
  alarmsApi = api;
  const off = api.on('alarms', (p) => useAlarmStore.getState().apply(p), onInvalid);
  return {
    stop() {
      off();
      alarmsApi = null;
    },
  };
}

/** The engine's refusal as data for the catalogue, or null when it was done (the stream brings the change). */
async function act(run: (api: ConsoleApi) => Promise<unknown>): Promise<ApiErrorData | null> {
  if (!alarmsApi) return { code: 'unavailable', message: 'not connected' };
  try {
    await run(alarmsApi);
    return null;
  } catch (e) {
    return e instanceof ApiError ? e.toData() : { code: 'internal', message: String(e) };
  }
}

/** A question for the engine: its answer, or its refusal as data for the catalogue. */
export type Answer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorData };

async function ask<T>(run: (api: ConsoleApi) => Promise<T>): Promise<Answer<T>> {
  if (!alarmsApi) return { ok: false, error: { code: 'unavailable', message: 'not connected' } };
  try {
    return { ok: true, value: await run(alarmsApi) };
  } catch (e) {
    return { ok: false, error: e instanceof ApiError ? e.toData() : { code: 'internal', message: String(e) } };
  }
}

export const listMaintenance = () => ask((api) => api.call('listMaintenance', {}));
export const getAlarmKpis = () => ask((api) => api.call('getAlarmKpis', {}));
export const setMaintenance = (siteId: string, reason: string) => act((api) => api.call('setMaintenance', { siteId, reason }));
export const clearMaintenance = (siteId: string) => act((api) => api.call('clearMaintenance', { siteId }));

export const acknowledgeAlarms = (ids: readonly string[], comment: string) => act((api) => api.call('acknowledgeAlarms', { ids: [...ids], comment }));
export const shelveAlarm = (id: string, reason: string, minutes: number) => act((api) => api.call('shelveAlarm', { id, reason, minutes }));
export const unshelveAlarm = (id: string) => act((api) => api.call('unshelveAlarm', { id }));
