import { errorWords } from '../i18n/error-words.js';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import type { ApiError } from '../../shared/api/errors.js';
import type { Unsubscribe } from '../../shared/api/transport.js';
import type { EventsStore } from './events-store.js';

/** How many events the console asks for: the network's recent ones, and a selected site's. */
export const RECENT_FETCH = 100;
export const SITE_FETCH = 20;

export interface EventsFeedOptions {
  /** The selected site now. */
  readonly selection: () => string | null;
  /** Calls back when the selection changes; returns the way to stop. */
  readonly onSelection: (listener: (siteId: string | null) => void) => Unsubscribe;
  readonly onInvalid?: (e: ApiError) => void;
}

export interface EventsFeed {
  /** Ask again for everything (after a reconnect: the engine may be a new one). */
  reload(): void;
  stop(): void;
}

/** A failure in the user's words (the catalogue's), never an exception's English text. */
const message = (e: unknown): string => errorWords(e);

/**
 * Feeds the events store: the `events` stream for live events; `listEvents` for the network's
 * recent events and, on each selection, for the selected site's.
 */
export function startEventsFeed(api: ConsoleApi, store: EventsStore, options: EventsFeedOptions): EventsFeed {
  let stopped = false;
  let recentToken = 0;

  const loadRecent = (): void => {
    const token = ++recentToken;
    store.getState().beginRecent();
    api.call('listEvents', { limit: RECENT_FETCH }).then(
      (list) => {
        if (!stopped && token === recentToken) store.getState().loadedRecent(list);
      },
      () => undefined, // the ticker keeps what the stream brings; the link indicator says why
    );
  };

  const loadSite = (siteId: string | null): void => {
    store.getState().beginSite(siteId);
    if (siteId === null) return;
    api.call('listEvents', { siteId, limit: SITE_FETCH }).then(
      (list) => {
        if (!stopped) store.getState().loadedSite(siteId, list);
      },
      (e: unknown) => {
        if (!stopped) store.getState().failSite(siteId, message(e));
      },
    );
  };

  const offStream = api.on('events', (e) => store.getState().add(e), options.onInvalid);
  const offSelection = options.onSelection((siteId) => loadSite(siteId));
  loadRecent();
  loadSite(options.selection());

  return {
    reload() {
      loadRecent();
      loadSite(options.selection());
    },
    stop() {
      stopped = true;
      offStream();
      offSelection();
    },
  };
}
