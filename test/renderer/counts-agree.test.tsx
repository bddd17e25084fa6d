// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countNetwork, ENDPOINT_STATES, type EndpointState, type StateCounts } from '../../shared/endpoint-state.js';
import type { NetworkView, SiteView } from '../../shared/inventory.js';
import type { EndpointStatus } from '../../shared/status.js';
import { NetworkMap } from '../../renderer/features/map/network-map.js';
import { NO_FILTER } from '../../renderer/features/map/map-filter.js';
import { useMapStore } from '../../renderer/features/map/map-store.js';
import { LiveSummary } from '../../renderer/features/session/live-summary.js';
import { TopBar } from '../../renderer/features/shell/top-bar.js';
import { SiteTree } from '../../renderer/features/topology/site-tree.js';
import { NETWORK, status, up } from './fixtures.js';
import { ago, seedStores } from './dom-setup.js';

/**
 * One truth per number: the top bar, the map's legend and tier/district table, the site list's
 * tier counters and the Live summary, rendered from the same store state, show the same numbers,
 * and those are shared/endpoint-state.ts's (states adding up to the codecs; in call from the MCU).
 */

/** Small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ep = (id: string) => ({ id, name: 'Phòng họp', host: '10.0.0.1', port: 161, profile: 'polycom-group', uri: `sip:${id}@vc.example.vn` });

function randomScenario(seed: number): { network: NetworkView; statuses: EndpointStatus[] } {
  const r = prng(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const sites: SiteView[] = [{ id: 'tinh', name: 'UBND tỉnh', tier: 'province', parent: null, district: null, endpoints: [ep('tinh-1'), ep('tinh-2')] }];
  const districts = 2 + Math.floor(r() * 4);
  for (let d = 0; d < districts; d++) {
    const id = `h${d}`;
    sites.push({ id, name: `Huyện ${d}`, tier: 'district', parent: 'tinh', district: id, endpoints: [ep(`${id}-1`)] });
    const communes = 3 + Math.floor(r() * 12);
    for (let c = 0; c < communes; c++) {
      const cid = `${id}-x${c}`;
      const n = r() < 0.15 ? 2 : r() < 0.05 ? 0 : 1;
      sites.push({ id: cid, name: `Xã ${d}.${c}`, tier: 'commune', parent: id, district: id, endpoints: Array.from({ length: n }, (_, i) => ep(`${cid}-${i + 1}`)) });
    }
  }
  const network: NetworkView = { name: 'Ngẫu nhiên', timezone: 'Asia/Ho_Chi_Minh', tiers: ['province', 'district', 'commune'], sites };
  const statuses: EndpointStatus[] = [];
  for (const s of sites) {
    for (const e of s.endpoints) {
      if (r() < 0.08) continue; // no status yet
      const reachability = pick(['up', 'up', 'up', 'up', 'down', 'unreachable', 'unknown'] as const);
      statuses.push(
        status(e.id, s.id, {
          reachability,
          updatedAt: ago(5),
          stale: r() < 0.1,
          degraded: r() < 0.15,
          // The MCU's roster and the codec's own flag disagree now and then, as in the field.
          conferenceId: r() < 0.4 ? pick(['c1', 'c2']) : null,
          inCall: r() < 0.5,
        }),
      );
    }
  }
  return { network, statuses };
}

const num = (el: Element | null | undefined): number | null => (el ? Number(el.getAttribute('data-count')) : null);

/** A counter strip (top bar, tier header): a state not shown (stale and degraded when none) is 0. */
function strip(el: HTMLElement): StateCounts {
  const of = (k: EndpointState | 'inCall'): number => num(el.querySelector(`[data-kind="${k}"]`)) ?? 0;
  const out = { total: Number(el.dataset['total']), inCall: of('inCall') } as Record<string, number>;
  for (const k of ENDPOINT_STATES) out[k] = of(k);
  return out as unknown as StateCounts;
}

const sumOfStates = (c: StateCounts): number => ENDPOINT_STATES.reduce((n, k) => n + c[k], 0);
const pickCounts = (c: StateCounts) => ({ total: c.total, inCall: c.inCall, down: c.down, unreachable: c.unreachable, unknown: c.unknown, stale: c.stale, degraded: c.degraded, up: c.up });

function renderAll(network: NetworkView, statuses: EndpointStatus[]) {
  seedStores(network, statuses);
  useMapStore.setState({ filter: NO_FILTER, cursor: null, mcuOpen: false, wall: false, keyNote: null, counts: null });
  render(
    <>
      <TopBar />
      <NetworkMap />
      <SiteTree />
      <LiveSummary />
    </>,
  );
}

beforeAll(() => {
  // jsdom has no 2D canvas; the map engine then keeps its state (and its counters) without drawing.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

describe('every count on screen tells the same truth', () => {
  afterEach(cleanup);

  for (const seed of [1, 7, 2026]) {
    it(`top bar, legend, tier table, site list and Live summary agree on a random network (seed ${seed})`, () => {
      const { network, statuses } = randomScenario(seed);
      renderAll(network, statuses);
      const truth = countNetwork(network, new Map(statuses.map((s) => [s.endpointId, s])));
      const codecs = network.sites.reduce((n, s) => n + s.endpoints.length, 0);
      expect(truth.all.total).toBe(codecs);
      expect(sumOfStates(truth.all)).toBe(codecs);

      // Top bar.
      const bar = strip(screen.getByTestId('totals'));
      expect(pickCounts(bar)).toEqual(pickCounts(truth.all));
      expect(sumOfStates(bar)).toBe(codecs);

      // Map legend: each state's count and the in-call count.
      const legend = screen.getByTestId('map-legend');
      for (const k of [...ENDPOINT_STATES, 'inCall'] as const) {
        expect(num(legend.querySelector(`li[data-kind="${k}"] [data-count]`)), k).toBe(truth.all[k]);
      }

      // Map tier and district table.
      const table = screen.getByTestId('map-counters');
      const cell = (key: string, k: string): number | null => num(table.querySelector(`tr[data-key="${key}"] td[data-kind="${k}"]`));
      for (const row of [...truth.tiers, ...truth.districts, truth.all]) {
        for (const k of [...ENDPOINT_STATES, 'inCall'] as const) expect(cell(row.key, k), `${row.key}/${k}`).toBe(row[k]);
        expect(num(table.querySelector(`tr[data-key="${row.key}"] td.map-counts__total`))).toBe(row.total);
      }

      // Site list: each tier's counters, adding up to the tier's codecs.
      for (const row of truth.tiers) {
        const tier = strip(screen.getByTestId(`tier-${row.key}-counters`));
        expect(pickCounts(tier), row.key).toEqual(pickCounts(row));
        expect(sumOfStates(tier)).toBe(row.total);
      }

      // Live summary: the same in-call number as everywhere else.
      expect(num(screen.getByTestId('live-summary').querySelector('[data-kind="inCall"]'))).toBe(truth.all.inCall);
    });
  }

  it('counts in a call only what the MCU has in a conference, and never a down district', () => {
    // Ten codecs on the MCU roster; two more whose own SNMP flag says "in call"; the district Chợ Đồn down though still listed.
    const extra: SiteView[] = Array.from({ length: 10 }, (_, i) => ({ id: `xa-${i}`, name: `Xã ${i}`, tier: 'commune', parent: 'ba-be', district: 'ba-be', endpoints: [ep(`xa-${i}-1`)] }));
    const network: NetworkView = { ...NETWORK, sites: [...NETWORK.sites, ...extra] };
    const statuses: EndpointStatus[] = [
      ...extra.map((s, i) => up(`xa-${i}-1`, s.id, ago(2), { conferenceId: 'c1', inCall: true, degraded: i < 2 })),
      up('ubnd-tinh-1', 'ubnd-tinh', ago(2), { inCall: true }),
      up('so-tttt-1', 'so-tttt', ago(2), { inCall: true }),
      status('cho-don-1', 'cho-don', { reachability: 'down', conferenceId: 'c1', inCall: true, updatedAt: ago(3) }),
    ];
    renderAll(network, statuses);
    const bar = strip(screen.getByTestId('totals'));
    expect(bar.inCall).toBe(10);
    expect(bar.degraded).toBe(2);
    expect(bar.up).toBe(10);
    expect(bar.down).toBe(1);
    expect(sumOfStates(bar)).toBe(network.sites.reduce((n, s) => n + s.endpoints.length, 0));
    expect(num(screen.getByTestId('map-counters').querySelector('tr[data-key="cho-don"] td[data-kind="inCall"]'))).toBe(0);
    const live = screen.getByTestId('live-summary');
    expect(num(live.querySelector('[data-kind="inCall"]'))).toBe(10);
    expect(num(live.querySelector('[data-kind="degraded"]'))).toBe(2);
    expect(num(live.querySelector('[data-kind="down"]'))).toBe(1); // listed by the MCU, but down
    expect(live.textContent).toContain('MCU còn ghi nhưng ngừng');
  });
});
