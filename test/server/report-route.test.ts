import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningEngine } from '../../electron/server/console-runtime.js';
import { createConsoleServer, type ConsoleServer } from '../../electron/server/http-server.js';
import { smallInventory, writeInventory } from '../fixtures/inventory.js';
import { TECH_TOKEN, withFakeAuth } from './fake-engine.js';

/** GET /api/v1/reports/health on the real engine behind the real server (sessions from the fake). */
let app: { engine: RunningEngine; server: ConsoleServer; close(): Promise<void> };
let base: string;
const dir = mkdtempSync(join(tmpdir(), 'bp-report-route-'));

beforeAll(async () => {
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Bridgepoint</title>');
  const engine = await startConsole({ inventoryPath: writeInventory(smallInventory()), demo: false, monitoring: false });
  const server = createConsoleServer({ engine: withFakeAuth(engine), rendererDir: renderer });
  const { port } = await server.listen(0, '127.0.0.1');
  app = { engine, server, close: async () => (await server.close(), await engine.close()) };
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => app.close());

const get = (path: string, init?: RequestInit) => fetch(base + path, { ...init, headers: { authorization: `Bearer ${TECH_TOKEN}`, ...init?.headers } });
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

describe('GET /api/v1/reports/health', () => {
  it('answers with the file itself: CSV with its BOM, PDF that poppler reads, named for saving', async () => {
    const csv = await get(`/api/v1/reports/health?period=day&end=${today}&scope=province&format=csv&language=en&workingHours=false`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="link-health-report_day_${today}_province.csv"`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('UBND huyện Ba Bể');

    const pdf = await get('/api/v1/reports/health?period=week&format=pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="bao-cao-duong-truyen_tuan_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_toan-tinh\.pdf"$/);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: Buffer.from(await pdf.arrayBuffer()), encoding: 'utf8' });
    expect(text).toContain('Báo cáo chất lượng đường truyền — Tỉnh Thử');
    expect(text).toContain('UBND huyện Na Rì');
  });

  it('refuses bad input with the request’s errors, as JSON', async () => {
    const json = async (path: string, init?: RequestInit) => {
      const res = await get(path, init);
      return { status: res.status, body: (await res.json()) as { error: { code: string; params?: Record<string, unknown> } } };
    };
    expect(await json('/api/v1/reports/health?period=day&end=2026-02-30&format=csv')).toMatchObject({ status: 400, body: { error: { code: 'bad_request', params: { reason: 'invalid_date' } } } });
    expect(await json('/api/v1/reports/health?period=day&end=2999-01-01&format=csv')).toMatchObject({ status: 400, body: { error: { params: { reason: 'date_in_future' } } } });
    expect(await json('/api/v1/reports/health?period=day&scope=khong-co&format=pdf')).toMatchObject({ status: 404, body: { error: { code: 'not_found', params: { reason: 'unknown_district' } } } });
    expect(await json('/api/v1/reports/health?period=day&format=csv&colour=red')).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect(await json('/api/v1/reports/health?format=csv')).toMatchObject({ status: 400 });
    expect((await get('/api/v1/reports/health', { method: 'DELETE' })).status).toBe(405);
  });
});
