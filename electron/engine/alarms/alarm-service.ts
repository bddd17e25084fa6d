import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.js';
import {
  toAlarmView,
  type AcknowledgeInputSchema,
  type AlarmListInputSchema,
  type AlarmStreamPayload,
  type AlarmView,
  type ShelveInputSchema,
} from '../../../shared/alarms/alarm-api.js';
import { evaluate, type Maintenance } from '../../../shared/alarms/alarm-book.js';
import { alarmKpis } from '../../../shared/alarms/alarm-kpis.js';
import { acknowledge, alarmId, isActive, shelve, unshelve, type ActionResult, type Alarm, type AlarmActionRefusal } from '../../../shared/alarms/alarm-machine.js';
import { DEFAULT_ALARM_RULES, endpointSamples, type AlarmRule, type ConditionSample } from '../../../shared/alarms/alarm-rules.js';
import { inFlood, NO_FLOOD, noteNewAlarm, tickFlood, type FloodState } from '../../../shared/alarms/flood.js';
import type { EngineEvent } from '../../../shared/events.js';
import { districtResolver, type Inventory } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import { scopeView } from '../../../shared/scope.js';
import type { EndpointStatus } from '../../../shared/status.js';
import type { AlarmStore, JournalRecord } from './alarm-store.js';
import { MaintenanceWindows, type MaintenanceRequest } from './maintenance-windows.js';

export interface AlarmSources {
  readonly inventory: () => Inventory;
  readonly status: (endpointId: string) => EndpointStatus | undefined;
  /** Calls back with the endpoints whose status changed. */
  readonly onStatusChange: (listener: (endpointIds: readonly string[]) => void) => () => void;
  readonly onEvent: (listener: (e: EngineEvent) => void) => () => void;
  /** The MCU link: null when there is no MCU configured. */
  readonly mcuConnected: () => boolean | null;
  /** The poller's overrun counter (it only grows), null without polling. */
  readonly pollerOverruns: () => number | null;
}

export interface AlarmOptions {
  readonly rules?: readonly AlarmRule[];
  /** The longest shelf, seconds (default 8 h). */
  readonly maxShelveS?: number;
  readonly evaluateEveryMs?: number;
  readonly now?: () => number;
}

type Listener = (payload: AlarmStreamPayload) => void;
const POLLER_SUBJECT = { kind: 'poller', id: 'poller', siteId: null } as const;
const MCU_SUBJECT = { kind: 'mcu', id: 'mcu', siteId: null } as const;
/** The least time between two steps a change asks for (a status batch is 50 ms). */
const SOON_SPACING_MS = 50;

/**
 * The alarm service: reads the status table, the MCU link, the poller and the event log (traps,
 * readiness) through the rules once a second, keeps the book in SQLite, annunciates through the
 * flood filter, and carries out the operators' acknowledgements, shelves and maintenance.
 */
export class AlarmService {
  /** Updated in place by each step; replaced by a new Map for the operators' actions (alarm-book.ts). */
  private book: Map<string, Alarm>;
  private flood: FloodState = NO_FLOOD;
  private readonly windows: MaintenanceWindows;
  private readonly rules: readonly AlarmRule[];
  readonly now: () => number;
  private readonly maxShelveS: number;
  private readonly changedEndpoints = new Set<string>();
  /**
   * Event-borne conditions (traps, not-ready): true from the event for the rule's on-delay (a
   * hold-off: by then a codec that went down has its own alarm, which suppresses this one), then
   * false once, so the alarm returns after its off-delay. Each edge is one sample: the alarm keeps
   * its condition in between (a step reads only what changed).
   */
  private pulses = new Map<string, { sample: ConditionSample; until: number; told: boolean }>();
  private readonly listeners = new Set<Listener>();
  private lastOverruns: { count: number; at: number } | null = null;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly offs: (() => void)[];

  constructor(
    private readonly store: AlarmStore,
    private readonly src: AlarmSources,
    options: AlarmOptions = {},
  ) {
    this.rules = options.rules ?? DEFAULT_ALARM_RULES;
    this.now = options.now ?? Date.now;
    this.maxShelveS = options.maxShelveS ?? 8 * 3600;
    this.book = new Map(store.load((id) => console.error(`bridgepoint: stored alarm ${id} no longer reads as an alarm; dropped`)).map((a) => [a.id, a]));
    this.windows = new MaintenanceWindows(store, this.now, () => this.step());
    this.offs = [
      src.onStatusChange((ids) => {
        ids.forEach((id) => this.changedEndpoints.add(id));
        this.soon();
      }),
      // Only an event that starts a pulse is news for the rules (most events are log lines).
      src.onEvent((e) => {
        if (this.onEvent(e)) this.soon();
      }),
    ];
    this.timer = setInterval(() => this.step(true), options.evaluateEveryMs ?? 1000);
    this.timer.unref?.();
    this.windows.endElapsed(this.now());
    this.windows.arm();
  }

  /**
   * A change arrived: evaluate in the next turn (one step per status batch), not at the next
   * timer tick, so a change reaches the alarm stream within milliseconds. Steps asked for this way
   * are at least SOON_SPACING_MS apart: a step reads the whole alarm book, and a trap storm (50 a
   * second) would otherwise ask for one per trap. The timer still runs for on-delays, off-delays
   * and shelves running out.
   */
  private soon(): void {
    if (this.pending) return;
    const wait = Math.max(0, this.lastStepAt + SOON_SPACING_MS - performance.now());
    this.pending = setTimeout(() => {
      this.pending = null;
      this.step();
    }, wait);
  }

  private pending: ReturnType<typeof setTimeout> | null = null;
  /** When the last step ran (performance.now(), not the rules' clock). */
  private lastStepAt = -Infinity;

  /**
   * One evaluation: the samples gathered since the last one, time passing, what changed stored and
   * pushed. `sweep` (the timer's step, once a second) also ends the conditions of codecs that left
   * the inventory, the one reading of the whole book.
   */
  step(sweep = false): void {
    this.lastStepAt = performance.now();
    const now = this.now();
    this.windows.endElapsed(now);
    const samples = this.samples(now, sweep);
    const { ancestorsOf, districtOf } = this.tree();
    const e = evaluate(this.book, samples, { rules: this.rules, ancestorsOf, maintenance: this.windows.all(), now });
    const journal: JournalRecord[] = [];
    const at = new Date(now).toISOString();
    const activated = new Set(e.activated);
    for (const a of e.changed) {
      const was = e.previous.get(a.id);
      if (activated.has(a)) journal.push(this.entry(at, 'activated', a, null, a.value === null ? '' : `${a.value} ${a.unit ?? ''}`.trim()));
      else if (was && isActive(was) && !isActive(a)) journal.push(this.entry(at, a.state === 'normal' ? 'normal' : 'returned', a, null, ''));
      // A shelf that ran out: unshelved by no one, at its time.
      if (was?.shelved && !a.shelved) journal.push(this.entry(at, 'unshelved', a, null, ''));
    }
    const annunciate: string[] = [];
    const wasFlood = inFlood(this.flood);
    for (const a of e.annunciate) {
      const r = noteNewAlarm(this.flood, now, (a.subject.siteId && districtOf(a.subject.siteId)) ?? a.subject.siteId ?? 'network');
      this.flood = r.state;
      if (r.annunciate) annunciate.push(a.id);
    }
    this.flood = tickFlood(this.flood, now);
    if (!wasFlood && inFlood(this.flood)) journal.push({ at, kind: 'flood-started', alarmId: null, priority: null, siteId: null, user: null, detail: '' });
    if (wasFlood && !inFlood(this.flood)) journal.push({ at, kind: 'flood-ended', alarmId: null, priority: null, siteId: null, user: null, detail: '' });
    this.commit(e.changed, journal, annunciate, wasFlood !== inFlood(this.flood));
  }

  private treeOf: { inv: Inventory; ancestorsOf: (site: string) => readonly string[]; districtOf: (site: string) => string | null } | null = null;

  /** The site tree as the rules read it, rebuilt only when the inventory is replaced (not every step). */
  private tree(): { ancestorsOf: (site: string) => readonly string[]; districtOf: (site: string) => string | null } {
    const inv = this.src.inventory();
    if (this.treeOf?.inv !== inv) {
      const parents = new Map(inv.sites.map((s) => [s.id, s.parent]));
      // Read for every alarm at every step: each site's list is built once per inventory.
      const known = new Map<string, readonly string[]>();
      const ancestorsOf = (site: string): readonly string[] => {
        let out = known.get(site) as string[] | undefined;
        if (out) return out;
        out = [];
        for (let p = parents.get(site); p && out.length < 64; p = parents.get(p)) out.push(p);
        known.set(site, out);
        return out;
      };
      this.treeOf = { inv, ancestorsOf, districtOf: districtResolver(inv) };
    }
    return this.treeOf;
  }

  private samples(now: number, sweep: boolean): ConditionSample[] {
    const out: ConditionSample[] = [];
    for (const [key, pulse] of this.pulses) {
      if (now >= pulse.until) {
        out.push({ ...pulse.sample, active: false });
        this.pulses.delete(key);
      } else if (!pulse.told) {
        out.push(pulse.sample);
        pulse.told = true;
      }
    }
    // An endpoint that left the inventory: its conditions end.
    if (sweep) {
      for (const a of this.book.values()) {
        if (a.subject.kind === 'endpoint' && (a.condition || isActive(a)) && !this.src.status(a.subject.id) && !a.ruleId.startsWith('trap-')) out.push({ ruleId: a.ruleId, subject: a.subject, active: false });
      }
    }
    // A false condition with no alarm in the book changes nothing: only a codec's true conditions
    // and its alarms' are read (every poll changes a codec's status, and most codecs are well).
    for (const id of this.changedEndpoints) {
      const s = this.src.status(id);
      if (!s) continue;
      for (const sample of endpointSamples(s, this.rules)) if (sample.active || this.book.has(alarmId(sample.ruleId, sample.subject))) out.push(sample);
    }
    this.changedEndpoints.clear();
    const mcu = this.src.mcuConnected();
    if (mcu !== null) for (const r of this.rulesOf('mcu_disconnected')) out.push({ ruleId: r.id, subject: MCU_SUBJECT, active: !mcu });
    const overruns = this.src.pollerOverruns();
    if (overruns !== null) {
      if (!this.lastOverruns || overruns < this.lastOverruns.count) this.lastOverruns = { count: overruns, at: 0 };
      else if (overruns > this.lastOverruns.count) this.lastOverruns = { count: overruns, at: now };
      for (const r of this.rulesOf('poller_overrun')) out.push({ ruleId: r.id, subject: POLLER_SUBJECT, active: now - this.lastOverruns.at < 60_000 });
    }
    return out;
  }

  private rulesOf(kind: AlarmRule['condition']['kind']): AlarmRule[] {
    return this.rules.filter((r) => r.condition.kind === kind);
  }

  /** A trap or a not-ready event starts a pulse of each rule it matches: true when it started one. */
  private onEvent(e: EngineEvent): boolean {
    if (e.endpointId === null || (e.code !== 'trap' && e.code !== 'not-ready')) return false;
    const subject = { kind: 'endpoint' as const, id: e.endpointId, siteId: e.siteId };
    let pulsed = false;
    for (const r of this.rules) {
      const c = r.condition;
      const hit = (c.kind === 'trap' && e.code === 'trap' && this.trapPattern(c.trap).test(e.text)) || (c.kind === 'readiness' && e.code === 'not-ready');
      if (!hit) continue;
      this.pulses.set(`${r.id}@${e.endpointId}`, { sample: { ruleId: r.id, subject, active: true }, until: this.now() + r.onDelayS * 1000 + 1000, told: false });
      pulsed = true;
    }
    return pulsed;
  }

  private readonly trapPatterns = new Map<string, RegExp>();

  /** A trap rule's name as a pattern on the event's text, compiled once per name. */
  private trapPattern(trap: string): RegExp {
    let re = this.trapPatterns.get(trap);
    if (!re) this.trapPatterns.set(trap, (re = new RegExp(`^${trap}\\b`)));
    return re;
  }

  private entry(at: string, kind: JournalRecord['kind'], a: Alarm, user: string | null, detail: string): JournalRecord {
    return { at, kind, alarmId: a.id, priority: a.priority, siteId: a.subject.siteId, user, detail };
  }

  private commit(changed: readonly Alarm[], journal: readonly JournalRecord[], annunciate: readonly string[], floodChanged: boolean): void {
    this.store.save(changed, journal);
    if (changed.length === 0 && !floodChanged) return;
    const now = this.now();
    const payload: AlarmStreamPayload = { kind: 'changed', alarms: changed.map((a) => toAlarmView(a, now)), annunciate: [...annunciate], flood: this.floodView() };
    for (const l of [...this.listeners]) l(payload);
  }

  private floodView(): AlarmStreamPayload['flood'] {
    return { since: this.flood.since === null ? null : new Date(this.flood.since).toISOString(), byArea: { ...this.flood.byArea } };
  }

  subscribe(listener: Listener): () => void {
    const now = this.now();
    listener({ kind: 'snapshot', alarms: this.current(now), flood: this.floodView() });
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every alarm that is not normal (suppressed, shelved and out-of-service ones included). */
  private current(now: number): AlarmView[] {
    return [...this.book.values()].filter((a) => a.state !== 'normal').map((a) => toAlarmView(a, now));
  }

  list(input: z.output<typeof AlarmListInputSchema>): AlarmView[] {
    const now = this.now();
    const inv = this.src.inventory();
    const under = input.siteId === undefined ? null : scopeView(inv.sites, [input.siteId]).siteIds;
    return this.current(now).filter(
      (a) =>
        (!input.priority || input.priority.includes(a.priority)) &&
        (!input.state || input.state.includes(a.state)) &&
        (!under || (a.subject.siteId !== null && under.has(a.subject.siteId))) &&
        (input.includeHidden || (!a.suppressedBy && !a.shelved && !a.outOfService)),
    );
  }

  /** All or nothing: an unknown id, or one with nothing to acknowledge, changes nothing. */
  acknowledge(caller: Identity, input: z.output<typeof AcknowledgeInputSchema>): { acknowledged: AlarmView[] } {
    const now = this.now();
    const results = input.ids.map((id) => [id, acknowledge(this.get(id), caller.user, input.comment.trim(), now)] as const);
    const changed = results.map(([id, r]) => this.accepted(id, r));
    const at = new Date(now).toISOString();
    this.apply(changed, changed.map((a) => this.entry(at, 'acknowledged', a, caller.user, input.comment.trim())));
    return { acknowledged: changed.map((a) => toAlarmView(a, now)) };
  }

  shelve(caller: Identity, input: z.output<typeof ShelveInputSchema>): AlarmView {
    const now = this.now();
    const a = this.accepted(input.id, shelve(this.get(input.id), caller.user, input.reason, now + input.minutes * 60_000, this.maxShelveS, now));
    this.apply([a], [this.entry(new Date(now).toISOString(), 'shelved', a, caller.user, `${input.reason.trim()} (${input.minutes} min)`)]);
    return toAlarmView(a, now);
  }

  unshelve(caller: Identity, id: string): AlarmView {
    const now = this.now();
    const a = this.accepted(id, unshelve(this.get(id)));
    this.apply([a], [this.entry(new Date(now).toISOString(), 'unshelved', a, caller.user, '')]);
    return toAlarmView(a, now);
  }

  maintenance(): Maintenance[] {
    return this.windows.all();
  }

  /**
   * Plan a window for a site and its subtree (replacing the site's window): from `from` (default
   * now) until `until` (default: until someone ends it). Its alarms are out of service only while
   * the window is in force.
   */
  setMaintenance(caller: Identity, input: MaintenanceRequest): Maintenance {
    if (!this.src.inventory().sites.some((s) => s.id === input.siteId)) throw new ApiError('not_found', `no site with id "${input.siteId}"`, undefined, { siteId: input.siteId });
    const m = this.windows.set(caller, input);
    this.step();
    this.windows.changed();
    return m;
  }

  clearMaintenance(siteId: string): void {
    this.windows.clear(siteId);
    this.step();
    this.windows.changed();
  }

  /** Called after each change of the maintenance list (link-health history keeps the windows with their end). */
  onMaintenanceChange(listener: () => void): () => void {
    return this.windows.onChange(listener);
  }

  journal(q: { limit?: number; beforeSeq?: number; alarmId?: string }) {
    return this.store.journal(q);
  }

  kpis(from: number, to: number) {
    const k = alarmKpis(this.store.activations(from, to), this.book.values(), this.flood, from, to);
    return { ...k, top10: [...k.top10], chattering: [...k.chattering], stale: [...k.stale], from: new Date(k.from).toISOString(), to: new Date(k.to).toISOString() };
  }

  close(): void {
    clearInterval(this.timer);
    this.windows.close();
    if (this.pending) clearTimeout(this.pending);
    for (const off of this.offs) off();
    this.listeners.clear();
  }

  private get(id: string): Alarm {
    const a = this.book.get(id);
    if (!a) throw new ApiError('not_found', `no alarm with id "${id}"`, undefined, { alarmId: id });
    return a;
  }

  private accepted(id: string, r: ActionResult): Alarm {
    if (r.ok) return r.alarm;
    throw refusalError(id, r.refusal);
  }

  private apply(changed: readonly Alarm[], journal: readonly JournalRecord[]): void {
    const next = new Map(this.book);
    for (const a of changed) next.set(a.id, a);
    this.book = next;
    this.commit(changed, journal, [], false);
  }
}

function refusalError(alarmId: string, r: AlarmActionRefusal): ApiError {
  switch (r.reason) {
    case 'nothing_to_acknowledge':
      return new ApiError('conflict', `alarm ${alarmId} has nothing to acknowledge`, undefined, { reason: r.reason, alarmId });
    case 'not_shelved':
      return new ApiError('conflict', `alarm ${alarmId} is not shelved`, undefined, { reason: r.reason, alarmId });
    case 'reason_required':
      return new ApiError('bad_request', 'give the reason for shelving', undefined, { reason: r.reason, field: 'reason', alarmId });
    case 'shelve_in_past':
      return new ApiError('bad_request', 'shelve for at least a minute', undefined, { reason: r.reason, field: 'minutes', alarmId });
    case 'shelve_too_long':
      return new ApiError('bad_request', `an alarm may be shelved for at most ${r.maxS / 3600} h`, undefined, { reason: r.reason, field: 'minutes', maxS: r.maxS, alarmId });
  }
}

