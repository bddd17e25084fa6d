import { useEffect } from 'react';
import { useUiStore } from '../../stores/ui-store.js';
import { FILTER_INPUT_ID } from '../topology/filter-box.js';

const typing = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');

/** Keys that work anywhere: `/` goes to the filter; Escape clears the filter, then the selection. */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === '/' && !typing(e.target)) {
        const input = document.getElementById(FILTER_INPUT_ID);
        if (input instanceof HTMLInputElement) {
          e.preventDefault();
          input.focus();
          input.select();
        }
      } else if (e.key === 'Escape') {
        const ui = useUiStore.getState();
        if (ui.filter) ui.setFilter('');
        else if (ui.selectedSiteId) ui.select(null);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
