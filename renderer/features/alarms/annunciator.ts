import type { TFunction } from 'i18next';
import type { AlarmView } from '../../../shared/alarms/alarm-api.js';
import { useAlarmStore } from '../../stores/alarm-store.js';
import { useNetworkStore } from '../../stores/network-store.js';

/** Priorities that are heard and pushed to the desktop; medium and low wait in the list. */
const LOUD = ['critical', 'high'] as const;
export type LoudPriority = (typeof LOUD)[number];

export interface Annunciation {
  /** The sound to play: the most urgent of the new alarms. */
  readonly sound: LoudPriority;
  readonly title: string;
  readonly body: string;
}

/**
 * What a batch of newly annunciated alarms should make the desk hear and see: only critical and
 * high ones that are still annunciable (the engine sends none during a flood, and never a
 * suppressed, shelved or out-of-service one; checked again here). Null when there is nothing.
 */
export function annunciation(ids: readonly string[], byId: Readonly<Record<string, AlarmView>>, t: TFunction, siteName: (siteId: string | null) => string): Annunciation | null {
  const loud = ids.map((id) => byId[id]).filter((a): a is AlarmView => a !== undefined && a.annunciable && (LOUD as readonly string[]).includes(a.priority));
  if (loud.length === 0) return null;
  const sound: LoudPriority = loud.some((a) => a.priority === 'critical') ? 'critical' : 'high';
  const what = (a: AlarmView) => t(`alarms.rule.${a.ruleId}`, { defaultValue: t('alarms.rule.other') });
  if (loud.length === 1) {
    const a = loud[0]!;
    return { sound, title: `${t(`alarms.priority.${a.priority}`)}: ${what(a)}`, body: siteName(a.subject.siteId) };
  }
  const names = loud.slice(0, 3).map((a) => `${siteName(a.subject.siteId)} (${what(a)})`);
  return { sound, title: t('alarms.notify.many', { count: loud.length }), body: names.join('; ') + (loud.length > 3 ? '; …' : '') };
}

export interface AnnunciatorOutputs {
  readonly t: TFunction;
  /** Play the priority's sound (never throws; a blocked autoplay is ignored). */
  play(priority: LoudPriority): void;
  /** Show a desktop notification (Electron's or the browser's). */
  notify(title: string, body: string): void;
  /** Is the person looking at the console? Notifications only when not. */
  focused(): boolean;
}

/** Listens to the alarm store: each batch the engine annunciates is heard (unless silenced) and, when the window is not focused, notified. */
export function startAnnunciator(out: AnnunciatorOutputs): () => void {
  return useAlarmStore.subscribe((state, prev) => {
    if (state.annunciated === prev.annunciated || state.annunciated.length === 0) return;
    const sites = useNetworkStore.getState().index?.sitesById;
    const siteName = (id: string | null) => (id === null ? out.t('alarms.network') : (sites?.get(id)?.name ?? out.t('alarms.outOfScope')));
    const a = annunciation(state.annunciated, state.byId, out.t, siteName);
    if (!a) return;
    if (!state.silenced) out.play(a.sound);
    if (!out.focused()) out.notify(a.title, a.body);
  });
}
