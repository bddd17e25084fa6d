import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../../assets/locales/reports.en.json';
import vi from '../../../assets/locales/reports.vi.json';
import { FakeDriver } from '../conference/fake-driver.js';
import { TECH, csvSections, fileOf, local, poppler, reportWorld, type ReportWorld } from './report-world.js';

// The report tells the MCU from the network: in the week of 8–14 June the MCU is out of reach for
// 90 minutes (9 June 10:00–11:30) while every codec is up, and Na Rì's codec is down on its own for
// 30 minutes (10 June 08:00–08:30). Six codecs: Văn phòng UBND tỉnh, Ba Bể, Chợ Rã, Nam Mẫu, Na Rì, Kim Hỷ.

const W = vi.reports.health;
const E = en.reports.health;
const INPUT = { period: 'week', end: '2026-06-10', scope: 'province' } as const;
const dir = mkdtempSync(join(tmpdir(), 'bp-report-mcu-'));
const settle = () => new Promise((r) => setTimeout(r, 150)); // the conference service passes the MCU's status on within 50 ms
let w: ReportWorld;

beforeAll(async () => {
  const mcu = new FakeDriver();
  w = await reportWorld(undefined, { mcu });
  await settle();
  w.at(local(9, 10) + 40);
  mcu.setState('disconnected', new Date(local(9, 10)).toISOString());
  await settle();
  w.at(local(9, 11, 30) + 40);
  mcu.setState('ok', new Date(local(9, 11, 30)).toISOString());
  await settle();
  w.outage('na-ri-1', local(10, 8), local(10, 8, 30));
  w.at(local(16, 9));
}, 30_000);
afterAll(async () => {
  await w?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('outages by cause in the report', () => {
  it('lists the MCU’s minutes apart from the codecs’ own, per district and in total (CSV)', async () => {
    const t = csvSections(fileOf(await w.report(TECH, { ...INPUT, format: 'csv' })).bytes).section(W.sections.groups);
    const c = W.columns;
    const num = (name: string, col: string) => Number(t.cell(name, col));
    expect([c.downDown, c.downUnreachable, c.downMcu, c.downtime].map((k) => num('UBND huyện Na Rì', k))).toEqual([30, 0, 2 * 90, 30 + 2 * 90]);
    expect([c.downDown, c.downMcu].map((k) => num('UBND huyện Ba Bể', k))).toEqual([0, 3 * 90]);
    expect([c.downDown, c.downUnreachable, c.downMcu, c.downtime].map((k) => num(W.rows.total, k))).toEqual([30, 0, 6 * 90, 30 + 6 * 90]);
  });

  it('has a table of downtime by cause in the PDF, in both languages', async () => {
    const pdf = join(dir, 'mcu.pdf');
    writeFileSync(pdf, fileOf(await w.report(TECH, { ...INPUT, format: 'pdf' })).bytes);
    const text = poppler('pdftotext', pdf);
    expect(text).toContain(W.sections.causes);
    expect(text).toContain('Mất do MCU');
    expect(text).toContain('540,0'); // the province's MCU minutes: 6 codecs × 90
    expect(text).toContain('570,0'); // with Na Rì's own 30

    const pdfEn = join(dir, 'mcu-en.pdf');
    writeFileSync(pdfEn, fileOf(await w.report(TECH, { ...INPUT, format: 'pdf', language: 'en' })).bytes);
    const textEn = poppler('pdftotext', pdfEn);
    expect(textEn).toContain(E.sections.causes);
    expect(textEn).toContain('MCU unreachable');
    expect(textEn).toContain('540.0');
  });
});
