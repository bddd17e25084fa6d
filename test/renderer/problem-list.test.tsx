// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointStatus } from '../../shared/status.js';
import { problemRows } from '../../renderer/features/topology/problem-model.js';
import { SiteTree } from '../../renderer/features/topology/site-tree.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { NETWORK, status, up } from './fixtures.js';
import { ago, seedStores } from './dom-setup.js';

const STATUSES: EndpointStatus[] = [
  up('ubnd-tinh-1', 'ubnd-tinh', ago(4), { conferenceId: 'c1', degraded: true, packetLossPct: 2.5, jitterMs: 12, latencyMs: 80, measuredAt: { packetLossPct: ago(4) } }),
  status('so-tttt-1', 'so-tttt'), // never measured: not a problem, merely not yet known
  up('ba-be-1', 'ba-be', ago(10), { degraded: true, packetLossPct: 4.1 }),
  status('cho-don-1', 'cho-don', { reachability: 'down', updatedAt: ago(30) }),
  status('ba-be-cho-ra-1', 'ba-be-cho-ra', { reachability: 'unreachable', updatedAt: ago(30) }),
  up('ba-be-nam-mau-1', 'ba-be-nam-mau', ago(200), { stale: true, packetLossPct: 0.8, jitterMs: 41, latencyMs: 133, measuredAt: { jitterMs: ago(200) } }),
  up('cho-don-bang-lung-1', 'cho-don-bang-lung', ago(3)),
];

const statusMap = () => new Map(STATUSES.map((s) => [s.endpointId, s]));

describe('site list, problems only', () => {
  beforeEach(() => seedStores(NETWORK, STATUSES));
  afterEach(() => {
    cleanup();
    useUiStore.setState({ problemsOnly: false });
  });

  it('keeps only the sites that need a look, worst first; in a call before not, then the worst loss', () => {
    const rows = problemRows(NETWORK.sites, statusMap());
    expect(rows.map((r) => [r.site.id, r.kind])).toEqual([
      ['cho-don', 'down'],
      ['ba-be-nam-mau', 'stale'],
      ['ubnd-tinh', 'degraded'], // in a call: before the worse loss not in one
      ['ba-be', 'degraded'],
      ['ba-be-cho-ra', 'unreachable'],
    ]);
    expect(rows[2]!.metrics.packetLossPct).toEqual({ value: 2.5, at: ago(4) });
    expect(rows[1]!.metrics.jitterMs).toEqual({ value: 41, at: ago(200) });
    expect(problemRows(NETWORK.sites, statusMap(), 'nam mau').map((r) => r.site.id)).toEqual(['ba-be-nam-mau']);
  });

  it('takes a site with several codecs by its worst, and its worst figures', () => {
    const site = { ...NETWORK.sites[0]!, endpoints: [...NETWORK.sites[0]!.endpoints, { ...NETWORK.sites[0]!.endpoints[0]!, id: 'ubnd-tinh-2' }] };
    const map = statusMap();
    map.set('ubnd-tinh-2', status('ubnd-tinh-2', 'ubnd-tinh', { reachability: 'down', packetLossPct: 9, updatedAt: ago(60) }));
    const [row] = problemRows([site], map);
    expect(row).toMatchObject({ kind: 'down', inCall: true, updatedAt: ago(60) });
    expect(row!.metrics.packetLossPct.value).toBe(9);
    expect(row!.metrics.latencyMs.value).toBe(80);
  });

  it('shows the table with units and ages when switched on, and the old values readable beside their cue', () => {
    render(<SiteTree />);
    expect(screen.queryByTestId('problem-list')).toBeNull();
    fireEvent.click(screen.getByTestId('problems-only'));
    const table = screen.getByTestId('problem-list');
    expect(screen.getByTestId('site-tree').hidden).toBe(true);
    const rows = [...table.querySelectorAll<HTMLElement>('tbody tr')];
    expect(rows.map((r) => r.dataset.siteId)).toEqual(['cho-don', 'ba-be-nam-mau', 'ubnd-tinh', 'ba-be', 'ba-be-cho-ra']);
    const head = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(head).toEqual(['Điểm cầu', 'Trạng thái', 'Mất gói', 'Jitter', 'Độ trễ', 'Cập nhật']);

    const degraded = rows[2]!;
    expect(degraded.querySelector('[data-metric="packetLossPct"]')!.textContent).toBe('2,5\u00a0%');
    expect(degraded.querySelector('[data-metric="latencyMs"]')!.textContent).toBe('80\u00a0ms');
    expect(degraded.querySelector('.problem__age')!.textContent).toBe('4 s trước');
    expect(degraded.querySelector('[data-glyph="in-call"]')).not.toBeNull();

    // Stale: the number itself in its own element, the cue a separate word after it; the age says how old.
    const stale = rows[1]!;
    expect(stale.dataset.stale).toBe('true');
    const jitter = stale.querySelector('[data-metric="jitterMs"]')!;
    expect(jitter.querySelector('.problem__n')!.textContent).toBe('41\u00a0ms');
    expect(jitter.querySelector('.problem__old')!.textContent).toBe('cũ');
    expect(jitter.querySelector('.problem__figure')!.getAttribute('title')).toBe('Giá trị cũ, đo 3 phút trước');
    expect(stale.querySelector('.problem__age')!.textContent).toBe('Dữ liệu cũ3 phút trước'); // the stale glyph's word, then the age
    // A figure never measured says so, without a unit.
    expect(rows[0]!.querySelector('[data-metric="jitterMs"]')!.textContent).toBe('—');

    fireEvent.click(rows[3]!.querySelector('button')!);
    expect(useUiStore.getState().selectedSiteId).toBe('ba-be');
  });

  it('filters by name, says when nothing is wrong, and speaks English on the switch', () => {
    render(<SiteTree />);
    act(() => useUiStore.setState({ problemsOnly: true, filter: 'bằng lũng' }));
    expect(screen.getByTestId('problem-list-empty').textContent).toBe('Không có điểm cầu có sự cố khớp bộ lọc');
    act(() => useUiStore.setState({ filter: '' }));
    act(() => useUiStore.getState().setLanguage('en'));
    expect([...screen.getByTestId('problem-list').querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Site', 'State', 'Loss', 'Jitter', 'Latency', 'Updated']);
  });
});
