import { ApiError } from '../../../shared/api/errors.js';
import type { Inventory } from '../../../shared/inventory.js';
import type { ScheduleEvent } from '../../../shared/schedule/api.js';
import { siteDirectoryFromInventory, type SchedulePolicy, type SiteDirectory } from '../../../shared/schedule/index.js';
import type { ConferenceService } from '../conference/conference-service.js';
import type { Database } from '../db/database.js';
import type { EventLog } from '../events/event-log.js';
import type { McuDriver } from '../mcu/mcu-driver.js';
import type { Handlers } from '../rpc/dispatch.js';
import type { StatusTable } from '../status/status-table.js';
import { attendanceCsv } from './attendance-csv.js';
import { attendanceOf } from './attendance.js';
import { Bookings } from './bookings.js';
import type { ScheduleContext } from './context.js';
import { demoMeetings } from './demo-schedule.js';
import { scheduleIcs } from './ical.js';
import { LiveTracker } from './live-tracker.js';
import { MeetingStore } from './meeting-store.js';
import { ReadinessMonitor } from './readiness.js';
import { RunStore } from './run-store.js';
import { MeetingStarter } from './start-meeting.js';

/**
 * The day's meetings in the engine: storage, booking rules, readiness, one-action start,
 * attendance and exports, behind the schedule requests of the contract and the `schedule` stream.
 * `start()` runs the timers (readiness about every 10 s, attendance samples about every 5 s) and
 * follows the conference list; `close()` stops them.
 */

export interface ScheduleOptions {
  readonly db: Database;
  readonly conferences: ConferenceService;
  readonly driver: McuDriver | null;
  readonly status: StatusTable;
  readonly events: EventLog;
  readonly inventory: () => Inventory;
  readonly now?: () => number;
  /** The booking rules' knobs (notice days, MCU port capacity …); DEFAULT_SCHEDULE_POLICY otherwise. */
  readonly policy?: Partial<SchedulePolicy>;
  readonly readinessMs?: number;
  readonly sampleMs?: number;
  /** How long a start waits for the sites to answer before muting (default 20 s). */
  readonly settleMs?: number;
  /** How long a created conference may take to appear (default 10 s). */
  readonly appearMs?: number;
}

export type ScheduleHandlers = Pick<
  Handlers,
  | 'listMeetings'
  | 'checkBooking'
  | 'bookMeeting'
  | 'editMeeting'
  | 'cancelMeeting'
  | 'getReadiness'
  | 'startMeeting'
  | 'getAttendance'
  | 'exportSchedule'
  | 'exportAttendance'
>;

export class Schedule {
  readonly ctx: ScheduleContext;
  readonly bookings: Bookings;
  readonly readiness: ReadinessMonitor;
  readonly live: LiveTracker;
  readonly starter: MeetingStarter;
  private readonly listeners = new Set<(e: ScheduleEvent) => void>();
  private readonly timers: NodeJS.Timeout[] = [];
  private offConferences: (() => void) | null = null;
  private dirFor: { inv: Inventory; dir: SiteDirectory } | null = null;

  constructor(private readonly o: ScheduleOptions) {
    const now = o.now ?? Date.now;
    this.ctx = {
      store: new MeetingStore(o.db, now),
      runs: new RunStore(o.db),
      now,
      inventory: o.inventory,
      directory: () => this.directory(),
      policy: o.policy ?? {},
      changed: (ids) => this.emit(ids),
    };
    this.bookings = new Bookings(this.ctx);
    const deps = { ctx: this.ctx, bookings: this.bookings, status: o.status, conferences: o.conferences, events: o.events };
    this.readiness = new ReadinessMonitor(deps);
    this.live = new LiveTracker(deps);
    this.starter = new MeetingStarter({ ...deps, driver: o.driver, settleMs: o.settleMs ?? 20_000, appearMs: o.appearMs ?? 10_000 });
  }

  handlers(): ScheduleHandlers {
    const meeting = (id: string) => {
      const m = this.ctx.store.get(id);
      if (!m) throw new ApiError('not_found', `no meeting with id "${id}"`);
      return m;
    };
    return {
      listMeetings: (input) => this.bookings.list(input.from, input.to),
      checkBooking: (input) => this.bookings.check(input.request, input.id),
      bookMeeting: (input, caller) => this.bookings.book(caller, input.request),
      editMeeting: (input, caller) => this.bookings.edit(caller, input.request),
      cancelMeeting: (input, caller) => this.bookings.cancel(caller, input),
      getReadiness: (input) => {
        const m = meeting(input.meetingId);
        if (m.status === 'cancelled') throw new ApiError('bad_request', `"${m.title}" was cancelled`, undefined, { reason: 'meeting_cancelled', title: m.title });
        return this.readiness.of(m);
      },
      startMeeting: (input, caller) => this.starter.start(caller, input),
      getAttendance: (input) => attendanceOf(this.ctx, meeting(input.meetingId)).attendance,
      exportAttendance: (input) => {
        const m = meeting(input.meetingId);
        const { attendance, run } = attendanceOf(this.ctx, m);
        return attendanceCsv(attendance, run?.occurrenceStart ?? Date.parse(m.start), this.directory().timezone);
      },
      exportSchedule: (input) => {
        const list = this.bookings.list(input.from, input.to);
        const meetings = list.map((s) => ({ meeting: s.meeting, cancelReason: this.ctx.store.cancelReason(s.meeting.id) }));
        const span = input.to && input.to !== input.from ? `${input.from}_${input.to}` : input.from;
        const content = scheduleIcs(meetings, this.directory(), this.ctx.now(), `Lịch họp trực tuyến ${this.o.inventory().name}`);
        return { filename: `lich-hop_${span}.ics`, mime: 'text/calendar; charset=utf-8', content };
      },
    };
  }

  /** The `schedule` stream: the current readiness at once, then every change. */
  subscribe(listener: (e: ScheduleEvent) => void): () => void {
    listener({ changed: [], readiness: this.readiness.current() });
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Seed the demo schedule into an empty database; returns how many meetings were added. */
  seedDemo(): number {
    if (this.ctx.store.count() > 0) return 0;
    const meetings = demoMeetings(this.o.inventory(), this.ctx.now(), this.ctx.policy);
    const tz = this.directory().timezone;
    for (const m of meetings) this.ctx.store.insert(m, tz);
    return meetings.length;
  }

  start(readinessMs = this.o.readinessMs ?? 10_000, sampleMs = this.o.sampleMs ?? 5_000): void {
    if (this.timers.length) return;
    this.offConferences = this.o.conferences.onChange((v) => this.safely(() => this.live.observe(v)));
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(() => this.safely(fn), ms);
      t.unref();
      this.timers.push(t);
    };
    every(readinessMs, () => this.checkReadiness());
    every(sampleMs, () => {
      this.live.observe();
      this.live.sample();
    });
    this.safely(() => {
      this.live.observe();
      this.checkReadiness();
    });
  }

  /** One readiness pass; subscribers hear of it when a board changed. */
  checkReadiness(): void {
    if (this.readiness.check()) this.emit([], false);
  }

  close(): void {
    for (const t of this.timers.splice(0)) clearInterval(t);
    this.offConferences?.();
    this.offConferences = null;
    this.listeners.clear();
  }

  private directory(): SiteDirectory {
    const inv = this.o.inventory();
    if (this.dirFor?.inv !== inv) this.dirFor = { inv, dir: siteDirectoryFromInventory(inv) };
    return this.dirFor.dir;
  }

  /** Meetings changed: re-check readiness first (a booking may have entered the 30 minutes). */
  private emit(changed: readonly string[], recheck = true): void {
    if (recheck && changed.length) this.safely(() => this.readiness.check());
    const event: ScheduleEvent = { changed: [...changed], readiness: this.readiness.current() };
    for (const l of this.listeners) this.safely(() => l(event));
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      console.error('bridgepoint: schedule:', e);
    }
  }
}
