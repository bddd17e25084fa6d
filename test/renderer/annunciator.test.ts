// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annunciation, startAnnunciator, type LoudPriority } from '../../renderer/features/alarms/annunciator.js';
import { i18n } from '../../renderer/i18n/index.js';
import { useAlarmStore } from '../../renderer/stores/alarm-store.js';
import type { AlarmView } from '../../shared/alarms/alarm-api.js';
import { alarmView } from '../shared/alarms/alarm-fixtures.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';

/** The desk's annunciator: what is heard and notified for each batch the engine annunciates. */
const flood = { since: null, byArea: {} };
const down = alarmView('ba-be', { id: 'endpoint-down@endpoint:ba-be-1', subject: { kind: 'endpoint', id: 'ba-be-1', siteId: 'ba-be' } });
const unreachable = alarmView('cho-ra', { id: 'endpoint-unreachable@endpoint:ba-be-cho-ra-1', ruleId: 'endpoint-unreachable', priority: 'high', subject: { kind: 'endpoint', id: 'ba-be-cho-ra-1', siteId: 'ba-be-cho-ra' } });
const loss = alarmView('cho-don', { id: 'loss-high@endpoint:cho-don-1', ruleId: 'loss-high', priority: 'medium', subject: { kind: 'endpoint', id: 'cho-don-1', siteId: 'cho-don' } });
const suppressed: AlarmView = { ...unreachable, id: 'x', suppressedBy: down.id, annunciable: false };

let played: LoudPriority[];
let notified: { title: string; body: string }[];
let focused: boolean;
let stop: () => void;

const announce = (alarms: AlarmView[], ids = alarms.map((a) => a.id)) => useAlarmStore.getState().apply({ kind: 'changed', alarms, annunciate: ids, flood });

beforeEach(async () => {
  await i18n.changeLanguage('vi');
  seedStores(NETWORK, []);
  useAlarmStore.setState(useAlarmStore.getInitialState(), true);
  useAlarmStore.getState().apply({ kind: 'snapshot', alarms: [], flood });
  played = [];
  notified = [];
  focused = true;
  stop = startAnnunciator({ t: i18n.t.bind(i18n), play: (p) => played.push(p), notify: (title, body) => notified.push({ title, body }), focused: () => focused });
});
afterEach(() => stop());

describe('annunciator', () => {
  it('plays the critical sound for a new critical alarm, and notifies only when the window is not looked at', () => {
    announce([down]);
    expect(played).toEqual(['critical']);
    expect(notified).toEqual([]);
    focused = false;
    announce([unreachable]);
    expect(played).toEqual(['critical', 'high']);
    expect(notified).toEqual([{ title: 'Cao: Mất liên lạc (do cấp trên)', body: 'UBND xã Chợ Rã' }]);
  });

  it('says nothing for medium or low alarms, suppressed ones, or a change that annunciates nothing (a flood)', () => {
    focused = false;
    announce([loss]);
    announce([suppressed]);
    announce([down], []);
    expect(played).toEqual([]);
    expect(notified).toEqual([]);
  });

  it('tells several new alarms in one notification, with the most urgent sound', () => {
    focused = false;
    const more = ['a', 'b', 'c'].map((k) => ({ ...unreachable, id: `endpoint-unreachable@endpoint:${k}` }));
    announce([unreachable, down, ...more]);
    expect(played).toEqual(['critical']);
    expect(notified).toHaveLength(1);
    expect(notified[0]!.title).toBe('5 cảnh báo mới');
    expect(notified[0]!.body).toBe('UBND xã Chợ Rã (Mất liên lạc (do cấp trên)); UBND huyện Ba Bể (Ngừng hoạt động); UBND xã Chợ Rã (Mất liên lạc (do cấp trên)); …');
  });

  it('keeps quiet when the desk silenced the sound, but still notifies', () => {
    useAlarmStore.getState().setSilenced(true);
    focused = false;
    announce([down]);
    expect(played).toEqual([]);
    expect(notified).toHaveLength(1);
  });

  it('words a network-wide alarm and words in English', async () => {
    await i18n.changeLanguage('en');
    const mcu = alarmView('mcu', { id: 'mcu-disconnected@mcu:mcu', ruleId: 'mcu-disconnected', subject: { kind: 'mcu', id: 'mcu', siteId: null } });
    const a = annunciation([mcu.id], { [mcu.id]: mcu }, i18n.t.bind(i18n), (id) => (id === null ? i18n.t('alarms.network') : id));
    expect(a).toEqual({ sound: 'critical', title: 'Critical: MCU disconnected', body: 'Whole network' });
    await i18n.changeLanguage('vi');
  });
});
