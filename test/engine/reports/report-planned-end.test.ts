import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../../assets/locales/reports.en.json';
import vi from '../../../assets/locales/reports.vi.json';
import { TECH, csvSections, fileOf, local, poppler, reportWorld, type ReportWorld } from './report-world.js';

// A window in force when the report is made shows its planned end as a plan: Na Rì in maintenance
// from 16 June 08:00, planned until 12:00, the report asked for at 09:00; Ba Bể's window of 15 June
// 10:00–11:00, over, reads as an end.

const W = vi.reports.health;
const E = en.reports.health;
const dir = mkdtempSync(join(tmpdir(), 'bp-report-planned-'));
const DAY = { period: 'day', end: '2026-06-16', scope: 'province' } as const;
let w: ReportWorld;

beforeAll(async () => {
  w = await reportWorld();
  w.maintenance('ba-be', local(15, 10), local(15, 11), 'Thay nguồn');
  w.at(local(16, 8));
  w.engine.alarms.setMaintenance(TECH, { siteId: 'na-ri', reason: 'Nâng cấp cáp quang', until: new Date(local(16, 12)).toISOString() });
  w.at(local(16, 9));
}, 30_000);
afterAll(async () => {
  await w?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a maintenance window in force in the report', () => {
  it('gives its planned end, said to be planned, in the CSV; a window that is over keeps a plain end', async () => {
    const today = csvSections(fileOf(await w.report(TECH, { ...DAY, format: 'csv' })).bytes).section(W.sections.exclusions);
    expect(today.cell('na-ri', W.columns.to)).toBe('16/06/2026 12:00 (dự kiến; đang bảo trì)');
    expect(Number(today.cell('na-ri', W.columns.minutes))).toBe(60); // 08:00 to now, 09:00
    const yesterday = csvSections(fileOf(await w.report(TECH, { ...DAY, end: '2026-06-15', format: 'csv' })).bytes).section(W.sections.exclusions);
    expect(yesterday.cell('ba-be', W.columns.to)).toBe('15/06/2026 11:00');
  });

  it('and in the PDF, in both languages', async () => {
    const pdf = join(dir, 'day.pdf');
    writeFileSync(pdf, fileOf(await w.report(TECH, { ...DAY, format: 'pdf' })).bytes);
    const text = poppler('pdftotext', pdf).replace(/\s+/g, ' ');
    expect(text).toContain('16/06/2026 12:00 (dự kiến; đang bảo trì)');
    const pdfEn = join(dir, 'day-en.pdf');
    writeFileSync(pdfEn, fileOf(await w.report(TECH, { ...DAY, format: 'pdf', language: 'en' })).bytes);
    expect(poppler('pdftotext', pdfEn).replace(/\s+/g, ' ')).toContain(`16/06/2026 12:00 ${E.rows.endPlanned.replace('{{at}} ', '')}`);
  });
});
