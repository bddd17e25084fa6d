import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../../assets/locales/reports.en.json';
import vi from '../../../assets/locales/reports.vi.json';
import { BA_BE, OPERATOR, SUPERVISOR, TECH, csvSections, fileOf, local, poppler, reportWorld, type ReportWorld } from './report-world.js';

// The link-health report (issue 10 item 4) on a crafted fortnight. Week 1 (1–7 June 2026) and
// week 2 (8–14 June), every codec monitored from Monday 1 June 00:00:
//   week 1: Na Rì down 60 min;
//   week 2: Na Rì down 30 min and 90 min; Chợ Rã (Ba Bể) down 45 min; Kim Hỷ (Na Rì) in
//           maintenance 120 min; the whole province in maintenance 30 min; Na Rì's latency 42 ms;
//           a meeting of the province with Ba Bể and Na Rì held, Na Rì dropping out; one of Ba Bể
//           with Chợ Rã not held; one cancelled; one of Na Rì alone in week 1.
// The report is asked for on Tuesday 16 June.

const W = vi.reports.health;
const E = en.reports.health;
const WEEK = 7 * 24 * 60; // minutes
const pct = (measured: number, down: number) => (100 * (measured - down)) / measured;
/** The figures worked out by hand from the scenario above (minutes of endpoint-time). */
const expected = {
  naRi: { now: pct(2 * WEEK - 2 * 30 - 120, 120), before: pct(2 * WEEK, 60), downtime: 120, longest: 90, mttr: 60, excluded: 2 * 30 + 120 },
  baBe: { now: pct(3 * WEEK - 3 * 30, 45), before: 100, downtime: 45 },
  total: { now: pct(6 * WEEK - 6 * 30 - 120, 165), before: pct(6 * WEEK, 60) },
};
const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
/** The PDF's way: cut to two decimals, a comma for Vietnamese. */
const viPct = (n: number) => (Math.floor(n * 100 + 1e-9) / 100).toFixed(2).replace('.', ',');

let w: ReportWorld;
const dir = mkdtempSync(join(tmpdir(), 'bp-report-'));
const INPUT = { period: 'week', end: '2026-06-10', scope: 'province' } as const;

beforeAll(async () => {
  w = await reportWorld();
  w.outage('na-ri-1', local(2, 10), local(2, 11));
  w.meeting({ id: 'm-tuan-1', start: new Date(local(3, 9)).toISOString(), end: new Date(local(3, 10)).toISOString(), hostSiteId: 'na-ri', participants: { sites: ['na-ri-kim-hy'], groups: [] } });
  w.outage('na-ri-1', local(9, 8), local(9, 8, 30));
  for (let k = 0; k < 5; k++) w.reading(local(9, 9, k), 'na-ri-1', { latencyMs: 42, jitterMs: 3 });
  w.outage('na-ri-1', local(10, 14), local(10, 15, 30));
  w.outage('ba-be-cho-ra-1', local(11, 9), local(11, 9, 45));
  w.maintenance('na-ri-kim-hy', local(12, 8), local(12, 10), 'thay bộ mã hóa');
  // Planned the evening before, ended by itself: excluded and listed over exactly its span.
  w.plannedMaintenance('ubnd-tinh', local(12, 20), local(13, 2), local(13, 2, 30), 'Nâng cấp đường truyền UBND huyện Na Rì');
  w.meeting({ id: 'm-held', start: new Date(local(9, 9)).toISOString(), end: new Date(local(9, 10)).toISOString(), hostSiteId: 'ubnd-tinh', participants: { sites: ['ba-be', 'na-ri'], groups: [] } });
  w.held('m-held', local(9, 9), [
    { siteId: 'ubnd-tinh', event: 'join', at: local(9, 9) },
    { siteId: 'ba-be', event: 'join', at: local(9, 9) },
    { siteId: 'na-ri', event: 'join', at: local(9, 9, 1) },
    { siteId: 'na-ri', event: 'leave', at: local(9, 9, 20) },
    { siteId: 'na-ri', event: 'join', at: local(9, 9, 25) },
    { siteId: 'ubnd-tinh', event: 'end', at: local(9, 10) },
    { siteId: 'ba-be', event: 'end', at: local(9, 10) },
    { siteId: 'na-ri', event: 'end', at: local(9, 10) },
  ]);
  w.meeting({ id: 'm-not-held', start: new Date(local(11, 14)).toISOString(), end: new Date(local(11, 15)).toISOString(), hostSiteId: 'ba-be', participants: { sites: ['ba-be-cho-ra'], groups: [] } });
  w.meeting({ id: 'm-cancelled', status: 'cancelled', start: new Date(local(12, 14)).toISOString(), end: new Date(local(12, 15)).toISOString(), hostSiteId: 'ba-be', participants: { sites: ['ba-be-nam-mau'], groups: [] } });
  w.at(local(16, 9));
}, 30_000);

afterAll(async () => {
  await w?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('getHealthReport as CSV', () => {
  it('is UTF-8 with a BOM and CRLF, headers in Vietnamese, and the figures worked out by hand', async () => {
    const file = fileOf(await w.report(OPERATOR, { ...INPUT, format: 'csv' }));
    expect(file.mediaType).toBe('text/csv; charset=utf-8');
    expect(file.filename).toBe('bao-cao-duong-truyen_tuan_2026-06-08_2026-06-14_toan-tinh.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.bytes.toString('utf8');
    expect(text.split('\r\n').length).toBeGreaterThan(20);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);

    const csv = csvSections(file.bytes);
    expect(csv.rows).toContainEqual([W.info.period, 'Tuần 08/06/2026 – 14/06/2026']);
    expect(csv.rows).toContainEqual([W.info.previous, 'Tuần 01/06/2026 – 07/06/2026']);
    const t = csv.section(W.sections.groups);
    expect(t.header.slice(0, 4)).toEqual(['Mã', 'Huyện', 'Số thiết bị', 'Khả dụng (%)']);
    expect(t.rows.map((r) => r[1])).toEqual([W.rows.provinceLevel, 'UBND huyện Ba Bể', 'UBND huyện Na Rì', W.rows.total]);
    const c = W.columns;
    const num = (name: string, col: string) => Number(t.cell(name, col));
    expect(num('UBND huyện Na Rì', c.availability)).toBe(round(expected.naRi.now, 3));
    expect(num('UBND huyện Na Rì', c.availabilityPrevious)).toBe(round(expected.naRi.before, 3));
    expect(num('UBND huyện Na Rì', c.outages)).toBe(2);
    expect(num('UBND huyện Na Rì', c.outagesPrevious)).toBe(1);
    expect(num('UBND huyện Na Rì', c.downtime)).toBe(expected.naRi.downtime);
    expect(num('UBND huyện Na Rì', c.longest)).toBe(expected.naRi.longest);
    expect(num('UBND huyện Na Rì', c.mttr)).toBe(expected.naRi.mttr);
    expect(num('UBND huyện Na Rì', c.excluded)).toBe(expected.naRi.excluded);
    expect(num('UBND huyện Na Rì', c.endpoints)).toBe(2);
    expect(num('UBND huyện Na Rì', c.latency)).toBe(42);
    expect(t.cell('UBND huyện Ba Bể', c.latency)).toBe(''); // no readings: empty, never 0
    expect(num('UBND huyện Ba Bể', c.availability)).toBe(round(expected.baBe.now, 3));
    expect(num('UBND huyện Ba Bể', c.downtime)).toBe(expected.baBe.downtime);
    expect(num(W.rows.total, c.availability)).toBe(round(expected.total.now, 3));
    expect(num(W.rows.total, c.outages)).toBe(3);
    expect(num(W.rows.total, c.downtime)).toBe(165);
    // Meetings per row: the province's meeting in all three rows, disrupted only where Na Rì dropped.
    expect([c.booked, c.held, c.disrupted].map((k) => num('UBND huyện Na Rì', k))).toEqual([1, 1, 1]);
    expect([c.booked, c.held, c.disrupted].map((k) => num('UBND huyện Ba Bể', k))).toEqual([2, 1, 0]);
    expect([c.booked, c.held, c.disrupted].map((k) => num(W.rows.total, k))).toEqual([2, 1, 1]);

    const worst = csv.section(W.sections.worst);
    expect(worst.rows.map((r) => r[1])).toEqual(['UBND huyện Na Rì', 'UBND thị trấn Chợ Rã']);
    const meetings = csv.section(W.sections.meetings);
    expect(meetings.rows).toEqual([
      [W.meetings.booked, '2'],
      [W.meetings.held, '1'],
      [W.meetings.disrupted, '1'],
      [W.meetings.notHeld, '1'],
      [W.meetings.cancelled, '1'],
    ]);
    const excluded = csv.section(W.sections.exclusions);
    expect(excluded.rows.map((r) => [r[1], r[2], r[3], r[4], r[5], r[7]])).toEqual([
      ['na-ri-kim-hy', 'UBND xã Kim Hỷ', '12/06/2026 08:00', '12/06/2026 10:00', '120', 'thay bộ mã hóa'],
      ['ubnd-tinh', 'Văn phòng UBND tỉnh', '13/06/2026 02:00', '13/06/2026 02:30', '30', 'Nâng cấp đường truyền UBND huyện Na Rì'],
    ]);
  });

  it('gives the change against the previous week: points of availability with ▲ / ▼ and the figure', async () => {
    const csv = csvSections(fileOf(await w.report(TECH, { ...INPUT, format: 'csv' })).bytes);
    const t = csv.section(W.sections.groups);
    const c = W.columns;
    expect(Number(t.cell('UBND huyện Na Rì', c.change))).toBe(round(expected.naRi.now - expected.naRi.before, 3));
    expect(t.cell('UBND huyện Na Rì', c.trend)).toBe('▼');
    expect(Number(t.cell('UBND huyện Na Rì', c.outagesChange))).toBe(1);
    expect(Number(t.cell('UBND huyện Ba Bể', c.change))).toBe(round(expected.baBe.now - 100, 3));
    expect(t.cell(W.rows.provinceLevel, c.trend)).toBe('–'); // 100 % both weeks
    expect(Number(t.cell(W.rows.total, c.change))).toBe(round(expected.total.now - expected.total.before, 3));

    // And the other way round: week 1 against the week before it, when nothing was monitored yet.
    const first = csvSections(fileOf(await w.report(TECH, { period: 'week', end: '2026-06-01', scope: 'province', format: 'csv' })).bytes).section(W.sections.groups);
    expect(Number(first.cell('UBND huyện Na Rì', c.availability))).toBe(round(expected.naRi.before, 3));
    expect(first.cell('UBND huyện Na Rì', c.change)).toBe('');
    expect(first.cell('UBND huyện Na Rì', c.trend)).toBe('');
  });

  it('writes English headers and words when asked', async () => {
    const file = fileOf(await w.report(SUPERVISOR, { ...INPUT, format: 'csv', language: 'en' }));
    expect(file.filename).toBe('link-health-report_week_2026-06-08_2026-06-14_province.csv');
    const csv = csvSections(file.bytes);
    const t = csv.section(E.sections.groups);
    expect(t.header.slice(0, 4)).toEqual(['Id', 'District', 'Codecs', 'Availability (%)']);
    expect(t.rows.map((r) => r[1])).toEqual(['Province level', 'UBND huyện Ba Bể', 'UBND huyện Na Rì', 'Total']);
    expect(Number(t.cell('UBND huyện Na Rì', E.columns.downtime))).toBe(120);
  });

  it('gives a district per commune (the district hall first), with its figures', async () => {
    const file = fileOf(await w.report(TECH, { ...INPUT, scope: 'na-ri', format: 'csv' }));
    expect(file.filename).toBe('bao-cao-duong-truyen_tuan_2026-06-08_2026-06-14_na-ri.csv');
    const csv = csvSections(file.bytes);
    expect(csv.rows).toContainEqual([W.info.scope, 'UBND huyện Na Rì và các xã, thị trấn']);
    const t = csv.section(W.sections.groups);
    expect(t.header[1]).toBe(W.columns.groupSite);
    expect(t.rows.map((r) => r[0])).toEqual(['na-ri', 'na-ri-kim-hy', '']);
    expect(Number(t.cell('UBND huyện Na Rì', W.columns.downtime))).toBe(120);
    expect(Number(t.cell('UBND xã Kim Hỷ', W.columns.excluded))).toBe(150);
    expect(Number(t.cell(W.rows.total, W.columns.availability))).toBe(round(expected.naRi.now, 3));
    expect(file.bytes.toString('utf8')).not.toMatch(/Ba Bể|Chợ Rã|Nam Mẫu/);
  });

  it('counts working hours only when asked (Mon–Fri 07:00–17:00)', async () => {
    const t = csvSections(fileOf(await w.report(TECH, { ...INPUT, format: 'csv', workingHours: true })).bytes).section(W.sections.groups);
    // The 08:00–08:30 and 14:00–15:30 outages are inside working hours, the maintenance on Saturday is not.
    const measured = 2 * 5 * 10 * 60 - 120;
    expect(Number(t.cell('UBND huyện Na Rì', W.columns.availability))).toBe(round(pct(measured, 120), 3));
    expect(Number(t.cell('UBND huyện Na Rì', W.columns.excluded))).toBe(120);
  });
});

describe('getHealthReport as PDF', () => {
  it('is an A4 PDF with the district names (with their tones), the figures, page numbers and a chart that renders', async () => {
    const file = fileOf(await w.report(OPERATOR, { ...INPUT, format: 'pdf' }));
    expect(file.mediaType).toBe('application/pdf');
    expect(file.filename).toBe('bao-cao-duong-truyen_tuan_2026-06-08_2026-06-14_toan-tinh.pdf');
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = join(dir, 'report.pdf');
    writeFileSync(pdf, file.bytes);

    const info = poppler('pdfinfo', pdf);
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    expect(info).toContain('Báo cáo chất lượng đường truyền — Tỉnh Thử');

    const text = poppler('pdftotext', pdf);
    for (const name of ['UBND huyện Ba Bể', 'UBND huyện Na Rì', 'UBND thị trấn Chợ Rã', 'UBND xã Kim Hỷ', 'Văn phòng UBND tỉnh', 'Cấp tỉnh']) expect(text).toContain(name);
    expect(text).toContain('Báo cáo chất lượng đường truyền — Tỉnh Thử');
    expect(text).toContain('Tuần 08/06/2026 – 14/06/2026');
    expect(text).toContain(viPct(expected.naRi.now)); // 99,39
    expect(text).toContain(viPct(expected.baBe.now));
    expect(text).toContain(viPct(expected.total.now));
    expect(text).toContain('120,0'); // Na Rì's downtime in minutes
    expect(text).toContain('90,0'); // its longest
    expect(text).toContain('42,0'); // its p95 latency, ms
    expect(text).toContain('−0,30'); // its change in points (drawn ▼ beside it)
    expect(text).toContain('Mục tiêu 99 %');
    expect(text).toContain(`Trang 1/${pages}`);
    expect(text).toContain(`Trang ${pages}/${pages}`);
    expect(text).toContain('Lập lúc 16/06/2026 09:00');
    expect(text).toContain('thay bộ mã hóa');

    // Page 1 renders; the PNG is kept for a person to look at.
    const out = '/tmp/bridgepoint-report';
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', pdf, out]);
    expect(statSync(`${out}.png`).size).toBeGreaterThan(5_000);
  });

  it('is in English when asked', async () => {
    const pdf = join(dir, 'report-en.pdf');
    writeFileSync(pdf, fileOf(await w.report(TECH, { ...INPUT, format: 'pdf', language: 'en', scope: 'ba-be' })).bytes);
    const text = poppler('pdftotext', pdf);
    expect(text).toContain('Link health report — Tỉnh Thử');
    expect(text).toContain('Week 08/06/2026 – 14/06/2026');
    expect(text).toContain('UBND thị trấn Chợ Rã');
    expect(text).toContain('45.0');
    expect(text).toContain('Page 1 of');
    expect(text).not.toContain('Kim Hỷ'); // a district report names only its own sites (a reason may name others for an unscoped reader)
  });
});

describe('a scoped supervisor', () => {
  it('gets their part only: no outside site in the CSV or the PDF, and the report says so', async () => {
    const csvFile = fileOf(await w.report(BA_BE, { ...INPUT, format: 'csv' }));
    expect(csvFile.filename).toBe('bao-cao-duong-truyen_tuan_2026-06-08_2026-06-14_pham-vi-duoc-giao.csv');
    const pdf = join(dir, 'scoped.pdf');
    writeFileSync(pdf, fileOf(await w.report(BA_BE, { ...INPUT, format: 'pdf' })).bytes);
    const pdfText = poppler('pdftotext', pdf);
    const csvText = csvFile.bytes.toString('utf8');
    for (const text of [csvText, pdfText]) {
      for (const outside of ['Na Rì', 'Kim Hỷ', 'Văn phòng UBND tỉnh', 'ubnd-tinh', 'na-ri']) expect(text).not.toContain(outside);
      expect(text).toContain('UBND huyện Ba Bể');
      expect(text).toContain('Chỉ phần mạng được giao cho tài khoản: UBND huyện Ba Bể');
    }
    const csv = csvSections(csvFile.bytes);
    const t = csv.section(W.sections.groups);
    expect(t.rows.map((r) => r[1])).toEqual(['UBND huyện Ba Bể', W.rows.total]);
    expect(Number(t.cell(W.rows.total, W.columns.availability))).toBe(round(expected.baBe.now, 3));
    // The meeting with Na Rì counts for Ba Bể, but Na Rì's drop is not Ba Bể's.
    expect([W.columns.booked, W.columns.held, W.columns.disrupted].map((k) => Number(t.cell(W.rows.total, k)))).toEqual([2, 1, 0]);
    // The province-wide maintenance applied to Ba Bể: listed, its site above the scope not named, its reason redacted.
    expect(csv.section(W.sections.exclusions).rows.map((r) => [r[1], r[2], r[7]])).toEqual([['…', W.rows.outsideScope, 'Nâng cấp đường truyền …']]);
  });

  it('is refused a district outside their part exactly as one that does not exist', async () => {
    const outside = await w.report(BA_BE, { ...INPUT, scope: 'na-ri', format: 'csv' });
    const missing = await w.report(BA_BE, { ...INPUT, scope: 'khong-co', format: 'csv' });
    expect(outside).toEqual(missing);
    expect(outside).toMatchObject({ ok: false, error: { code: 'not_found', params: { field: 'scope', reason: 'unknown_district' } } });
    expect(JSON.stringify(outside)).not.toContain('na-ri');
    expect(fileOf(await w.report(BA_BE, { ...INPUT, scope: 'ba-be', format: 'csv' })).filename).toContain('_ba-be.csv');
  });
});

describe('bad input and empty periods', () => {
  it('refuses an unknown district, a commune, a date in the future or not a date, with reasons', async () => {
    for (const scope of ['khong-co', 'ba-be-cho-ra', 'ubnd-tinh']) {
      expect(await w.report(TECH, { ...INPUT, scope, format: 'csv' }), scope).toMatchObject({ ok: false, error: { code: 'not_found', params: { reason: 'unknown_district' } } });
    }
    expect(await w.report(TECH, { ...INPUT, end: '2026-06-17', format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'bad_request', params: { field: 'end', reason: 'date_in_future', value: '2026-06-17' } } });
    for (const end of ['hôm qua', '2026-02-30', '2026-6-1', '2026-06-10T00:00Z']) {
      expect(await w.report(TECH, { ...INPUT, end, format: 'csv' }), end).toMatchObject({ ok: false, error: { code: 'bad_request', params: { field: 'end', reason: 'invalid_date' } } });
    }
    expect(await w.report(TECH, { period: 'year', scope: 'province', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await w.report(TECH, { ...INPUT, format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('gives an honest empty report for a period with no data, in both formats', async () => {
    const csvFile = fileOf(await w.report(TECH, { period: 'month', end: '2026-05-20', scope: 'province', format: 'csv' }));
    const csv = csvSections(csvFile.bytes);
    expect(csv.rows).toContainEqual([W.info.note, W.info.noData]);
    const t = csv.section(W.sections.groups);
    expect(t.cell(W.rows.total, W.columns.availability)).toBe('');
    expect(t.cell(W.rows.total, W.columns.outages)).toBe('0');
    expect(csv.section(W.sections.worst).rows).toEqual([[W.rows.noWorst]]);
    const pdf = join(dir, 'empty.pdf');
    writeFileSync(pdf, fileOf(await w.report(TECH, { period: 'month', end: '2026-05-20', scope: 'province', format: 'pdf' })).bytes);
    const text = poppler('pdftotext', pdf);
    expect(text).toContain('Tháng 05/2026');
    expect(text).toContain(W.info.noData.slice(0, 40));
    expect(text).toContain(W.rows.noData);
  });

  it('defaults to the last full period, and says so when the period asked for is still running', async () => {
    // Today is Tuesday 16 June: yesterday, the week of 8–14 June, May.
    const info = async (input: Record<string, unknown>) => csvSections(fileOf(await w.report(TECH, { scope: 'province', format: 'csv', ...input })).bytes).rows;
    expect(await info({ period: 'day' })).toContainEqual([W.info.period, 'Ngày 15/06/2026']);
    expect(await info({ period: 'week' })).toContainEqual([W.info.period, 'Tuần 08/06/2026 – 14/06/2026']);
    expect(await info({ period: 'month' })).toContainEqual([W.info.period, 'Tháng 05/2026']);
    const running = await info({ period: 'month', end: '2026-06-16' });
    expect(running).toContainEqual([W.info.period, 'Tháng 06/2026']);
    expect(running).toContainEqual([W.info.note, 'Kỳ chưa kết thúc: số liệu tính đến 16/06/2026 09:00.']);
  });
});

describe('a two-tier network (province → communes)', () => {
  let two: ReportWorld;
  const COMMUNES = 60;
  beforeAll(async () => {
    const ep = (id: string, port: number) => ({ id: `${id}-1`, name: 'Phòng họp', host: '127.0.0.1', port, profile: 'generic-mib2', snmp: { version: '2c', community: 'c' } });
    two = await reportWorld({
      name: 'Tỉnh Hai Cấp',
      timezone: 'Asia/Ho_Chi_Minh',
      tiers: ['province', 'commune'],
      sites: [
        { id: 'ubnd-tinh', name: 'Văn phòng UBND tỉnh', tier: 'province', endpoints: [ep('ubnd-tinh', 16100)] },
        ...Array.from({ length: COMMUNES }, (_, i) => ({ id: `xa-${i + 1}`, name: `UBND xã Đồng Hỷ ${i + 1}`, tier: 'commune', parent: 'ubnd-tinh', endpoints: [ep(`xa-${i + 1}`, 16200 + i)] })),
      ],
    });
    two.outage('xa-7-1', local(9, 10), local(9, 12));
    two.at(local(16, 9));
  }, 30_000);
  afterAll(async () => {
    await two?.close();
  });

  it('has a row per commune, refuses a district scope, and a long report breaks over A4 pages with its chart', async () => {
    const t = csvSections(fileOf(await two.report(TECH, { ...INPUT, format: 'csv' })).bytes).section(W.sections.groups);
    expect(t.header[1]).toBe(W.columns.groupSite);
    expect(t.rows).toHaveLength(COMMUNES + 2);
    expect(t.rows[0]![1]).toBe('Văn phòng UBND tỉnh');
    expect(Number(t.cell('UBND xã Đồng Hỷ 7', W.columns.downtime))).toBe(120);
    expect(Number(t.cell('UBND xã Đồng Hỷ 7', W.columns.availability))).toBe(round(pct(WEEK, 120), 3));
    expect(await two.report(TECH, { ...INPUT, scope: 'xa-7', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'not_found', params: { reason: 'unknown_district' } } });

    const pdf = join(dir, 'two-tier.pdf');
    writeFileSync(pdf, fileOf(await two.report(TECH, { ...INPUT, format: 'pdf' })).bytes);
    const info = poppler('pdfinfo', pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(2);
    expect(info).toContain('(A4)');
    const text = poppler('pdftotext', pdf);
    expect(text).toContain('UBND xã Đồng Hỷ 60');
    expect(text).toContain(`Trang ${pages}/${pages}`);
    execFileSync('pdftoppm', ['-png', '-r', '30', pdf, join(dir, 'two-tier')]); // every page renders
  });
});
