// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { useStatusStore } from '../../renderer/stores/status-store.js';
import { NETWORK, status, up } from './fixtures.js';
import { ago, seedStores } from './dom-setup.js';

const field = (name: string): HTMLElement => document.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
const value = (name: string): string => field(name).querySelector('.metrics__text')!.textContent!.trim();
const age = (name: string): string => field(name).querySelector('.metrics__age')!.textContent!.trim();

describe('details panel', () => {
  beforeEach(() => {
    seedStores(NETWORK, [
      up('ba-be-cho-ra-1', 'ba-be-cho-ra', ago(4), {
        inCall: true,
        conferenceId: 'hop-giao-ban',
        audioMuted: false,
        bitrateKbps: 1920,
        packetLossPct: 2.3,
        jitterMs: 12.5,
        latencyMs: null,
        ifOperUp: true,
        rxBps: 1_234_567,
        txBps: null,
        measuredAt: { reachability: ago(4), packetLossPct: ago(9), bitrateKbps: ago(9) },
      }),
    ]);
  });
  afterEach(cleanup);

  it('asks for a selection when there is none', () => {
    render(<App />);
    expect(screen.getByTestId('site-details').textContent).toContain('Chọn một điểm cầu');
  });

  it('shows tier, district, endpoint address, profile, SIP URI and every status field with unit and age', () => {
    useUiStore.getState().select('ba-be-cho-ra');
    render(<App />);
    const panel = screen.getByTestId('site-details');
    expect(panel.querySelector('h2')!.textContent).toBe('UBND xã Chợ Rã');
    expect(panel.textContent).toContain('Cấp xã');
    expect(panel.textContent).toContain('UBND huyện Ba Bể');
    expect(panel.textContent).toContain('10.0.0.1:161');
    expect(panel.textContent).toContain('polycom-group');
    expect(panel.textContent).toContain('sip:ba-be-cho-ra-1@vc.example.vn');

    expect(value('reachability')).toBe('Hoạt động');
    expect(age('reachability')).toBe('4 s trước');
    expect(value('inCall')).toBe('Có');
    expect(value('conferenceId')).toBe('hop-giao-ban');
    expect(value('audioMuted')).toBe('Không');
    expect(value('videoMuted')).toBe('—'); // null: not known, never made up
    expect(value('bitrateKbps')).toBe('1.920\u00a0kbps');
    expect(value('packetLossPct')).toBe('2,3\u00a0%');
    expect(age('packetLossPct')).toBe('9 s trước');
    expect(value('jitterMs')).toBe('12,5\u00a0ms');
    expect(age('jitterMs')).toBe('—'); // no measurement time given
    expect(value('latencyMs')).toBe('—');
    expect(value('ifOperUp')).toBe('Hoạt động');
    expect(value('rxBps')).toBe('1.234.567\u00a0bit/s');
    expect(value('txBps')).toBe('—');
    expect(value('degraded')).toBe('Không');
    expect(value('stale')).toBe('Không');
    expect(value('updatedAt')).toBe('14:29:56 22/11/2025'); // Asia/Ho_Chi_Minh, 24-hour, dd/MM/yyyy
    expect(age('updatedAt')).toBe('4 s trước');
  });

  it('says so when an endpoint has no status yet, and follows new statuses', () => {
    useUiStore.getState().select('so-tttt');
    render(<App />);
    expect(screen.getByTestId('site-details').textContent).toContain('Chưa nhận được trạng thái');
    act(() => useStatusStore.getState().reset([status('so-tttt-1', 'so-tttt', { reachability: 'down', updatedAt: ago(1) })]));
    expect(value('reachability')).toBe('Ngừng hoạt động');
    expect(field('reachability').dataset.attention).toBe('true');
  });
});
