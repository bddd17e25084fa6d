// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionView } from '../../renderer/features/session/session-view.js';
import { useConferenceStore } from '../../renderer/stores/conference-store.js';
import { useStatusStore } from '../../renderer/stores/status-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import type { EndpointStatus } from '../../shared/status.js';
import { NETWORK, up } from './fixtures.js';
import { ago, seedStores } from './dom-setup.js';
import { view, withParticipant } from './session-fixtures.js';

/** The roster row's cells: 3 state, 4 MCU mic, 5 codec mic, 6 camera, 7 loss, 8 jitter, 9 latency, 10 age. */
const row = (endpointId: string): HTMLElement => document.querySelector<HTMLElement>(`tr[data-endpoint-id="${endpointId}"]`)!;
const text = (el: Element): string => {
  const copy = el.cloneNode(true) as Element;
  for (const svg of copy.querySelectorAll('svg')) svg.remove();
  for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
  return copy.textContent ?? '';
};
const cell = (endpointId: string, i: number): HTMLElement => row(endpointId).children[i] as HTMLElement;

const fine = (patch: Partial<EndpointStatus> = {}): EndpointStatus =>
  up('ubnd-tinh-1', 'ubnd-tinh', ago(2), {
    inCall: true,
    micMuted: false,
    packetLossPct: 0.25,
    jitterMs: 7.4,
    latencyMs: 42,
    measuredAt: { reachability: ago(2), packetLossPct: ago(2), jitterMs: ago(3), latencyMs: ago(5), micMuted: ago(2) },
    ...patch,
  });

function seed(statuses: EndpointStatus[], language: 'vi' | 'en' = 'vi') {
  seedStores(NETWORK, statuses);
  useUiStore.setState({ language });
  useConferenceStore.setState({ view: null, pending: [], errors: new Map(), log: [], bulk: null, selectedId: null });
  useConferenceStore.getState().receive(view());
  render(<SessionView />);
}

describe('roster: the codec beside the MCU', () => {
  afterEach(cleanup);

  it('shows the codec’s loss, jitter and latency with units, the oldest age, and its own microphone', () => {
    seed([fine({ micMuted: true })]);
    expect(text(cell('ubnd-tinh-1', 3))).toBe('Đã kết nối');
    expect(row('ubnd-tinh-1').dataset.codec).toBe('up');
    expect(row('ubnd-tinh-1').dataset.codecFlag).toBe('');
    // The struck-out microphone shows it; the word is there for screen readers.
    expect(cell('ubnd-tinh-1', 5).querySelector('.visually-hidden')?.textContent).toBe('Tắt');
    expect(cell('ubnd-tinh-1', 5).dataset.codecMic).toBe('true');
    expect(cell('ubnd-tinh-1', 5).querySelector('[data-glyph="mic-off"]')).not.toBeNull();
    // The MCU's microphone is its own: the MCU still receives audio.
    expect(row('ubnd-tinh-1').dataset.audioMuted).toBe('false');
    expect([7, 8, 9].map((i) => text(cell('ubnd-tinh-1', i)))).toEqual(['0,25\u00a0%', '7,4\u00a0ms', '42\u00a0ms']);
    expect([7, 8, 9].map((i) => cell('ubnd-tinh-1', i).dataset.over)).toEqual(['false', 'false', 'false']);
    expect(text(cell('ubnd-tinh-1', 10))).toBe('5 s');
  });

  it('marks each figure past the degraded threshold with ▲, a word and the limit, not colour alone', () => {
    seed([fine({ packetLossPct: 2.5, jitterMs: 35, latencyMs: 180 })]);
    const loss = cell('ubnd-tinh-1', 7);
    const jitter = cell('ubnd-tinh-1', 8);
    const latency = cell('ubnd-tinh-1', 9);
    expect(loss.dataset.over).toBe('true');
    expect(loss.textContent).toBe('▲ 2,5\u00a0% (vượt ngưỡng)');
    expect(loss.title).toContain('vượt ngưỡng 1\u00a0%');
    // Exactly at the limit is not past it (the status derivation's rule).
    expect(jitter.dataset.over).toBe('false');
    expect(jitter.textContent).toBe('35\u00a0ms');
    expect(latency.dataset.over).toBe('true');
    expect(latency.textContent).toBe('▲ 180\u00a0ms (vượt ngưỡng)');
    expect(latency.title).toContain('150\u00a0ms');
  });

  it('flags a connected participant whose codec is down: triangle, word, never "connected"', () => {
    seed([fine({ reachability: 'down' })]);
    const state = cell('ubnd-tinh-1', 3);
    expect(row('ubnd-tinh-1').dataset.state).toBe('connected'); // the MCU's view, kept for the record
    expect(row('ubnd-tinh-1').dataset.codecFlag).toBe('down');
    expect(state.dataset.codecFlag).toBe('down');
    expect(text(state)).toBe('Codec ngừng');
    expect(text(state)).not.toContain('Đã kết nối');
    expect(state.querySelector('[data-glyph="up"]')).toBeNull();
    expect(state.querySelector('[data-glyph="down"]')).not.toBeNull();
    expect(state.querySelector('svg')?.getAttribute('aria-label')).toBe('Codec ngừng');
    expect(state.title).toContain('MCU vẫn báo «Đã kết nối»');
    // The last figures are shown as old, not live.
    expect([7, 8, 9].map((i) => cell('ubnd-tinh-1', i).dataset.stale)).toEqual(['true', 'true', 'true']);
    expect(cell('ubnd-tinh-1', 7).className).toContain('stale-hatch');
  });

  it('flags unreachable and stale codecs with their own words, in English too', () => {
    seed([fine({ reachability: 'unreachable' }), up('so-tttt-1', 'so-tttt', ago(40), { stale: true })], 'en');
    expect(text(cell('ubnd-tinh-1', 3))).toBe('Codec unreachable');
    expect(row('ubnd-tinh-1').dataset.codecFlag).toBe('unreachable');
    expect(cell('ubnd-tinh-1', 3).querySelector('[data-glyph="unreachable"]')).not.toBeNull();
    expect(cell('so-tttt-1', 3).querySelector('[data-glyph="stale"]')).not.toBeNull();
    expect(text(cell('so-tttt-1', 3))).toBe('Codec: stale data');
    expect(row('so-tttt-1').dataset.codec).toBe('stale');
  });

  it('follows the status stream: a codec coming back lifts the flag', () => {
    seed([fine({ reachability: 'down' })]);
    expect(row('ubnd-tinh-1').dataset.codecFlag).toBe('down');
    act(() => {
      useStatusStore.getState().enqueue([fine()], []);
      useStatusStore.getState().flush();
    });
    expect(row('ubnd-tinh-1').dataset.codecFlag).toBe('');
    expect(text(cell('ubnd-tinh-1', 3))).toBe('Đã kết nối');
  });

  it('keeps the MCU’s word for a codec never measured and for a guest, and never flags one who left', () => {
    seed([fine({ reachability: 'down' })]);
    expect(row('so-tttt-1').dataset.codec).toBe('unknown');
    expect(row('so-tttt-1').dataset.codecFlag).toBe('');
    const guest = document.querySelector<HTMLElement>('tr[data-participant-id="p-guest"]')!;
    expect(guest.dataset.codec).toBe('none');
    expect(text(guest.children[5]!)).toBe('—');
    act(() => useConferenceStore.getState().receive(withParticipant(view(), 'p-tinh', { state: 'disconnected' })));
    expect(row('ubnd-tinh-1').dataset.codecFlag).toBe('');
    expect(text(cell('ubnd-tinh-1', 3))).toBe('Đã rời');
  });
});
