// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import type { ConferencesView, Participant } from '../../shared/conference.js';
import { NetworkMap } from '../../renderer/features/map/network-map.js';
import { ARM_GUARD_MS } from '../../renderer/features/shell/arming.js';
import { WallMode } from '../../renderer/features/map/wall-mode.js';
import { useAlarmStore } from '../../renderer/stores/alarm-store.js';
import { alarmView } from '../shared/alarms/alarm-fixtures.js';
import { NO_FILTER } from '../../renderer/features/map/map-filter.js';
import { useMapStore } from '../../renderer/features/map/map-store.js';
import { setConferenceHooks, useConferenceStore } from '../../renderer/stores/conference-store.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { NETWORK, status, up } from './fixtures.js';
import { ago, seedStores } from './dom-setup.js';

const part = (id: string, endpointId: string, patch: Partial<Participant> = {}): Participant => ({
  id,
  endpointId,
  name: id,
  uri: `sip:${endpointId}@vc.example.vn`,
  state: 'connected',
  audioMuted: false,
  videoMuted: false,
  activeSpeaker: false,
  layout: 'automatic',
  ...patch,
});

const conferences = (chora: Partial<Participant> | null = {}, mcu: ConferencesView['mcu']['state'] = 'ok'): ConferencesView => ({
  mcu: { state: mcu, message: mcu === 'ok' ? '' : 'connection refused', since: '2025-11-22T07:00:00Z' },
  conferences: [
    {
      id: 'c1',
      name: 'Giao ban trực tuyến UBND tỉnh',
      layout: 'automatic',
      rosterKnown: true,
      participants: [part('p-tinh', 'ubnd-tinh-1'), ...(chora ? [part('p-chora', 'ba-be-cho-ra-1', chora)] : [])],
    },
  ],
});

let calls: { method: string; input: unknown }[];

function seed(role: 'operator' | 'supervisor' = 'operator', view: ConferencesView = conferences()) {
  seedStores(NETWORK, [
    up('ubnd-tinh-1', 'ubnd-tinh', ago(2), { conferenceId: 'c1', inCall: true }),
    up('ba-be-1', 'ba-be', ago(2), { degraded: true }),
    status('cho-don-1', 'cho-don', { reachability: 'down' }),
    up('ba-be-cho-ra-1', 'ba-be-cho-ra', ago(4), { conferenceId: 'c1', inCall: true, packetLossPct: 0.4, jitterMs: 6.5, measuredAt: { reachability: ago(4), packetLossPct: ago(4) } }),
  ]);
  useConnectionStore.setState({ identity: { user: role === 'supervisor' ? 'hoa' : 'lan', role } });
  calls = [];
  const api = {
    call: vi.fn(async (method: string, input: unknown) => {
      calls.push({ method, input });
      return { target: 'x', ok: true, error: null };
    }),
    on: () => () => undefined,
  } as unknown as ConsoleApi;
  setConferenceHooks({ api });
  useConferenceStore.setState({ view: null, pending: [], errors: new Map(), log: [], bulk: null, selectedId: null });
  useConferenceStore.getState().receive(view);
  useMapStore.setState({ filter: NO_FILTER, cursor: null, mcuOpen: false, wall: false, keyNote: null });
}

const search = (): HTMLInputElement => screen.getByTestId('map-search') as HTMLInputElement;
const key = (k: string, target: Element | Document = document.body) => fireEvent.keyDown(target, { key: k });

beforeAll(() => {
  // jsdom has no 2D canvas; the engine then keeps its state without drawing.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

describe('network map (DOM)', () => {
  beforeEach(() => seed());
  afterEach(cleanup);

  it('shows the canvas, the legend and the counters per tier and district', () => {
    render(<NetworkMap />);
    expect(screen.getByTestId('network-map').tagName).toBe('CANVAS');
    const legend = screen.getByTestId('map-legend');
    for (const word of ['Hoạt động', 'Chất lượng kém', 'Ngừng hoạt động', 'Dữ liệu cũ', 'Mất liên lạc', 'Đang họp', 'Tắt micrô']) expect(legend.textContent).toContain(word);
    const counters = screen.getByTestId('map-counters');
    const cell = (group: string, kind: string) => counters.querySelector(`tr[data-key="${group}"] td[data-kind="${kind}"]`)!.textContent;
    expect(cell('province', 'up')).toBe('1');
    expect(cell('province', 'inCall')).toBe('1');
    expect(cell('district', 'degraded')).toBe('1');
    expect(cell('district', 'down')).toBe('1');
    expect(cell('ba-be', 'up')).toBe('1');
    expect(cell('ba-be', 'degraded')).toBe('1');
    expect(cell('cho-don', 'down')).toBe('1');
    expect(counters.querySelector('tr[data-key="ba-be"] th')!.textContent).toBe('UBND huyện Ba Bể');
    expect(counters.querySelector('td[data-kind="down"][data-attention="true"]')).not.toBeNull();
  });

  it('finds a commune with the diacritics folded and selects it with Enter', () => {
    render(<NetworkMap />);
    key('/');
    expect(document.activeElement).toBe(search());
    fireEvent.change(search(), { target: { value: 'cho ra' } });
    const results = screen.getByTestId('map-results');
    expect([...results.querySelectorAll('[data-site-id]')].map((e) => e.getAttribute('data-site-id'))).toEqual(['ba-be-cho-ra']);
    expect(screen.getByTestId('map-find-count').textContent).toBe('1 điểm khớp');
    key('Enter', search());
    expect(useUiStore.getState().selectedSiteId).toBe('ba-be-cho-ra');
    const drawer = screen.getByTestId('map-drawer');
    expect(drawer.querySelector('h2')!.textContent).toBe('UBND xã Chợ Rã');
    // Live metrics with unit and age, from the console's endpoint details.
    expect(drawer.querySelector('[data-field="packetLossPct"] .metrics__text')!.textContent).toBe('0,4\u00a0%');
    expect(drawer.querySelector('[data-field="packetLossPct"] .metrics__age')!.textContent).toBe('4 s trước');
  });

  it('clears the search with Escape first, then the selection', () => {
    render(<NetworkMap />);
    act(() => useUiStore.getState().select('ba-be'));
    fireEvent.change(search(), { target: { value: 'nam' } });
    key('Escape', search());
    expect(search().value).toBe('');
    expect(useUiStore.getState().selectedSiteId).toBe('ba-be');
    key('Escape');
    expect(useUiStore.getState().selectedSiteId).toBe(null);
    expect(screen.queryByTestId('map-drawer')).toBeNull();
  });

  it('filters by status, tier, district and only problems', () => {
    render(<NetworkMap />);
    fireEvent.click(screen.getByTestId('map-filter-problems'));
    expect(useMapStore.getState().results.total).toBe(2); // Ba Bể degraded, Chợ Đồn down
    fireEvent.change(screen.getByTestId('map-filter-district'), { target: { value: 'cho-don' } });
    expect(useMapStore.getState().results.ids).toEqual(['cho-don']);
    fireEvent.change(screen.getByTestId('map-filter-tier'), { target: { value: 'commune' } });
    expect(useMapStore.getState().results.total).toBe(0);
    key('Escape');
    expect(useMapStore.getState().filter).toEqual(NO_FILTER);
    fireEvent.change(screen.getByTestId('map-filter-status'), { target: { value: 'inCall' } });
    expect(useMapStore.getState().results.ids).toEqual(['ubnd-tinh', 'ba-be-cho-ra']);
  });

  it('moves between sites with the arrow keys and selects with Enter', () => {
    render(<NetworkMap />);
    act(() => useUiStore.getState().select('ba-be-cho-ra'));
    key('ArrowUp');
    expect(useMapStore.getState().cursor).toBe('ba-be');
    expect(screen.getByTestId('map-cursor').textContent).toBe('UBND huyện Ba Bể, Cấp huyện, Chất lượng kém');
    key('ArrowRight');
    expect(useMapStore.getState().cursor).toBe('cho-don');
    key('ArrowDown');
    expect(useMapStore.getState().cursor).toBe('cho-don-bang-lung');
    key('Enter');
    expect(useUiStore.getState().selectedSiteId).toBe('cho-don-bang-lung');
    key('Home');
    key('Enter');
    expect(useMapStore.getState().mcuOpen).toBe(true);
    expect(screen.getByTestId('map-mcu-state').textContent).toBe('Đã kết nối');
  });

  it('mutes the selected participant from the drawer, pending until the MCU reports it', async () => {
    render(<NetworkMap />);
    act(() => useUiStore.getState().select('ba-be-cho-ra'));
    const controls = screen.getByTestId('map-controls');
    expect(controls.dataset['inCall']).toBe('true');
    expect(screen.getByTestId('map-mic-state').textContent).toBe('Micrô đang bật');
    await act(async () => fireEvent.click(screen.getByTestId('map-mute')));
    expect(calls).toEqual([{ method: 'muteParticipant', input: { conferenceId: 'c1', participantId: 'p-chora', audio: true } }]);
    expect(screen.getByTestId('map-mute').dataset['pending']).toBe('true');
    expect(screen.getByTestId('map-mute').textContent).toBe('Đang tắt micrô…');
    act(() => useConferenceStore.getState().receive(conferences({ audioMuted: true })));
    expect(screen.getByTestId('map-mute').dataset['pending']).toBe('false');
    expect(screen.getByTestId('map-mute').textContent).toBe('Bật micrô');
    expect(screen.getByTestId('map-mic-state').textContent).toBe('Micrô đang tắt');
  });

  it('toggles mute with the m key, and says why when there is no participant', async () => {
    render(<NetworkMap />);
    act(() => useUiStore.getState().select('ba-be-cho-ra'));
    await act(async () => key('m'));
    expect(calls).toEqual([{ method: 'muteParticipant', input: { conferenceId: 'c1', participantId: 'p-chora', audio: true } }]);
    act(() => useUiStore.getState().select('ba-be'));
    await act(async () => key('m'));
    expect(calls).toHaveLength(1);
    expect(screen.getByTestId('map-key-note').textContent).toContain('không ở trong phiên họp');
  });

  it('connects a site that is not in the conference by dialling out to its endpoint: armed, then fired', async () => {
    seed('operator', conferences(null));
    render(<NetworkMap />);
    act(() => useUiStore.getState().select('ba-be-cho-ra'));
    const connect = screen.getByTestId('map-connect');
    expect(connect.textContent).toBe('Kết nối vào “Giao ban trực tuyến UBND tỉnh”');
    // The first click arms and names who goes where; nothing is dialled yet.
    await act(async () => fireEvent.click(connect));
    expect(calls).toEqual([]);
    expect(connect.dataset['armed']).toBe('true');
    expect(connect.textContent).toMatch(/^Bấm lần nữa để kết nối \(\d s\)$/);
    expect(screen.getByTestId('map-connect-confirm').textContent).toBe('Gọi UBND xã Chợ Rã vào phiên “Giao ban trực tuyến UBND tỉnh”? Bấm lần nữa để gọi, Esc để thôi.');
    // Escape disarms.
    fireEvent.keyDown(connect, { key: 'Escape' });
    expect(connect.dataset['armed']).toBe('false');
    expect(screen.queryByTestId('map-connect-confirm')).toBeNull();
    // Armed again, a second click (past the double-click guard) dials.
    await act(async () => fireEvent.click(connect));
    const later = vi.spyOn(Date, 'now').mockReturnValue(Date.now() + ARM_GUARD_MS + 10);
    await act(async () => fireEvent.click(connect));
    later.mockRestore();
    expect(calls).toEqual([{ method: 'dialOut', input: { conferenceId: 'c1', endpointId: 'ba-be-cho-ra-1' } }]);
    expect(screen.getByTestId('map-connect').textContent).toBe('Đang kết nối…');
    act(() => useConferenceStore.getState().receive(conferences({})));
    expect(screen.getByTestId('map-controls').dataset['inCall']).toBe('true');
  });

  it('arms disconnect on the first click and fires on the second', async () => {
    render(<NetworkMap />);
    act(() => useUiStore.getState().select('ba-be-cho-ra'));
    const button = screen.getByTestId('map-disconnect');
    await act(async () => fireEvent.click(button));
    expect(calls).toEqual([]);
    expect(button.dataset['armed']).toBe('true');
    expect(button.textContent).toMatch(/^Bấm lần nữa để ngắt \(\d s\)$/);
    await act(async () => fireEvent.click(button));
    expect(calls).toEqual([{ method: 'disconnectParticipant', input: { conferenceId: 'c1', participantId: 'p-chora' } }]);
  });

  it('shows a supervisor the details without any control', () => {
    seed('supervisor');
    render(<NetworkMap />);
    act(() => useUiStore.getState().select('ba-be-cho-ra'));
    for (const id of ['map-mute', 'map-disconnect', 'map-layout', 'map-controls-blocked']) expect(screen.queryByTestId(id), id).toBeNull();
  });

  it('disables the controls while the MCU is not connected, saying why', () => {
    seed('operator', conferences({}, 'disconnected'));
    render(<NetworkMap />);
    act(() => useUiStore.getState().select('ba-be-cho-ra'));
    expect((screen.getByTestId('map-mute') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('map-controls-blocked').textContent).toContain('Mất kết nối');
    expect(screen.getByTestId('map-controls-blocked').textContent).toBe('MCU không sẵn sàng (Mất kết nối)');
  });

  it('changes a participant layout through setLayout', async () => {
    render(<NetworkMap />);
    act(() => useUiStore.getState().select('ba-be-cho-ra'));
    await act(async () => fireEvent.change(screen.getByTestId('map-layout'), { target: { value: 'speakerOnly' } }));
    expect(calls).toEqual([{ method: 'setLayout', input: { conferenceId: 'c1', participantId: 'p-chora', layout: 'speakerOnly' } }]);
  });

  it('opens the wall: the map and the counters in large type, no controls', () => {
    render(<NetworkMap />);
    fireEvent.click(screen.getByTestId('map-wall'));
    const wall = screen.getByTestId('wall-mode');
    expect(within(wall).getByTestId('wall-map')).toBeTruthy();
    expect(within(wall).getByTestId('wall-counters').dataset['wall']).toBe('true');
    expect(wall.querySelector('button, select, input')).toBeNull();
    key('Escape');
    expect(screen.queryByTestId('wall-mode')).toBeNull();
    expect(screen.getByTestId('network-map')).toBeTruthy();
  });

  it('keeps the alarm banner on the wall, as figures, not a control', () => {
    useAlarmStore.getState().apply({ kind: 'snapshot', flood: { since: null, byArea: {} }, alarms: [alarmView('ba-be')] });
    render(<WallMode />);
    const banner = within(screen.getByTestId('wall-mode')).getByTestId('alarm-banner');
    expect(banner.tagName).toBe('DIV');
    expect(banner.querySelector('[data-priority="critical"]')!.textContent).toBe('Khẩn cấp1');
    expect(screen.getByTestId('wall-mode').querySelector('button, select, input')).toBeNull();
    useAlarmStore.setState(useAlarmStore.getInitialState(), true);
  });

  it('renders the wall on its own', () => {
    render(<WallMode />);
    expect(screen.getByTestId('wall-mode').textContent).toContain('Bắc Kạn');
    expect(screen.getByTestId('wall-counters')).toBeTruthy();
  });
});
