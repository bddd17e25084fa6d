// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LAYOUTS } from '../../shared/conference.js';
import { App } from '../../renderer/app.js';
import { ArmedButton } from '../../renderer/features/session/armed-button.js';
import { LayoutThumb, layoutPanes } from '../../renderer/features/session/layout-thumb.js';
import { SessionView } from '../../renderer/features/session/session-view.js';
import { setAuditApi, useAuditStore } from '../../renderer/stores/audit-store.js';
import { setConferenceHooks, useConferenceStore } from '../../renderer/stores/conference-store.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { NETWORK, TWO_TIER, up } from './fixtures.js';
import { NOW, ago, seedStores } from './dom-setup.js';
import { CONF_ID, conference, fakeApi, settle, view, withParticipant } from './session-fixtures.js';

type Fake = ReturnType<typeof fakeApi>;
let fake: Fake;

function seed(handlers: Parameters<typeof fakeApi>[0] = {}, role: 'operator' | 'technician' | 'supervisor' = 'operator') {
  seedStores(NETWORK, [up('ubnd-tinh-1', 'ubnd-tinh', ago(3), { packetLossPct: 0.25, jitterMs: 7.4, measuredAt: { reachability: ago(3), packetLossPct: ago(3), jitterMs: ago(3) } })]);
  useConnectionStore.setState({ identity: { user: role === 'supervisor' ? 'hoa' : 'lan', role } });
  fake = fakeApi(handlers);
  setConferenceHooks({ api: fake.api, afterAction: () => useAuditStore.getState().refresh() });
  setAuditApi(fake.api);
  useAuditStore.getState().clear();
  useConferenceStore.setState({ view: null, pending: [], errors: new Map(), log: [], bulk: null, selectedId: null });
  useConferenceStore.getState().receive(view());
}

const row = (endpointId: string): HTMLElement => document.querySelector<HTMLElement>(`tr[data-endpoint-id="${endpointId}"]`)!;
const actions = () => fake.calls.filter((c) => c.method !== 'listAudit');
/** The visible text: without the titles of the glyphs (their words are for tooltips and screen readers). */
const text = (el: Element): string => {
  const copy = el.cloneNode(true) as Element;
  for (const svg of copy.querySelectorAll('svg')) svg.remove();
  return copy.textContent ?? '';
};

describe('session view: layout thumbnails', () => {
  afterEach(cleanup);

  it.each([
    ['speakerOnly', 1],
    ['allEqual', 6],
    ['allEqualQuarters', 4],
    ['allEqualNinths', 9],
    ['allEqualSixteenths', 16],
    ['telepresence', 5],
    ['stacked', 6],
    ['onePlusFive', 6],
    ['onePlusSeven', 8],
    ['onePlusNine', 10],
    ['automatic', 6],
  ] as const)('draws %s with %i panes, inside the frame, one of them the speaker where there is one', (layout, panes) => {
    render(<LayoutThumb layout={layout} label={layout} />);
    const svg = document.querySelector<SVGElement>(`svg[data-layout="${layout}"]`)!;
    expect(svg.querySelectorAll('.layout-thumb__pane')).toHaveLength(panes);
    for (const p of layoutPanes(layout)) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.x + p.w).toBeLessThanOrEqual(32);
      expect(p.y + p.h).toBeLessThanOrEqual(18);
    }
    const big = layoutPanes(layout).filter((p) => p.main).length;
    expect(big).toBe(layout.startsWith('allEqual') ? 0 : 1);
    expect(svg.querySelector('.layout-thumb__auto') !== null).toBe(layout === 'automatic');
  });

  it('offers every layout in the picker, drawn and named, the current one checked', () => {
    seed();
    render(<SessionView />);
    const picker = screen.getByTestId('layout-picker');
    const options = within(picker).getAllByRole('radio');
    expect(options.map((o) => o.dataset.layout)).toEqual([...LAYOUTS]);
    for (const o of options) expect(o.querySelector('svg.layout-thumb')).not.toBeNull();
    expect(text(screen.getByTestId('layout-onePlusSeven'))).toBe('1 + 7');
    expect(screen.getByTestId('layout-automatic').getAttribute('aria-checked')).toBe('true');
  });

  it('sets the layout at once as pending, then as the MCU reports it', async () => {
    seed();
    render(<SessionView />);
    fireEvent.click(screen.getByTestId('layout-onePlusNine'));
    const header = screen.getByTestId('conference-header');
    expect(header.dataset.layout).toBe('onePlusNine');
    expect(header.dataset.layoutPending).toBe('true');
    expect(screen.getByTestId('layout-onePlusNine').dataset.pending).toBe('true');
    await act(settle);
    expect(actions()).toEqual([{ method: 'setLayout', input: { conferenceId: CONF_ID, layout: 'onePlusNine' } }]);
    act(() => useConferenceStore.getState().receive(view([conference({ layout: 'onePlusNine' })])));
    expect(header.dataset.layoutPending).toBe('false');
    expect(screen.getByTestId('layout-onePlusNine').getAttribute('aria-checked')).toBe('true');
  });
});

describe('session view: armed actions', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('arms on the first click (countdown, targets named) and fires only on the second', () => {
    const onFire = vi.fn();
    render(<ArmedButton label="Kết thúc phiên" confirm="Kết thúc phiên “Giao ban” cho cả 5 điểm cầu?" onFire={onFire} testId="x" />);
    const button = screen.getByTestId('x');
    fireEvent.click(button);
    expect(onFire).not.toHaveBeenCalled();
    expect(button.dataset.armed).toBe('true');
    expect(button.textContent).toBe('Xác nhận (5)');
    expect(screen.getByTestId('x-confirm').textContent).toContain('cho cả 5 điểm cầu?');
    act(() => vi.advanceTimersByTime(1_200));
    expect(button.textContent).toBe('Xác nhận (4)');
    fireEvent.click(button);
    expect(onFire).toHaveBeenCalledTimes(1);
    expect(button.dataset.armed).toBe('false');
    expect(screen.queryByTestId('x-confirm')).toBeNull();
  });

  it('does not fire on a double click, and disarms when the countdown runs out or on Escape', () => {
    const onFire = vi.fn();
    render(<ArmedButton label="Ngắt" confirm="Ngắt kết nối UBND xã Chợ Rã?" onFire={onFire} testId="x" />);
    const button = screen.getByTestId('x');
    fireEvent.click(button);
    fireEvent.click(button); // the second click of a double click
    expect(onFire).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(5_200));
    expect(button.dataset.armed).toBe('false');
    fireEvent.click(button);
    expect(button.dataset.armed).toBe('true');
    fireEvent.keyDown(button, { key: 'Escape' });
    expect(button.dataset.armed).toBe('false');
    act(() => vi.advanceTimersByTime(1_000));
    fireEvent.click(button);
    expect(onFire).not.toHaveBeenCalled();
  });

  it('disconnects a participant from the roster only after arming', () => {
    seed({ disconnectParticipant: () => ({ target: 'ba-be-cho-ra-1', ok: true, error: null }) });
    render(<SessionView />);
    const button = within(row('ba-be-cho-ra-1')).getByTestId('disconnect');
    fireEvent.click(button);
    expect(actions()).toEqual([]);
    expect(button.getAttribute('aria-label')).toContain('Ngắt kết nối UBND xã Chợ Rã?');
    act(() => vi.advanceTimersByTime(600));
    fireEvent.click(button);
    expect(actions()).toEqual([{ method: 'disconnectParticipant', input: { conferenceId: CONF_ID, participantId: 'p-chora' } }]);
    expect(row('ba-be-cho-ra-1').dataset.leaving).toBe('true');
  });

  it('names the sites of a district before connecting them, and lists a result per site', async () => {
    seed({
      connectSites: () => [
        { target: 'ba-be', ok: true, error: null },
        { target: 'ba-be-cho-ra', ok: true, error: null },
        { target: 'ba-be-nam-mau', ok: false, error: 'MCU 503' },
      ],
    });
    render(<SessionView />);
    fireEvent.change(screen.getByTestId('bulk-choice'), { target: { value: 'ba-be' } });
    // Ba Bể and Chợ Rã are in the call already: only Nam Mẫu is left to dial.
    expect(screen.getByTestId('bulk-count').dataset.count).toBe('1');
    const button = screen.getByTestId('bulk-connect-button');
    fireEvent.click(button);
    expect(screen.getByTestId('bulk-connect-button-confirm').textContent).toBe('Kết nối 1 điểm cầu của UBND huyện Ba Bể?UBND xã Nam Mẫu');
    act(() => vi.advanceTimersByTime(600));
    fireEvent.click(button);
    expect(actions()).toEqual([{ method: 'connectSites', input: { conferenceId: CONF_ID, district: 'ba-be' } }]);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    const results = screen.getAllByTestId('bulk-result');
    expect(results.map((r) => [r.dataset.siteId, r.dataset.result])).toEqual([
      ['ba-be-nam-mau', 'failed'],
      ['ba-be', 'ok'],
      ['ba-be-cho-ra', 'ok'],
    ]);
    expect(results[0]!.textContent).toContain('MCU 503');
    expect(screen.getByTestId('bulk-error').textContent).toContain('1/3 lỗi');
  });

  it('connects every site in scope not yet in the call, named and armed, as the list it showed', async () => {
    seed({ connectSites: (input: { siteIds?: string[] }) => (input.siteIds ?? []).map((target) => ({ target, ok: true, error: null })) });
    render(<SessionView />);
    fireEvent.click(screen.getByTestId('bulk-by-scope'));
    expect(screen.getByTestId('bulk-by-scope').getAttribute('aria-checked')).toBe('true');
    expect(screen.getByTestId('bulk-choice').textContent).toBe('Mọi điểm cầu trong phạm vi');
    // The province office, the Sở, Ba Bể and Chợ Rã are in the call: three of the seven are left.
    expect(screen.getByTestId('bulk-count').dataset.count).toBe('3');
    const button = screen.getByTestId('bulk-connect-button');
    fireEvent.click(button);
    expect(actions()).toEqual([]);
    const confirm = screen.getByTestId('bulk-connect-button-confirm').textContent ?? '';
    expect(confirm).toContain('Kết nối tất cả 3 điểm cầu còn lại trong phạm vi của bạn vào phiên này?');
    expect(confirm).toContain('UBND xã Nam Mẫu');
    act(() => vi.advanceTimersByTime(600));
    fireEvent.click(button);
    expect(actions()).toEqual([{ method: 'connectSites', input: { conferenceId: CONF_ID, siteIds: expect.arrayContaining(['ba-be-nam-mau']) } }]);
    const asked = (actions()[0]!.input as { siteIds: string[] }).siteIds;
    expect([...asked].sort()).toEqual(['ba-be-nam-mau', 'cho-don', 'cho-don-bang-lung']);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(screen.getAllByTestId('bulk-result').map((r) => r.dataset.result)).toEqual(['ok', 'ok', 'ok']);
  });

  it('connects by tier only on a network without districts (two tiers, as after the 2025 reform)', () => {
    seed();
    seedStores(TWO_TIER, []);
    render(<SessionView />);
    expect(screen.queryByTestId('bulk-by-district')).toBeNull();
    expect(screen.getByTestId('bulk-by-tier').getAttribute('aria-checked')).toBe('true');
    expect(within(screen.getByTestId('bulk-choice')).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['hq', 'branch']);
  });
});

describe('session view: roster', () => {
  afterEach(cleanup);

  it('joins the roster to the inventory: site name, tier, state, mic, camera, loss and jitter with units and age', () => {
    seed();
    render(<SessionView />);
    const r = row('ubnd-tinh-1');
    const cells = [...r.children].map(text);
    expect(cells[1]).toBe('Văn phòng UBND tỉnh');
    expect(cells[2]).toBe('Cấp tỉnh');
    expect(cells[3]).toBe('Đã kết nối');
    expect(cells[4]).toBe('Bật');
    expect(cells[5]).toBe('—'); // the codec's own microphone: not in this status
    expect(cells[7]).toBe('0,25\u00a0%');
    expect(cells[8]).toBe('7,4\u00a0ms');
    expect(cells[9]).toBe('—'); // latency not measured
    expect(cells[10]).toBe('3 s');
    expect(r.dataset.speaking).toBe('true');
    expect(r.querySelector('[data-glyph="speaking"]')).not.toBeNull();
    // A participant not in the inventory keeps the MCU's name and says so.
    const guest = document.querySelector<HTMLElement>('tr[data-participant-id="p-guest"]')!;
    expect(text(guest.querySelector('th')!)).toBe('Khách mời Hà Nộingoài danh mục');
    expect(guest.children[7]!.textContent).toBe('—');
  });

  it('shows a mute at once as pending and settles it from the stream', async () => {
    seed();
    render(<SessionView />);
    fireEvent.click(within(row('ba-be-1')).getByTestId('mic-toggle'));
    expect(row('ba-be-1').dataset.audioMuted).toBe('true');
    expect(row('ba-be-1').dataset.audioPending).toBe('true');
    await act(settle);
    expect(actions()).toEqual([{ method: 'muteParticipant', input: { conferenceId: CONF_ID, participantId: 'p-babe', audio: true } }]);
    act(() => useConferenceStore.getState().receive(withParticipant(view(), 'p-babe', { audioMuted: true })));
    expect(row('ba-be-1').dataset.audioPending).toBe('false');
    expect(text(within(row('ba-be-1')).getByTestId('mic-toggle'))).toBe('Tắt');
    // The audit log was asked again after the action.
    expect(fake.calls.filter((c) => c.method === 'listAudit').length).toBeGreaterThanOrEqual(2);
  });

  it('rolls back a refused mute with the reason beside the control and in the results', async () => {
    seed({ muteParticipant: () => ({ target: 'so-tttt-1', ok: false, error: 'MCU 404: participantNotFound' }) });
    render(<SessionView />);
    fireEvent.click(within(row('so-tttt-1')).getByTestId('camera-toggle'));
    expect(row('so-tttt-1').dataset.videoMuted).toBe('true');
    await act(settle);
    expect(row('so-tttt-1').dataset.videoMuted).toBe('false');
    expect(row('so-tttt-1').dataset.videoPending).toBe('false');
    expect(text(within(row('so-tttt-1')).getByTestId('video-error'))).toBe('Bị từ chối: MCU 404: participantNotFound');
    const result = within(screen.getByTestId('action-results')).getByTestId('action-result');
    expect(result.dataset.outcome).toBe('failed');
    expect(result.textContent).toContain('Sở Thông tin và Truyền thông');
    expect(result.textContent).toContain('MCU 404: participantNotFound');
  });

  it('moves through the rows with the arrow keys and acts with M and V', async () => {
    seed();
    render(<SessionView />);
    const rows = screen.getAllByTestId('roster-row');
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    // By tier, then name: the province sites first, the guest last.
    expect(rows.map((r) => r.dataset.participantId)).toEqual(['p-tttt', 'p-tinh', 'p-babe', 'p-chora', 'p-guest']);
    rows[0]!.focus();
    fireEvent.keyDown(rows[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row('ubnd-tinh-1'));
    fireEvent.keyDown(row('ubnd-tinh-1'), { key: 'End' });
    expect((document.activeElement as HTMLElement).dataset.participantId).toBe('p-guest');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    fireEvent.keyDown(document.activeElement!, { key: 'm' });
    fireEvent.keyDown(document.activeElement!, { key: 'v' });
    await act(settle);
    expect(actions().map((c) => c.input)).toEqual([
      { conferenceId: CONF_ID, participantId: 'p-tttt', audio: true },
      { conferenceId: CONF_ID, participantId: 'p-tttt', video: true },
    ]);
  });

  it('says the roster is unknown, with no rows, until the MCU sends it in full', () => {
    seed();
    act(() => useConferenceStore.getState().receive(view([conference({ rosterKnown: false })])));
    render(<SessionView />);
    expect(screen.getByTestId('roster-unknown').textContent).toContain('Chưa rõ danh sách điểm cầu');
    expect(screen.queryAllByTestId('roster-row')).toEqual([]);
    expect(text(screen.getByTestId('roster-unknown-badge'))).toBe('Danh sách chưa rõ');
    expect(screen.getByTestId('conference-item').dataset.rosterKnown).toBe('false');
    expect(screen.getByTestId('controls-blocked').dataset.reason).toBe('roster');
    expect((screen.getByTestId('layout-automatic') as HTMLButtonElement).disabled).toBe(true);
  });

  it('finds a site to dial with the diacritics folded, and dials it with Enter', async () => {
    seed();
    render(<SessionView />);
    const input = screen.getByTestId('dial-search');
    fireEvent.change(input, { target: { value: 'bang lung' } });
    const options = screen.getAllByTestId('dial-option');
    expect(options.map((o) => o.dataset.key)).toEqual(['cho-don-bang-lung']);
    fireEvent.change(input, { target: { value: 'cho' } });
    expect(screen.getAllByTestId('dial-option').find((o) => o.dataset.key === 'ba-be-cho-ra')?.dataset.inCall).toBe('true');
    fireEvent.change(input, { target: { value: 'nam mau' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await act(settle);
    expect(actions()).toEqual([{ method: 'dialOut', input: { conferenceId: CONF_ID, endpointId: 'ba-be-nam-mau-1' } }]);
  });

  it('shows the audit log newest first: who, what, target by name, result, time in ICT', async () => {
    const base = { role: 'operator', source: '10.0.0.7', client: 'browser', session: 's-1', prevHash: '0'.repeat(64), hash: 'a'.repeat(64) };
    seed({
      listAudit: () => [
        { ...base, id: 2, at: '2025-11-22T07:29:10Z', user: 'lan', action: 'muteParticipant', target: 'endpoint:ubnd-tinh-1', targetLabel: 'Văn phòng UBND tỉnh', params: '{"conferenceId":"c1","participantId":"p-tinh","audio":true}', result: 'ok', error: null },
        { ...base, id: 1, at: '2025-11-22T07:28:00Z', user: 'lan', action: 'endConference', target: 'conference:c1', targetLabel: 'Giao ban trực tuyến UBND tỉnh', params: '{}', result: 'failed', error: { code: 'mcu_refused', params: { message: 'MCU 500' } } },
      ],
    });
    render(<SessionView />);
    await act(settle);
    const entries = screen.getAllByTestId('audit-entry');
    expect(entries.map((e) => e.dataset.auditId)).toEqual(['2', '1']);
    expect([...entries[0]!.children].map(text)).toEqual(['14:29:10 22/11/2025', 'lan · Điều hành viên', 'Tắt tiếng', 'Văn phòng UBND tỉnh', 'Thành công']);
    expect(entries[1]!.children[3]!.textContent).toBe('Giao ban trực tuyến UBND tỉnh');
    expect(text(entries[1]!.children[4]!)).toBe('Không thành công: MCU từ chối');
    // Never a method name, an id or the request's JSON.
    expect(screen.getByTestId('audit-panel').textContent).not.toMatch(/muteParticipant|endConference|ubnd-tinh-1|conferenceId|MCU 500/);
  });
});

describe('session view: who may act, and when', () => {
  afterEach(cleanup);

  const controls = () => [
    ...screen.getAllByTestId('mic-toggle'),
    ...screen.getAllByTestId('camera-toggle'),
    ...screen.getAllByTestId('participant-layout'),
    ...screen.getAllByTestId('disconnect'),
    ...screen.getAllByRole('radio').filter((r) => r.dataset.layout),
    screen.getByTestId('mute-all-button'),
    screen.getByTestId('bulk-connect-button'),
    screen.getByTestId('end-conference'),
    screen.getByTestId('dial-search'),
  ];

  it('shows a supervisor no control at all (the contract lets no supervisor act), only what is going on', () => {
    seed({}, 'supervisor');
    render(<SessionView />);
    expect(document.querySelectorAll('button[data-control], select[data-control]')).toHaveLength(0);
    for (const id of ['mic-toggle', 'camera-toggle', 'participant-layout', 'disconnect', 'end-conference', 'mute-all-button', 'bulk-connect-button', 'dial-search']) {
      expect(screen.queryAllByTestId(id), id).toHaveLength(0);
    }
    // Nothing to explain either: no disabled controls, so no "cannot control" note.
    expect(screen.queryByTestId('controls-blocked')).toBeNull();
    // The roster is still there to watch, with each microphone's state in words.
    expect(screen.getAllByTestId('roster-row')).toHaveLength(5);
    const mic = row('ba-be-1').querySelector('[data-state-of="audio"]')!;
    expect(mic.getAttribute('data-muted')).toMatch(/true|false/);
    expect(mic.textContent).toMatch(/Bật|Tắt/);
    expect(actions()).toEqual([]);
  });

  it('enables the controls for an operator and a technician', () => {
    for (const role of ['operator', 'technician'] as const) {
      seed({}, role);
      render(<SessionView />);
      expect(screen.queryByTestId('controls-blocked')).toBeNull();
      expect(controls().filter((c) => (c as HTMLButtonElement).disabled)).toEqual([]);
      cleanup();
    }
  });

  it('shows an MCU that is down in colour and words, and disables the actions with the reason', () => {
    seed();
    act(() => useConferenceStore.getState().receive(view([], { state: 'auth_failed', message: '401 from POST /api/v1/authTokens', since: ago(30) })));
    render(<SessionView />);
    const mcu = screen.getByTestId('mcu-state');
    expect(mcu.dataset.attention).toBe('true');
    expect(mcu.textContent).toContain('sai thông tin đăng nhập');
    // Why, in words: the driver's English message (with its method and path) stays in the engine's log.
    expect(mcu.textContent).toContain('kiểm tra tài khoản MCU');
    expect(mcu.textContent).not.toContain('401');
    expect(mcu.textContent).toContain('30 s trước');
    expect(screen.getByTestId('controls-blocked').textContent).toBe('Không điều khiển được: MCU sai thông tin đăng nhập');
    expect(screen.getByTestId('conference-list').textContent).toContain('Không có danh sách phiên họp khi MCU không kết nối.');
  });

  it('keeps the MCU calm when it is connected', () => {
    seed();
    render(<SessionView />);
    const mcu = screen.getByTestId('mcu-state');
    expect(mcu.dataset.attention).toBe('false');
    expect(text(mcu)).toBe('MCUđã kết nối');
  });
});

describe('view rail', () => {
  afterEach(cleanup);

  it('switches between the views by click and by Alt+N (the map first, the site list fourth)', () => {
    seed();
    useUiStore.setState({ view: 'network' });
    render(<App />);
    expect(screen.getByTestId('site-tree')).toBeTruthy();
    expect(screen.getByTestId('rail-live').title).toBe('Trực tiếp (Alt+2)');
    expect(screen.getByTestId('rail-network').getAttribute('aria-current')).toBe('page');
    fireEvent.keyDown(document.body, { key: '2', code: 'Digit2', altKey: true });
    expect(useUiStore.getState().view).toBe('live');
    expect(screen.getByTestId('session-view')).toBeTruthy();
    expect(screen.queryByTestId('site-tree')).toBeNull();
    expect(screen.getByTestId('rail-live').getAttribute('aria-current')).toBe('page');
    fireEvent.keyDown(document.body, { key: '1', code: 'Digit1', altKey: true });
    expect(useUiStore.getState().view).toBe('map');
    expect(screen.getByTestId('rail-map').getAttribute('aria-current')).toBe('page');
    fireEvent.keyDown(document.body, { key: '4', code: 'Digit4', altKey: true });
    expect(screen.getByTestId('site-tree')).toBeTruthy();
    fireEvent.click(screen.getByTestId('rail-live'));
    expect(screen.getByTestId('session-view')).toBeTruthy();
    useUiStore.setState({ view: 'network' });
  });
});
