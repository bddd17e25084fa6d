import { useEffect, type RefObject } from 'react';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { controlBlocker } from './map-actions.js';
import { shownMuted } from './map-controls.js';
import { pickNode } from './map-canvas.js';
import { seatsOf, selectMcu, useConferenceStore } from './map-conferences.js';
import { filterActive } from './map-filter.js';
import { chooseResult } from './map-find.js';
import { isNavKey, navigate } from './map-keys.js';
import { layoutFor, ROOT_ID } from './map-layout.js';
import { SEARCH_INPUT_ID, useMapStore } from './map-store.js';

const typing = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');

/** `m`: mute or unmute the selected site's participant (the first of its endpoints in a conference). */
export function muteSelected(): void {
  const siteId = useUiStore.getState().selectedSiteId;
  const site = siteId ? useNetworkStore.getState().index?.sitesById.get(siteId) : undefined;
  if (!site) return;
  const conferences = useConferenceStore.getState();
  const seats = seatsOf(conferences.view);
  const map = useMapStore.getState();
  const endpoint = site.endpoints.find((e) => seats.has(e.id));
  if (!endpoint) {
    map.setKeyNote(site.endpoints[0]?.id ?? null, 'notInCall');
    return;
  }
  const connection = useConnectionStore.getState();
  const blocker = controlBlocker({ linkOpen: connection.link.phase === 'open', identity: connection.identity, mcu: selectMcu(conferences) });
  if (blocker) return map.setKeyNote(endpoint.id, blocker);
  map.setKeyNote(null);
  const seat = seats.get(endpoint.id)!;
  void conferences.mute(seat.conference.id, seat.participant.id, 'audio', !shownMuted(conferences, seat), site.name);
}

/** Escape: the search first, then the other filters, then the selection, then the cursor. True if it cleared something. */
export function escapeMap(): boolean {
  const map = useMapStore.getState();
  const ui = useUiStore.getState();
  if (map.filter.query) map.setQuery('');
  else if (filterActive(map.filter)) map.clearFilter();
  else if (ui.selectedSiteId || map.mcuOpen) {
    ui.select(null);
    map.setMcuOpen(false);
  } else if (map.cursor) map.setCursor(null);
  else return false;
  return true;
}

/** Arrow keys: move the cursor along the tree and keep it in view. */
export function moveCursor(key: Parameters<typeof navigate>[2]): void {
  const network = useNetworkStore.getState().network;
  if (!network) return;
  const layout = layoutFor(network);
  const map = useMapStore.getState();
  const start = map.cursor ?? (map.mcuOpen ? ROOT_ID : useUiStore.getState().selectedSiteId);
  const from = start ? (layout.indexById.get(start) ?? -1) : -1;
  const to = navigate(layout, from, key);
  const id = layout.ids[to] ?? null;
  map.setCursor(id);
  if (id) map.requestFocus(id, false);
}

/**
 * The map's keys, while focus is on the map (or nowhere): `/` find, arrows move, Enter select,
 * `m` mute, `f` fit, `+`/`-` zoom, Escape clear. Listened for on window in the capture phase, so
 * Escape clears the map's search before the console's global Escape clears the selection.
 */
export function useMapKeys(root: RefObject<HTMLElement | null>, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const el = root.current;
      if (!el) return;
      const target = e.target;
      const inSearch = target instanceof HTMLElement && target.id === SEARCH_INPUT_ID;
      const handled = (): void => {
        e.preventDefault();
        e.stopPropagation();
      };
      if (inSearch) {
        if (e.key === 'Escape') {
          if (!escapeMap()) (target as HTMLElement).blur();
          handled();
        } else if (e.key === 'Enter') {
          const first = useMapStore.getState().results.ids[0];
          if (first) chooseResult(first);
          handled();
        } else if (e.key === 'ArrowDown') {
          el.querySelector<HTMLElement>('.map-find__result')?.focus();
          handled();
        }
        return;
      }
      if (typing(target)) return;
      // An armed control (connect) takes its own Escape: it disarms, the drawer stays open.
      if (e.key === 'Escape' && target instanceof HTMLElement && target.closest('[data-armed="true"]')) return;
      const onMap = target === document.body || target === document.documentElement || (target instanceof Node && el.contains(target));
      if (!onMap) return;
      if (e.key === '/') {
        const input = document.getElementById(SEARCH_INPUT_ID);
        if (input instanceof HTMLInputElement) {
          input.focus();
          input.select();
          handled();
        }
      } else if (e.key === 'Escape') {
        if (escapeMap()) handled();
      } else if (isNavKey(e.key)) {
        moveCursor(e.key);
        handled();
      } else if (e.key === 'Enter') {
        const cursor = useMapStore.getState().cursor;
        if (cursor && (target instanceof HTMLCanvasElement || target === document.body)) {
          pickNode(cursor);
          handled();
        }
      } else if (e.key === 'm' || e.key === 'M') {
        muteSelected();
        handled();
      } else if (e.key === 'f' || e.key === 'F') {
        useMapStore.getState().requestView('fit');
        handled();
      } else if (e.key === '+' || e.key === '=') {
        useMapStore.getState().requestView('zoomIn');
        handled();
      } else if (e.key === '-' || e.key === '_') {
        useMapStore.getState().requestView('zoomOut');
        handled();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [root, enabled]);
}
