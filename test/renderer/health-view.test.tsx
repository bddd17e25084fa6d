// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AvailabilityRow, AvailabilityView, HistoryView } from '../../shared/history/history-api.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';
import { fakeApi, settle } from './session-fixtures.js';

/** uPlot draws on a canvas jsdom does not have: a stand-in records what the chart was given. */
const plots: { opts: { series: { label?: string }[]; hooks: { drawClear: ((u: unknown) => void)[]; draw: ((u: unknown) => void)[] } }; data: unknown[][] }[] = [];
vi.mock('uplot', () => ({
  default: class {
    constructor(opts: never, data: never) {
      plots.push({ opts, data });
    }
    destroy() {}
    setScale() {}
  },
}));
vi.mock('uplot/dist/uPlot.min.css', () => ({}));

const { HealthView } = await import('../../renderer/features/health/health-view.js');
const { setHealthApi } = await import('../../renderer/stores/health-api.js');
const { useUiStore } = await import('../../renderer/stores/ui-store.js');

const row = (group: string | null, availabilityPct: number | null, over: Partial<AvailabilityRow> = {}): AvailabilityRow => ({
  group,
  name: null,
  endpoints: 1,
  measuredMs: 86_400_000,
  availabilityPct,
  downMs: availabilityPct === null ? 0 : ((100 - availabilityPct) / 100) * 86_400_000,
  downMsByCause: { down: 0, unreachable: 0, mcu: 0 },
  outages: availabilityPct === 100 ? 0 : 2,
  openOutages: 0,
  longestMs: 600_000,
  mttrMs: 450_000,
  excludedMs: 0,
  p95: { packetLossPct: { value: 0.4, low: 0.3, high: 0.5 }, jitterMs: { value: 12, low: 10, high: 14 }, latencyMs: { value: 40, low: 35, high: 45 } },
  ...over,
});

let fake: ReturnType<typeof fakeApi>;
const view = (groupBy: AvailabilityView['groupBy'], rows: AvailabilityRow[]): AvailabilityView => ({ from: '', to: '', until: '2026-12-07T03:00:00.000Z', groupBy, workingHours: false, scoped: false, rows });

beforeEach(() => {
  plots.length = 0;
  seedStores(NETWORK, []);
  useUiStore.setState({ selectedSiteId: null });
  fake = fakeApi({
    getAvailability: (input) => {
      const groupBy = input['groupBy'] as AvailabilityView['groupBy'];
      if (groupBy === 'province') return view('province', [row(null, 99.2)]);
      if (groupBy === 'district') return view('district', [row('cho-don', 99.9), row('ba-be', 97.5, { p95: { packetLossPct: { value: 2.5, low: 2, high: 3 }, jitterMs: null, latencyMs: null } }), row(null, 100)]);
      return view('site', [row('ba-be', 97.5), row('ba-be-cho-ra', 96), row('ba-be-nam-mau', 100), row('cho-don', 99.9), row('cho-don-bang-lung', 99)]);
    },
    getHistory: (input): HistoryView => ({
      endpointId: input['endpointId'] as string,
      metric: input['metric'] as HistoryView['metric'],
      from: '2026-11-30T03:00:00.000Z',
      to: '2026-12-07T03:00:00.000Z',
      level: '15m',
      bucketMs: 900_000,
      points: [
        { at: '2026-12-06T00:00:00.000Z', count: 180, min: 0, avg: 0.2, max: 1.5, p95: 0.9 },
        { at: '2026-12-06T00:15:00.000Z', count: 180, min: 0, avg: 0.1, max: 0.8, p95: 0.5 },
      ],
      outages: [{ start: '2026-12-06T00:05:00.000Z', end: '2026-12-06T00:12:00.000Z', cause: 'down', behind: null }],
      maintenance: [],
    }),
  });
  setHealthApi(fake.api);
});
afterEach(() => {
  setHealthApi(null);
  cleanup();
});

describe('health view', () => {
  it('one row per district, worst first, with units, the broken figures marked in words, and the worst sites', async () => {
    render(<HealthView />);
    await act(settle);
    const rows = screen.getAllByTestId('health-row');
    expect(rows.map((r) => r.getAttribute('data-group'))).toEqual(['ba-be', 'cho-don', '']);
    const baBe = rows[0]!;
    expect(baBe.textContent).toContain('UBND huyện Ba Bể');
    expect(baBe.textContent).toContain('97,5 %');
    expect(baBe.textContent).toContain('2,5 %');
    expect(baBe.querySelectorAll('[data-attention="true"]')).toHaveLength(2); // availability under 99 %, loss p95 over 1 %
    expect(baBe.textContent).toContain('vượt ngưỡng');
    expect(baBe.textContent).toContain('UBND xã Chợ Rã'); // its worst site
    expect(baBe.textContent).not.toContain('UBND xã Nam Mẫu'); // at 100 %: not among the worst
    expect(rows[1]!.querySelectorAll('[data-attention="true"]')).toHaveLength(0);
    expect(rows[2]!.textContent).toContain('Cấp tỉnh (không thuộc huyện)');
    expect(screen.getByTestId('health-summary').textContent).toContain('Bắc Kạn: sẵn sàng 99,2 %');
    // 1 main + 1 province + 1 by site + 7 days for the sparkline.
    expect(fake.calls.filter((c) => c.method === 'getAvailability')).toHaveLength(10);
  });

  it('drills into a district, then a site opens its chart with the outage as a band', async () => {
    render(<HealthView />);
    await act(settle);
    fireEvent.click(screen.getAllByTestId('health-open')[0]!);
    await act(settle);
    expect(screen.getAllByTestId('health-row').map((r) => r.getAttribute('data-group'))).toEqual(['ba-be-cho-ra', 'ba-be', 'ba-be-nam-mau']);
    fireEvent.click(screen.getAllByTestId('health-open')[0]!);
    await act(settle);
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'getHistory').map((c) => c.input['endpointId'])).toEqual(['ba-be-cho-ra-1']);
    expect(screen.getByTestId('health-chart').textContent).toContain('UBND xã Chợ Rã: diễn biến');
    expect(screen.getByTestId('health-chart-note').textContent).toBe('1 lần mất kết nối (dải gạch chéo); mỗi điểm 15 phút; kéo để phóng to');
    const plot = plots.at(-1)!;
    expect(plot.data[0]).toEqual([Date.parse('2026-12-06T00:00:00.000Z') / 1000, Date.parse('2026-12-06T00:15:00.000Z') / 1000]);
    expect(plot.data[1]).toEqual([0.2, 0.1]);
    expect(plot.opts.series.map((s) => s.label)).toEqual([undefined, 'Trung bình', 'p95', 'Cao nhất']);
    fireEvent.change(screen.getByTestId('health-metric'), { target: { value: 'latencyMs' } });
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'getHistory').map((c) => c.input['metric'])).toEqual(['packetLossPct', 'latencyMs']);
    fireEvent.click(screen.getByTestId('health-up'));
    await act(settle);
    expect(screen.getAllByTestId('health-row')).toHaveLength(3);
  });

  it('draws maintenance as a striped band labelled in words, its reason and span as a tooltip, MCU outages cross-hatched, with a legend', async () => {
    const base = fake.handlers.getHistory!;
    fake.handlers.getHistory = (input) => ({
      ...(base(input) as HistoryView),
      outages: [
        { start: '2026-12-06T00:05:00.000Z', end: '2026-12-06T00:12:00.000Z', cause: 'down', behind: null },
        { start: '2026-12-06T01:00:00.000Z', end: '2026-12-06T01:30:00.000Z', cause: 'mcu', behind: null },
      ],
      maintenance: [
        // Past, and one in force that began before the range and is planned to end after it.
        { start: '2026-12-06T02:00:00.000Z', end: '2026-12-06T03:00:00.000Z', siteId: 'ba-be-cho-ra', by: 'kythuat', reason: 'Thay bộ mã hoá' },
        { start: '2026-11-29T00:00:00.000Z', end: '2026-12-08T00:00:00.000Z', siteId: 'ba-be', by: 'kythuat', reason: 'Nâng cấp cáp quang' },
        { start: '2026-12-06T05:00:00.000Z', end: null, siteId: null, by: null, reason: null },
        // Begun a minute before the range's end: its word hangs from the end, not off the plot.
        { start: '2026-12-07T02:59:00.000Z', end: null, siteId: 'ba-be-cho-ra', by: 'kythuat', reason: 'Kiểm tra' },
      ],
    });
    useUiStore.setState({ selectedSiteId: 'ba-be-cho-ra' });
    render(<HealthView />);
    await act(settle);
    await act(settle);
    const legend = screen.getByTestId('health-chart-legend');
    expect([...legend.querySelectorAll('li')].map((li) => li.getAttribute('data-kind'))).toEqual(['outage', 'mcu', 'maintenance']);
    expect(legend.textContent).toContain('Bảo trì (sọc ngang, có nhãn) (4)');
    expect(legend.textContent).toContain('Mất do MCU');

    // A stand-in for uPlot's drawing surface: 1 px per minute from the range's start.
    const plot = plots.at(-1)!;
    const from = Date.parse('2026-11-30T03:00:00.000Z') / 1000;
    const over = document.createElement('div');
    Object.defineProperty(over, 'clientWidth', { value: 7 * 24 * 60 });
    const fills: [string, number, number][] = [];
    const ctx = { save() {}, restore() {}, beginPath() {}, moveTo() {}, lineTo() {}, stroke() {}, fillStyle: '', strokeStyle: '', fillRect(x: number, _y: number, w: number) { fills.push([this.fillStyle, x, w]); } };
    const u = { over, ctx, bbox: { top: 0, height: 100, width: 7 * 24 * 60 }, valToPos: (v: number) => (v - from) / 60 };
    plot.opts.hooks.drawClear[0]!(u);
    plot.opts.hooks.draw[0]!(u);
    const bands = [...over.querySelectorAll('[data-testid="health-maintenance-band"]')] as HTMLElement[];
    expect(bands.map((b) => b.textContent)).toEqual(['Bảo trì', 'Bảo trì', 'Bảo trì', 'Bảo trì']);
    expect([bands[3]!.style.left, bands[3]!.style.right, bands[3]!.style.width]).toEqual(['', '0px', '1px']);
    expect(bands[0]!.title).toBe('Bảo trì: Thay bộ mã hoá (kythuat), từ 09:00:00 06/12/2026 đến 10:00:00 06/12/2026');
    // Past: from 6 Dec 02:00 UTC (5 days 23 hours after the range's start), one hour wide.
    expect([bands[0]!.style.left, bands[0]!.style.width]).toEqual([`${(5 * 24 + 23) * 60}px`, '60px']);
    // Clipped to the range: from its start to its end.
    expect([bands[1]!.style.left, bands[1]!.style.width]).toEqual(['0px', `${7 * 24 * 60}px`]);
    expect(bands[1]!.title).toContain('Nâng cấp cáp quang');
    expect(bands[2]!.title).toBe('Bảo trì của đơn vị cấp trên ngoài phạm vi được giao, từ 12:00:00 06/12/2026 đến khi có người kết thúc');
    // Outages painted by cause: the MCU's in its own colour (and cross-hatched), maintenance in its own.
    const colours = new Set(fills.map(([c]) => c));
    expect(colours.size).toBe(3);
    expect(fills).toHaveLength(6);
  });

  it('shows the down time by cause under the total, so the MCU reads apart from the network', async () => {
    const base = fake.handlers.getAvailability!;
    fake.handlers.getAvailability = (input) => {
      const v = base(input) as AvailabilityView;
      if (input['groupBy'] !== 'district') return v;
      return { ...v, rows: v.rows.map((r) => (r.group === 'ba-be' ? { ...r, downMs: 1_800_000, downMsByCause: { down: 600_000, unreachable: 0, mcu: 1_200_000 } } : r)) };
    };
    render(<HealthView />);
    await act(settle);
    const baBe = screen.getAllByTestId('health-row').find((r) => r.getAttribute('data-group') === 'ba-be')!;
    expect(baBe.querySelector('[data-testid="health-causes"]')!.textContent).toBe('tại điểm 10 phút 0 giây · do MCU 20 phút 0 giây');
  });

  it('opens on the site the map had selected, inside its district', async () => {
    useUiStore.setState({ selectedSiteId: 'ba-be-nam-mau' });
    render(<HealthView />);
    await act(settle);
    await act(settle);
    expect(screen.getAllByTestId('health-row').map((r) => r.getAttribute('data-group'))).toContain('ba-be-nam-mau');
    expect(fake.calls.filter((c) => c.method === 'getHistory').map((c) => c.input['endpointId'])).toEqual(['ba-be-nam-mau-1']);
  });

  it('labels the chart’s time axis on the network’s clock', async () => {
    const { timeLabel } = await import('../../renderer/features/health/site-chart.js');
    const t = Date.parse('2026-12-06T17:30:00Z') / 1000;
    expect(timeLabel('vi-VN', 'Asia/Ho_Chi_Minh', 86_400_000)(t)).toBe('00:30');
    expect(timeLabel('vi-VN', 'Asia/Ho_Chi_Minh', 7 * 86_400_000)(t)).toBe('07/12');
  });

  it('downloads the report the engine writes, for the district open, in the chosen period', async () => {
    fake.handlers.getHealthReport = () => ({ filename: 'bao-cao.csv', mediaType: 'text/csv; charset=utf-8', content: btoa('x') });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<HealthView />);
    await act(settle);
    fireEvent.click(screen.getAllByTestId('health-open')[0]!);
    await act(settle);
    fireEvent.change(screen.getByTestId('report-period'), { target: { value: 'month' } });
    fireEvent.change(screen.getByTestId('report-day'), { target: { value: '2026-11-15' } });
    fireEvent.click(screen.getByTestId('report-pdf'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'getHealthReport').map((c) => c.input)).toEqual([{ period: 'month', end: '2026-11-15', scope: 'ba-be', format: 'pdf', language: 'vi', workingHours: false }]);
    expect(clicks).toHaveBeenCalledTimes(1);
  });

  it('asks for working hours and another period when told', async () => {
    render(<HealthView />);
    await act(settle);
    fireEvent.click(screen.getByTestId('health-working-hours'));
    fireEvent.click(screen.getByTestId('health-period-30d'));
    await act(settle);
    const last = fake.calls.filter((c) => c.method === 'getAvailability').at(-1)!.input;
    expect(last['workingHours']).toBe(true);
    const main = fake.calls.filter((c) => c.method === 'getAvailability' && c.input['groupBy'] === 'district').at(-31)!.input;
    expect(Date.parse(main['to'] as string) - Date.parse(main['from'] as string)).toBe(30 * 86_400_000);
  });
});
