import type { StreamName as AnyStreamName } from '../../../shared/api/contract.js';
import type { Unsubscribe } from '../../../shared/api/transport.js';
import type { ConferencesView } from '../../../shared/conference.js';
import type { EngineEvent } from '../../../shared/events.js';
import type { Identity } from '../../../shared/roles.js';
import type { ScheduleEvent } from '../../../shared/schedule/api.js';
import { scopeKey, type ScopeView } from '../../../shared/scope.js';
import { scopeConferences, scopeEvent, scopeStatusDelta, scopeStatuses } from '../../../shared/scope-filters.js';
import { meetingVisible, scopeReadiness, scopeScheduleEvent } from '../../../shared/scope-schedule.js';
import type { StatusDelta, StatusSnapshot } from '../../../shared/status.js';
import type { ConferenceService } from '../conference/conference-service.js';
import type { EventLog } from '../events/event-log.js';
import type { Schedule } from '../schedule/schedule.js';
import type { StatusTable } from '../status/status-table.js';
import type { ScopeContext } from './scope-views.js';

export interface ScopeStreamDeps {
  readonly status: StatusTable;
  readonly conferences: ConferenceService;
  readonly schedule: Schedule;
  readonly events: EventLog;
  readonly context: (scope: readonly string[]) => ScopeContext;
}

type Listener = (payload: unknown) => void;
/** The streams about the network (the `session` stream is the caller's own and never scoped). */
/** The streams with a per-scope channel; `alarms` is filtered per subscriber (scope-gate.ts), `session` is the caller's own. */
export type ChannelStream = Exclude<AnyStreamName, 'session' | 'alarms'>;
type StreamName = ChannelStream;

/**
 * One channel per distinct scope: it listens to each engine stream once (while it has
 * subscribers), filters every change once and sends the result to all its subscribers.
 *
 * The status stream gets its own numbering per scope: a delta with nothing of the scope is not
 * sent and does not move the scope's seq, and the scope's snapshot (on subscribe and from
 * getStatusSnapshot) carries the scope's seq, so the renderer's follower sees seq + 1 after
 * seq and never a gap. The channel outlives its subscribers so its seq never goes back.
 */
class ScopeChannel {
  seq = 0;
  private known: ScopeView | null = null;
  private lastConferences = '';
  private lastReadiness = '';
  private readonly seenMeetings = new Set<string>();
  private readonly subs: Record<StreamName, Set<Listener>> = { status: new Set(), conferences: new Set(), schedule: new Set(), events: new Set() };
  private readonly offs: Partial<Record<StreamName, Unsubscribe>> = {};

  constructor(
    private readonly scope: readonly string[],
    private readonly d: ScopeStreamDeps,
  ) {}

  private ctx(): ScopeContext {
    return this.d.context(this.scope);
  }

  statusSnapshot(): StatusSnapshot {
    const all = this.d.status.snapshot(); // flushes pending changes first: our deltas go out before
    const view = this.catchUp();
    return { kind: 'snapshot', seq: this.seq, statuses: scopeStatuses(all.statuses, view), ...(all.network !== undefined ? { network: all.network } : {}) };
  }

  /**
   * When the inventory was replaced and no delta told the subscribers yet, tell them now (the
   * engine calls this after a reload; a snapshot does it too, before numbering on).
   */
  catchUp(): ScopeView {
    const { view } = this.ctx();
    if (this.known && this.known !== view && this.subs.status.size > 0) {
      const d = this.rescoped(null, this.known, view);
      if (d) {
        this.seq = d.seq;
        this.send('status', d);
      }
    }
    this.known = view;
    return view;
  }

  subscribe(stream: StreamName, listener: Listener): Unsubscribe {
    const subs = this.subs[stream];
    const first = this.initial(stream);
    if (subs.size === 0) this.offs[stream] = this.attach(stream);
    subs.add(listener);
    if (first) listener(first.payload);
    return () => {
      if (!subs.delete(listener) || subs.size > 0) return;
      this.offs[stream]?.();
      delete this.offs[stream];
    };
  }

  private send(stream: StreamName, payload: unknown): void {
    for (const l of this.subs[stream]) {
      try {
        l(payload);
      } catch (e) {
        console.error(`bridgepoint: scoped ${stream} listener failed:`, e);
      }
    }
  }

  /** What a new subscriber gets at once (as the unscoped streams do); the events stream sends nothing. */
  private initial(stream: StreamName): { payload: unknown } | null {
    const { view } = this.ctx();
    switch (stream) {
      case 'status':
        return { payload: this.statusSnapshot() };
      case 'conferences': {
        const payload = scopeConferences(this.d.conferences.current(), view);
        this.lastConferences = JSON.stringify(payload); // what every subscriber of the scope holds now
        return { payload };
      }
      case 'events':
        return null;
      case 'schedule': {
        const visible = this.meetingVisible();
        const readiness = this.d.schedule.readiness.current().filter((r) => visible(r.meetingId)).map((r) => scopeReadiness(r, view));
        this.lastReadiness = JSON.stringify(readiness);
        return { payload: { changed: [], readiness } };
      }
    }
  }

  private meetingVisible(): (id: string) => boolean {
    const { view, directory } = this.ctx();
    return (id) => {
      const m = this.d.schedule.ctx.store.get(id);
      return m !== null && meetingVisible(m, view, directory);
    };
  }

  private attach(stream: StreamName): Unsubscribe {
    switch (stream) {
      case 'status':
        return this.d.status.onDelta((delta) => this.onStatus(delta));
      case 'conferences':
        return this.d.conferences.onChange((v) => this.onConferences(v));
      case 'events':
        return this.d.events.onEvent((e) => this.onEvent(e));
      case 'schedule': {
        let attached = false;
        const visible = this.meetingVisible();
        this.seenMeetings.clear();
        for (const m of this.d.schedule.ctx.store.overlapping(0, Date.UTC(9999, 0, 1))) if (visible(m.id)) this.seenMeetings.add(m.id);
        const off = this.d.schedule.subscribe((e) => {
          if (attached) this.onSchedule(e); // the first call is the initial state, sent by initial()
        });
        attached = true;
        return off;
      }
    }
  }

  private onStatus(delta: StatusDelta): void {
    const { view } = this.ctx();
    const before = this.known ?? view;
    let d = scopeStatusDelta(delta, view, this.seq + 1, (id) => before.endpointIds.has(id));
    if (before !== view) d = this.rescoped(d, before, view); // the inventory was replaced
    if (delta.network !== undefined) d = { ...(d ?? { kind: 'delta', seq: this.seq + 1, updates: [], removed: [] }), network: delta.network };
    this.known = view;
    if (!d) return;
    this.seq = d.seq;
    this.send('status', d);
  }

  /**
   * After an inventory reload (seen with the next delta or snapshot): endpoints that left the
   * scope are removed, endpoints that came into it are sent whole.
   */
  private rescoped(d: StatusDelta | null, before: ScopeView, view: ScopeView): StatusDelta | null {
    const removed = new Set(d?.removed ?? []);
    for (const id of before.endpointIds) if (!view.endpointIds.has(id)) removed.add(id);
    const updates = new Map((d?.updates ?? []).map((u) => [u.endpointId, u]));
    for (const id of view.endpointIds) {
      const row = this.d.status.get(id);
      if (!before.endpointIds.has(id) && row && !updates.has(id)) updates.set(id, scopeStatuses([row], view)[0]!);
    }
    if (removed.size === 0 && updates.size === 0) return null;
    return { kind: 'delta', seq: this.seq + 1, updates: [...updates.values()], removed: [...removed] };
  }

  private onConferences(v: ConferencesView): void {
    const filtered = scopeConferences(v, this.ctx().view);
    const json = JSON.stringify(filtered);
    if (json === this.lastConferences) return; // nothing the scope sees changed
    this.lastConferences = json;
    this.send('conferences', filtered);
  }

  private onEvent(e: EngineEvent): void {
    const s = scopeEvent(e, this.ctx().view);
    if (s) this.send('events', s);
  }

  private onSchedule(e: ScheduleEvent): void {
    const s = scopeScheduleEvent(e, this.ctx().view, this.meetingVisible(), this.seenMeetings);
    const readiness = JSON.stringify(s.readiness);
    if (s.changed.length === 0 && readiness === this.lastReadiness) return; // only other scopes' meetings changed
    this.lastReadiness = readiness;
    this.send('schedule', s);
  }
}

/** The channels, one per distinct scope key. */
export class ScopeStreams {
  private readonly channels = new Map<string, ScopeChannel>();

  constructor(private readonly d: ScopeStreamDeps) {}

  private channel(scope: readonly string[]): ScopeChannel {
    const key = scopeKey(scope);
    let ch = this.channels.get(key);
    if (!ch) {
      ch = new ScopeChannel([...scope], this.d);
      this.channels.set(key, ch);
    }
    return ch;
  }

  subscribe(caller: Identity, stream: StreamName, listener: Listener): Unsubscribe {
    return this.channel(caller.scope ?? []).subscribe(stream, listener);
  }

  statusSnapshot(caller: Identity): StatusSnapshot {
    return this.channel(caller.scope ?? []).statusSnapshot();
  }

  /** After an inventory reload: every scope's status subscribers learn what left or entered it. */
  inventoryChanged(): void {
    this.d.status.flush();
    for (const ch of this.channels.values()) ch.catchUp();
  }
}
