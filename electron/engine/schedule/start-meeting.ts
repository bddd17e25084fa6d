import { ApiError } from '../../../shared/api/errors.js';
import type { ActionResult, ConferencesView, Participant } from '../../../shared/conference.js';
import type { Identity } from '../../../shared/roles.js';
import { checkTransition, formatDisplay, meetingSiteIds, type Meeting, type Occurrence } from '../../../shared/schedule/index.js';
import type { ConferenceService } from '../conference/conference-service.js';
import type { McuDriver } from '../mcu/mcu-driver.js';
import type { Bookings } from './bookings.js';
import { MINUTE, currentOccurrence, orderedSites, siteEndpoint, type ScheduleContext } from './context.js';

/**
 * Starting a meeting in one action (issue item 6): create the conference on the MCU (unless the
 * occurrence already has one), mark the meeting live, dial every site out through the conference
 * service (a few at a time; the audit gate records the start with how many failed), wait for the sites to answer, apply the meeting's default
 * layout, then mute everyone but the host. One result per site (target = site id); a layout the
 * MCU refused adds one result with target `conference:<id>`. With `siteIds`, only those sites are
 * dialled (and muted): the retry for the ones that failed.
 */

export interface StartDeps {
  readonly ctx: ScheduleContext;
  readonly bookings: Bookings;
  readonly conferences: ConferenceService;
  readonly driver: McuDriver | null;
  /** How long to wait for dialled sites (and the host) to connect before muting. */
  readonly settleMs: number;
  /** How long a created conference may take to show up in the conference list. */
  readonly appearMs: number;
}

export interface StartResult {
  readonly meetingId: string;
  readonly conferenceId: string | null;
  readonly results: ActionResult[];
}

/** A meeting can be started from this long before its start until its end. */
export const START_EARLY_MS = 30 * MINUTE;
const DIAL_CONCURRENCY = 8;

const fail = (target: string, error: string): ActionResult => ({ target, ok: false, error });
const ok = (target: string): ActionResult => ({ target, ok: true, error: null });
const message = (e: unknown): string => (e as Error)?.message || String(e);

/** Runs an action that may throw (synchronously or not) as a result. */
async function attempt(target: string, fn: () => Promise<ActionResult> | ActionResult): Promise<ActionResult> {
  try {
    return await fn();
  } catch (e) {
    return fail(target, message(e));
  }
}

async function pool<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Resolves true as soon as `test` holds for the conference view, false after `ms`. */
export function waitForView(conferences: ConferenceService, test: (v: ConferencesView) => boolean, ms: number): Promise<boolean> {
  if (test(conferences.current())) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (result: boolean): void => {
      off();
      clearTimeout(timer);
      clearInterval(poll);
      resolve(result);
    };
    const off = conferences.onChange((v) => test(v) && done(true));
    const poll = setInterval(() => test(conferences.current()) && done(true), 100);
    const timer = setTimeout(() => done(test(conferences.current())), ms);
  });
}

export class MeetingStarter {
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: StartDeps) {}

  async start(caller: Identity, req: { meetingId: string; siteIds?: string[] }): Promise<StartResult> {
    if (this.inFlight.has(req.meetingId)) throw new ApiError('conflict', 'this meeting is being started already; wait for its results', undefined, { reason: 'meeting_starting' });
    this.inFlight.add(req.meetingId);
    try {
      return await this.run(caller, req);
    } finally {
      this.inFlight.delete(req.meetingId);
    }
  }

  private async run(caller: Identity, req: { meetingId: string; siteIds?: string[] }): Promise<StartResult> {
    const { ctx, conferences, driver } = this.deps;
    const m = ctx.store.get(req.meetingId);
    if (!m) throw new ApiError('not_found', `no meeting with id "${req.meetingId}"`);
    if (m.status !== 'live') {
      const t = checkTransition(m.status, 'live');
      if (!t.ok) throw new ApiError('bad_request', t.message);
    }
    const occ = this.occurrence(m);
    const dir = ctx.directory();
    const all = orderedSites(m, dir, meetingSiteIds(m, dir));
    const wanted = req.siteIds ? all.filter((s) => req.siteIds!.includes(s)) : all;
    const strangers = (req.siteIds ?? []).filter((s) => !all.includes(s)).map((s) => fail(s, 'not a site of this meeting'));
    const finish = (conferenceId: string | null, results: ActionResult[]): StartResult => {
      return { meetingId: m.id, conferenceId, results: [...results, ...strangers] };
    };
    const allFail = (why: string) => wanted.map((s) => fail(s, why));

    // The conference: the occurrence's own while the MCU still has it, else a new one.
    const run = ctx.runs.forOccurrence(m.id, occ.start);
    let conferenceId = run && conferences.current().conferences.some((c) => c.id === run.conferenceId) ? run.conferenceId : null;
    if (!conferenceId) {
      if (!driver) return finish(null, allFail('no MCU is configured in the inventory'));
      try {
        conferenceId = (await driver.createConference(m.title)).conferenceId;
      } catch (e) {
        const why = `the conference could not be created: ${message(e)}`;
        return finish(null, allFail(why));
      }
      ctx.runs.start(m.id, occ.start, conferenceId, ctx.now());
    }
    this.deps.bookings.transition(ctx.store.get(m.id) ?? m, 'live');
    const id = conferenceId;
    if (!(await waitForView(conferences, (v) => v.conferences.some((c) => c.id === id), this.deps.appearMs))) {
      const why = `the MCU made conference ${id} but it did not appear within ${Math.round(this.deps.appearMs / 1000)} s`;
      return finish(id, allFail(why));
    }

    // Dial out, a few at a time; sites already in the conference are left alone.
    const results = new Map<string, ActionResult>();
    const dialled: string[] = [];
    await pool(wanted, DIAL_CONCURRENCY, async (siteId) => {
      const r = await attempt(siteId, () => this.dial(caller, id, siteId, dialled));
      results.set(siteId, r.ok ? ok(siteId) : fail(siteId, r.error ?? 'failed'));
    });

    // Wait for the dialled sites and the host to connect (or the time to run out).
    const pending = [...new Set([...dialled, m.hostSiteId])];
    await waitForView(conferences, (v) => pending.every((s) => this.participant(v, id, s)?.state === 'connected'), this.deps.settleMs);
    const view = conferences.current();
    for (const siteId of dialled) {
      const p = this.participant(view, id, siteId);
      if (p?.state === 'connected') continue;
      const secs = this.deps.settleMs / 1000;
      results.set(siteId, fail(siteId, p ? `did not answer within ${secs} s (${p.state})` : 'did not answer (the call was not connected)'));
    }

    const extra: ActionResult[] = [];
    const layout = await attempt(`conference:${id}`, () => conferences.setLayout(caller, { conferenceId: id, layout: m.defaultLayout }));
    if (!layout.ok) extra.push(fail(`conference:${id}`, `layout ${m.defaultLayout} not applied: ${layout.error}`));
    await this.mute(caller, m, id, wanted, !req.siteIds, results);
    return finish(id, [...wanted.map((s) => results.get(s)!), ...extra]);
  }

  /** The occurrence to start: the live one's, or the one from 30 minutes before its start to its end. */
  private occurrence(m: Meeting): Occurrence {
    const { ctx } = this.deps;
    const now = ctx.now();
    const tz = ctx.directory().timezone;
    if (m.status === 'live') {
      const run = ctx.runs.latest(m.id);
      if (run) return { index: 0, date: '', start: run.occurrenceStart, end: now };
    }
    const occ = currentOccurrence(m, tz, now);
    if (!occ) throw new ApiError('bad_request', `"${m.title}" is over (it ended ${formatDisplay(Date.parse(m.end), tz)})`, undefined, { reason: 'meeting_over', title: m.title, endedAt: formatDisplay(Date.parse(m.end), tz) });
    if (occ.start - START_EARLY_MS > now) {
      throw new ApiError('bad_request', `"${m.title}" starts ${formatDisplay(occ.start, tz)}; it can be started from ${START_EARLY_MS / MINUTE} minutes before`, undefined, {
        reason: 'meeting_too_early',
        title: m.title,
        startsAt: formatDisplay(occ.start, tz),
        minutes: START_EARLY_MS / MINUTE,
      });
    }
    return occ;
  }

  private async dial(caller: Identity, conferenceId: string, siteId: string, dialled: string[]): Promise<ActionResult> {
    const ep = siteEndpoint(this.deps.ctx.inventory(), siteId);
    if (!ep) return fail(siteId, 'the site has no endpoint in the inventory');
    if (!ep.uri) return fail(siteId, 'the endpoint has no SIP address to dial');
    if (this.participant(this.deps.conferences.current(), conferenceId, siteId)) return ok(siteId);
    const r = await this.deps.conferences.dialOut(caller, { conferenceId, endpointId: ep.id });
    if (r.ok) dialled.push(siteId);
    return { ...r, target: siteId };
  }

  /** The site's participant in the conference (any of its endpoints), unless disconnected. */
  private participant(view: ConferencesView, conferenceId: string, siteId: string): Participant | undefined {
    const site = this.deps.ctx.inventory().sites.find((s) => s.id === siteId);
    const ids = new Set(site?.endpoints.map((e) => e.id));
    const conf = view.conferences.find((c) => c.id === conferenceId);
    const mine = conf?.participants.filter((p) => p.endpointId && ids.has(p.endpointId) && p.state !== 'disconnected') ?? [];
    return mine.find((p) => p.state === 'connected') ?? mine[0];
  }

  /**
   * Everyone but the host: in one action when the whole meeting is started and the host is in;
   * otherwise (a retry, or no host yet) the given sites one by one. A site that could not be
   * muted fails with the reason.
   */
  private async mute(caller: Identity, m: Meeting, conferenceId: string, sites: readonly string[], whole: boolean, results: Map<string, ActionResult>): Promise<void> {
    const { conferences } = this.deps;
    const view = conferences.current();
    const host = this.participant(view, conferenceId, m.hostSiteId);
    const mark = (siteId: string, r: ActionResult): void => {
      if (!r.ok && results.get(siteId)?.ok) results.set(siteId, fail(siteId, `connected, but not muted: ${r.error}`));
    };
    if (whole && host?.state === 'connected') {
      const done = await attempt('mute', async () => {
        const list = await conferences.muteAllExceptChair(caller, { conferenceId, chairParticipantId: host.id });
        for (const r of list) {
          const siteId = sites.find((s) => this.participant(view, conferenceId, s)?.endpointId === r.target);
          if (siteId) mark(siteId, r);
        }
        return ok('mute');
      });
      if (!done.ok) for (const s of sites) if (s !== m.hostSiteId) mark(s, done);
      return;
    }
    await pool(
      sites.filter((s) => s !== m.hostSiteId),
      DIAL_CONCURRENCY,
      async (siteId) => {
        const p = this.participant(view, conferenceId, siteId);
        if (!p || p.state !== 'connected' || p.audioMuted === true) return;
        mark(siteId, await attempt(siteId, () => conferences.muteParticipant(caller, { conferenceId, participantId: p.id, audio: true })));
      },
    );
  }
}
