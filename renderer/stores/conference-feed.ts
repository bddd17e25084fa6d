import type { ConsoleApi } from '../../shared/api/console-api.js';
import type { ApiError } from '../../shared/api/errors.js';
import { setAuditApi, useAuditStore } from './audit-store.js';
import { setConferenceHooks, useConferenceStore } from './conference-store.js';

/**
 * Feeds the conference store from the `conferences` stream (the engine sends the whole view on
 * subscribe, so also after every reconnect, since the transport subscribes again), and gives the
 * conference and audit stores the API for actions; after each action the audit log is asked again.
 */
export interface ConferenceFeed {
  stop(): void;
}

export function startConferenceFeed(api: ConsoleApi, onInvalid?: (e: ApiError) => void): ConferenceFeed {
  setAuditApi(api);
  setConferenceHooks({ api, afterAction: () => useAuditStore.getState().refresh() });
  const off = api.on('conferences', (view) => useConferenceStore.getState().receive(view), onInvalid);
  return {
    stop() {
      off();
      setConferenceHooks({ api: null });
      setAuditApi(null);
    },
  };
}
