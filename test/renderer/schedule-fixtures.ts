import type { ConsoleApi } from '../../shared/api/console-api.js';
import type { RequestName, StreamName } from '../../shared/api/contract.js';
import type { BookingOutcome, Readiness, ScheduledMeeting } from '../../shared/schedule/api.js';
import { newMeeting, type Meeting, type MeetingDraft } from '../../shared/schedule/meeting.js';
import { expandOccurrences } from '../../shared/schedule/recurrence.js';
import { localToUtc, parseLocalDateTime, toIsoInstant } from '../../shared/schedule/zoned-time.js';

/** Fixtures of the schedule's renderer tests: meetings on the small Bắc Kạn network of fixtures.ts. */
export const TZ = 'Asia/Ho_Chi_Minh';
/** 22/11/2025 (a Saturday), 14:30 in Hà Nội: the same "now" as dom-setup.ts. */
export const DAY = '2025-11-22';

export const at = (local: string): number => {
  const p = parseLocalDateTime(local);
  if (!p.ok) throw new Error(p.message);
  const r = localToUtc(p.value, TZ);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

export function meeting(id: string, start: string, end: string, patch: Partial<Meeting> = {}): Meeting {
  const draft: MeetingDraft = {
    title: `Cuộc họp ${id}`,
    hostBody: 'UBND tỉnh',
    chairLevel: 'province',
    kind: 'regular',
    hostSiteId: 'ubnd-tinh',
    room: 'Phòng họp trực tuyến',
    participants: { sites: ['ba-be-cho-ra'], groups: [] },
    emergency: false,
    emergencyReason: '',
    notes: '',
    defaultLayout: 'automatic',
    recurrence: null,
    start: toIsoInstant(at(start)),
    end: toIsoInstant(at(end)),
  };
  return { ...newMeeting(draft, id, '2025-11-10T01:00:00.000Z'), ...patch };
}

export function scheduled(m: Meeting): ScheduledMeeting {
  return { meeting: m, occurrences: expandOccurrences(m, TZ).occurrences.map((o) => ({ ...o })) };
}

export function readiness(meetingId: string, sites: Readiness['sites'], patch: Partial<Readiness> = {}): Readiness {
  return {
    meetingId,
    occurrenceStart: 0,
    checkedAt: '2025-11-22T07:29:58.000Z',
    phase: 'checking',
    ready: sites.filter((s) => s.ready).length,
    notReady: sites.filter((s) => !s.ready).length,
    sites,
    ...patch,
  };
}

export const readySite = (siteId: string): Readiness['sites'][number] => ({ siteId, endpointId: `${siteId}-1`, reachable: true, mcuReady: true, busyIn: null, ready: true, reasons: [] });

export function outcome(patch: Partial<BookingOutcome> = {}): BookingOutcome {
  return { ok: true, meeting: null, issues: [], violations: [], warnings: [], occurrences: [], ...patch };
}

type Handler = (input: Record<string, unknown>) => unknown;

/** A ConsoleApi that records calls, answers from handlers, and lets a test push stream events. */
export function fakeApi(handlers: Partial<Record<RequestName, Handler>> = {}) {
  const calls: { method: RequestName; input: Record<string, unknown> }[] = [];
  const listeners = new Map<StreamName, Set<(p: unknown) => void>>();
  const api: ConsoleApi = {
    call: (async (method: RequestName, input: Record<string, unknown>) => {
      calls.push({ method, input });
      const h = handlers[method];
      if (!h) throw new Error(`no handler for ${method}`);
      return h(input);
    }) as ConsoleApi['call'],
    on: ((stream: StreamName, listener: (p: unknown) => void) => {
      const set = listeners.get(stream) ?? new Set();
      set.add(listener);
      listeners.set(stream, set);
      return () => set.delete(listener);
    }) as ConsoleApi['on'],
  };
  return {
    api,
    calls,
    handlers,
    emit: (stream: StreamName, payload: unknown) => listeners.get(stream)?.forEach((l) => l(payload)),
    listening: (stream: StreamName) => listeners.get(stream)?.size ?? 0,
  };
}

export const settle = () => new Promise((r) => setTimeout(r, 0));

export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
