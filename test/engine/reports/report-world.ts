import { execFileSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import type { McuDriver } from '../../../electron/engine/mcu/mcu-driver.js';
import type { Identity } from '../../../shared/roles.js';
import type { Meeting } from '../../../shared/schedule/meeting.js';
import type { Reachability } from '../../../shared/status.js';
import { smallInventory, writeInventory } from '../../fixtures/inventory.js';

/**
 * A real engine on the small province (Văn phòng UBND tỉnh; Ba Bể with Chợ Rã and Nam Mẫu; Na Rì
 * with Kim Hỷ; one codec each) with a clock the test moves, and helpers to feed it verdicts,
 * readings, maintenance and meetings at explicit times, and to read reports back.
 *
 * Times are June 2026 in Vietnam (UTC+7): `local(9, 14, 30)` is 9 June 14:30. The engine starts
 * on Monday 1 June 00:00, so week 1 (1–7 June) and week 2 (8–14 June) are both fully monitored.
 */

export const TECH: Identity = { user: 'kythuat', role: 'technician' };
export const OPERATOR: Identity = { user: 'dieuhanh', role: 'operator' };
export const SUPERVISOR: Identity = { user: 'giamsat', role: 'supervisor' };
export const BA_BE: Identity = { ...SUPERVISOR, user: 'giamsat-babe', scope: ['ba-be'] };

export const local = (day: number, hour: number, minute = 0): number => Date.UTC(2026, 5, day, hour - 7, minute);
export const T0 = local(1, 0);

export interface ReportWorld {
  readonly engine: Engine;
  at(t: number): void;
  verdict(t: number, changes: Record<string, Reachability>): void;
  /** down at `from`, up again at `to`. */
  outage(endpointId: string, from: number, to: number): void;
  reading(t: number, endpointId: string, values: Partial<Record<'packetLossPct' | 'jitterMs' | 'latencyMs', number>>): void;
  maintenance(siteId: string, from: number, to: number, reason: string): void;
  /** A window planned at `setAt` for [from, to), which ends by itself (no one ends it). */
  plannedMaintenance(siteId: string, setAt: number, from: number, to: number, reason: string): void;
  meeting(m: Partial<Meeting> & Pick<Meeting, 'id' | 'start' | 'end' | 'hostSiteId' | 'participants'>): Meeting;
  /** A run of the meeting's occurrence, with joins and leaves (`leave` is a drop) at the given times. */
  held(meetingId: string, occurrenceStart: number, events: { siteId: string; event: 'join' | 'leave' | 'end'; at: number }[]): void;
  report(caller: Identity, input: Record<string, unknown>): Promise<ReportReply>;
  close(): Promise<void>;
}

export type ReportReply =
  | { ok: true; result: { filename: string; mediaType: string; content: string } }
  | { ok: false; error: { code: string; message: string; params?: Record<string, unknown> } };

/** `mcu`: the engine's MCU driver (a double the test drives); none by default. */
export async function reportWorld(inventory: Record<string, unknown> = smallInventory(), options: { mcu?: McuDriver } = {}): Promise<ReportWorld> {
  let clock = T0;
  const engine = await startEngine({
    inventoryPath: writeInventory(inventory),
    monitoring: false,
    mcuDriver: options.mcu ? () => options.mcu! : null,
    flushMs: 3_600_000,
    alarms: { now: () => clock, evaluateEveryMs: 3_600_000 },
    history: { now: () => clock, flushEveryMs: 0 },
  });
  const iso = (t: number) => new Date(t).toISOString();
  const verdict = (t: number, changes: Record<string, Reachability>) => {
    clock = t;
    for (const [id, reachability] of Object.entries(changes)) engine.status.update(id, { reachability, measuredAt: { reachability: iso(t) } });
    engine.status.flush();
  };
  const ids = engine.inventory().sites.flatMap((s) => s.endpoints.map((e) => e.id));
  verdict(T0, Object.fromEntries(ids.map((id) => [id, 'up' as const])));
  const tz = engine.inventory().timezone;
  return {
    engine,
    at: (t) => {
      clock = t;
    },
    verdict,
    outage: (id, from, to) => {
      verdict(from, { [id]: 'down' });
      verdict(to, { [id]: 'up' });
    },
    reading: (t, id, values) => {
      clock = t;
      engine.status.update(id, { ...values, measuredAt: Object.fromEntries(Object.keys(values).map((k) => [k, iso(t)])) });
      engine.status.flush();
    },
    maintenance: (siteId, from, to, reason) => {
      clock = from;
      engine.alarms.setMaintenance(TECH, { siteId, reason });
      clock = to;
      engine.alarms.clearMaintenance(siteId);
    },
    plannedMaintenance: (siteId, setAt, from, to, reason) => {
      clock = setAt;
      engine.alarms.setMaintenance(TECH, { siteId, reason, from: iso(from), until: iso(to) });
      clock = to;
      engine.alarms.step();
    },
    meeting: (m) => {
      const meeting: Meeting = {
        version: 1,
        title: `Họp ${m.id}`,
        hostBody: 'UBND tỉnh',
        chairLevel: 'province',
        kind: 'regular',
        room: 'Phòng họp 1',
        emergency: false,
        emergencyReason: '',
        notes: '',
        defaultLayout: 'automatic',
        recurrence: null,
        status: 'booked',
        bookedAt: iso(T0),
        ...m,
      };
      return engine.schedule.ctx.store.insert(meeting, tz);
    },
    held: (meetingId, occurrenceStart, events) => {
      const run = engine.schedule.ctx.runs.start(meetingId, occurrenceStart, `conf-${meetingId}`, occurrenceStart);
      for (const e of events) engine.schedule.ctx.runs.addEvent(run.id, { siteId: e.siteId, endpointId: `${e.siteId}-1`, event: e.event, at: e.at });
      engine.schedule.ctx.runs.end(run.id, Math.max(occurrenceStart, ...events.map((e) => e.at)));
    },
    report: async (caller, input) => (await engine.call(caller, 'getHealthReport', input)) as ReportReply,
    close: () => engine.close(),
  };
}

export function fileOf(reply: ReportReply): { filename: string; mediaType: string; bytes: Buffer } {
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return { filename: reply.result.filename, mediaType: reply.result.mediaType, bytes: Buffer.from(reply.result.content, 'base64') };
}

export interface CsvTable {
  readonly header: string[];
  readonly rows: string[][];
  /** The cell of `column` (by header) in the row whose second cell (the name) is `name`. */
  cell(name: string, column: string): string;
}

/** The CSV back as records (csv-parse), and one section of it by its title. */
export function csvSections(bytes: Buffer): { rows: string[][]; section(title: string): CsvTable } {
  const rows = parse(bytes, { bom: true, relax_column_count: true }) as string[][];
  return {
    rows,
    section(title) {
      const at = rows.findIndex((r) => r.length === 1 && r[0] === title);
      if (at < 0) throw new Error(`no section "${title}" in ${JSON.stringify(rows.map((r) => r[0]))}`);
      const header = rows[at + 1]!;
      const body: string[][] = [];
      for (let i = at + 2; i < rows.length && !(rows[i]!.length === 1 && rows[i]![0] === ''); i++) body.push(rows[i]!);
      return {
        header,
        rows: body,
        cell(name, column) {
          const row = body.find((r) => r[1] === name);
          const k = header.indexOf(column);
          if (!row || k < 0) throw new Error(`no cell ${name} × ${column} in ${JSON.stringify({ header, body })}`);
          return row[k]!;
        },
      };
    },
  };
}

/** Debian's poppler-utils on a PDF (given as bytes through a file the caller names). */
export function poppler(tool: 'pdftotext' | 'pdfinfo', file: string): string {
  return execFileSync(tool, tool === 'pdftotext' ? ['-enc', 'UTF-8', file, '-'] : [file], { encoding: 'utf8' });
}
