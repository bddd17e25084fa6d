import { auditGate } from '../../../electron/engine/audit/audit-gate.js';
import { AuditLog } from '../../../electron/engine/audit/audit-log.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { RpcReply } from '../../../shared/api/transport.js';
import { ConferenceService } from '../../../electron/engine/conference/conference-service.js';
import { openDatabase, type Database } from '../../../electron/engine/db/database.js';
import { EventLog } from '../../../electron/engine/events/event-log.js';
import { Schedule } from '../../../electron/engine/schedule/schedule.js';
import { StatusTable } from '../../../electron/engine/status/status-table.js';
import { validateInventory, type Inventory } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import type { BookingOutcome } from '../../../shared/schedule/api.js';
import type { BookingRequestInput } from '../../../shared/schedule/index.js';
import { smallInventory } from '../../fixtures/inventory.js';
import { FakeDriver } from '../conference/fake-driver.js';

/**
 * The schedule over real storage, status table, conference service and audit log, with a fake
 * MCU and a clock the test moves. The small inventory: UBND tỉnh; districts Ba Bể and Na Rì;
 * communes Chợ Rã and Nam Mẫu (Ba Bể) and Kim Hỷ (Na Rì), each with one endpoint `<site>-1`.
 */

export const op: Identity = { user: 'minh', role: 'operator' };
export const op2: Identity = { user: 'lan', role: 'operator' };

/** Monday 1 June 2026, 09:00 in Hồ Chí Minh time. */
export const T0 = Date.parse('2026-06-01T02:00:00Z');
export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;

export function inventory(raw: Record<string, unknown> = smallInventory()): Inventory {
  const r = validateInventory(raw);
  if (!r.ok) throw new Error(`fixture invalid: ${JSON.stringify(r.issues)}`);
  return r.inventory;
}

export interface Harness {
  readonly db: Database;
  readonly inv: Inventory;
  readonly driver: FakeDriver;
  readonly status: StatusTable;
  readonly audit: AuditLog;
  readonly events: EventLog;
  readonly conferences: ConferenceService;
  readonly schedule: Schedule;
  /** A schedule request through the audit gate, as the engine makes it (input already valid). */
  call(caller: Identity, method: string, input: unknown): Promise<RpcReply>;
  /** The clock: epoch ms. */
  now: number;
  advance(ms: number): void;
  close(): void;
}

export function harness(options: { db?: Database; now?: number; settleMs?: number; policy?: Record<string, number> } = {}): Harness {
  const db = options.db ?? openDatabase(':memory:');
  const inv = inventory();
  const driver = new FakeDriver();
  driver.answer = true;
  const status = new StatusTable(1);
  status.setEndpoints(inv.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id }))));
  const audit = new AuditLog(db);
  const events = new EventLog();
  const conferences = new ConferenceService(inv, driver, status, 1);
  const handlers = (): Record<string, (input: unknown, caller: Identity) => unknown> => h.schedule.handlers() as never;
  const gated = auditGate(
    async (caller, method, input) => {
      try {
        return { ok: true, result: await handlers()[method]!(input, caller) };
      } catch (e) {
        if (e instanceof ApiError) return { ok: false, error: e.toData() };
        throw e;
      }
    },
    audit,
    { meeting: (id) => h.schedule.ctx.store.get(id)?.title ?? null, conference: () => null, participant: () => null, site: () => null, endpoint: () => null },
  );
  const h: Harness = {
    db,
    inv,
    driver,
    status,
    audit,
    events,
    conferences,
    now: options.now ?? T0,
    schedule: null as unknown as Schedule,
    call: (caller, method, input) => gated(caller, method, input),
    advance(ms) {
      h.now += ms;
    },
    close() {
      h.schedule.close();
      conferences.close();
      status.close();
    },
  };
  (h as { schedule: Schedule }).schedule = new Schedule({
    db,
    conferences,
    driver,
    status,
    events,
    inventory: () => inv,
    now: () => h.now,
    settleMs: options.settleMs ?? 300,
    appearMs: 500,
    policy: options.policy,
  });
  return h;
}

/** A booking form's request: Ba Bể's briefing with Chợ Rã, local times in the inventory's zone. */
export function request(over: Partial<BookingRequestInput> = {}): BookingRequestInput {
  return {
    title: 'Giao ban huyện Ba Bể',
    hostBody: 'UBND huyện Ba Bể',
    chairLevel: 'district',
    kind: 'briefing',
    hostSiteId: 'ba-be',
    room: 'Phòng họp trực tuyến',
    participants: { sites: ['ba-be-cho-ra'], groups: [] },
    start: '2026-06-10T08:00',
    end: '2026-06-10T10:00',
    ...over,
  };
}

export function booked(o: BookingOutcome): NonNullable<BookingOutcome['meeting']> {
  if (!o.ok || !o.meeting) throw new Error(`booking refused: ${JSON.stringify({ issues: o.issues, violations: o.violations })}`);
  return o.meeting;
}

/** Every endpoint up (answers SNMP). */
export function allUp(h: Harness): void {
  for (const s of h.inv.sites) for (const e of s.endpoints) h.status.update(e.id, { reachability: 'up' });
}

export const settle = (ms = 10) => new Promise((r) => setTimeout(r, ms));
