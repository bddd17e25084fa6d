import { PARTICIPANT_STATES, ReportedLayoutSchema, type ReportedLayout } from '../../../../shared/conference.js';
import type { McuConference } from '../mcu-driver.js';
import type { CallUpdate, RosterUpdate } from './events-codec.js';

/**
 * Calls and their rosters as the events stream describes them, with the (re)connect rules:
 * after `resetForResync` every roster is unknown and empty (never old data shown as live) until
 * its call's first `rosterUpdate`; the first `callListUpdate` of a connection is the full list,
 * so calls that ended while we were away disappear then.
 */

type ParticipantState = (typeof PARTICIPANT_STATES)[number];
type McuParticipant = McuConference['participants'][number];

interface ParticipantRecord {
  name: string;
  uri: string;
  state: ParticipantState;
  audioMuted: boolean | null;
  videoMuted: boolean | null;
  activeSpeaker: boolean;
  layout: ReportedLayout | null;
}

interface CallRecord {
  readonly id: string;
  name: string;
  /** This connection's roster subscription index (0 until one is assigned). */
  rosterIndex: number;
  rosterKnown: boolean;
  readonly participants: Map<string, ParticipantRecord>;
}

const isState = (v: unknown): v is ParticipantState => typeof v === 'string' && (PARTICIPANT_STATES as readonly string[]).includes(v);

/** A participant the roster removed, with what the MCU said of it. */
export interface Departure {
  readonly participant: string;
  readonly name: string;
  readonly uri: string;
  /** The removal's `reason` as the MCU gave it (e.g. CMS `remoteTeardown`), or null. */
  readonly reason: string | null;
}

export interface RosterResult {
  /** Participants that left (their call-leg mapping can be forgotten). */
  readonly removed: readonly string[];
  readonly departures: readonly Departure[];
  readonly problems: readonly string[];
  /** This update made the roster known. */
  readonly becameKnown: boolean;
}

export class CallTable {
  private readonly calls = new Map<string, CallRecord>();
  private callListSynced = false;

  /** Forget everything (another MCU). */
  clear(): void {
    this.calls.clear();
    this.callListSynced = false;
  }

  /** After a (re)connect: rosters unknown and emptied, call list awaiting its first full update. */
  resetForResync(): void {
    this.callListSynced = false;
    for (const call of this.calls.values()) {
      call.rosterKnown = false;
      call.rosterIndex = 0;
      call.participants.clear();
    }
  }

  get synced(): boolean {
    return this.callListSynced;
  }

  /** The whole state has been read since the last reset: the call list and every call's roster. */
  get complete(): boolean {
    if (!this.callListSynced) return false;
    for (const call of this.calls.values()) if (!call.rosterKnown) return false;
    return true;
  }

  /** Apply a `callListUpdate`. The first one after a reset is the whole list. */
  applyCallList(updates: readonly CallUpdate[]): { added: string[]; removed: string[] } {
    const added: string[] = [];
    const removed: string[] = [];
    if (!this.callListSynced) {
      this.callListSynced = true;
      const present = new Set(updates.filter((u) => u.updateType !== 'remove').map((u) => u.call));
      for (const id of [...this.calls.keys()]) {
        if (!present.has(id)) {
          this.calls.delete(id);
          removed.push(id);
        }
      }
    }
    for (const u of updates) {
      const call = this.calls.get(u.call);
      if (u.updateType === 'remove') {
        if (call && this.calls.delete(u.call)) removed.push(u.call);
        continue;
      }
      if (call) {
        if (u.name !== undefined) call.name = u.name;
        if (call.rosterIndex === 0) added.push(call.id);
      } else {
        this.calls.set(u.call, { id: u.call, name: u.name ?? '', rosterIndex: 0, rosterKnown: false, participants: new Map() });
        added.push(u.call);
      }
    }
    return { added, removed };
  }

  /** Nothing arrived for the call list in time after subscribing: the MCU has no calls. */
  markCallListEmpty(): string[] {
    if (this.callListSynced) return [];
    this.callListSynced = true;
    const removed = [...this.calls.keys()];
    this.calls.clear();
    return removed;
  }

  has(callId: string): boolean {
    return this.calls.has(callId);
  }

  setRosterIndex(callId: string, index: number): void {
    const call = this.calls.get(callId);
    if (call) call.rosterIndex = index;
  }

  callForRosterIndex(index: number): string | undefined {
    for (const call of this.calls.values()) if (call.rosterIndex === index) return call.id;
    return undefined;
  }

  /** Calls with their roster subscription index, for building a subscribeRequest. */
  rosterSubscriptions(): { call: string; index: number }[] {
    return [...this.calls.values()].filter((c) => c.rosterIndex > 0).map((c) => ({ call: c.id, index: c.rosterIndex }));
  }

  applyRoster(callId: string, updates: readonly RosterUpdate[]): RosterResult {
    const call = this.calls.get(callId);
    if (!call) return { removed: [], departures: [], problems: [`rosterUpdate for unknown call ${callId}`], becameKnown: false };
    const removed: string[] = [];
    const departures: Departure[] = [];
    const problems: string[] = [];
    for (const u of updates) {
      if (u.updateType === 'remove') {
        const gone = call.participants.get(u.participant);
        if (gone && call.participants.delete(u.participant)) {
          removed.push(u.participant);
          departures.push({ participant: u.participant, name: gone.name, uri: gone.uri, reason: removalReason(u, problems) });
        }
        continue;
      }
      const p = call.participants.get(u.participant) ?? newParticipant();
      merge(p, u, problems);
      call.participants.set(u.participant, p);
    }
    const becameKnown = !call.rosterKnown;
    call.rosterKnown = true;
    return { removed, departures, problems, becameKnown };
  }

  /** The participant's roster entry, or undefined (also when the roster is not known). */
  participant(callId: string, participantId: string): McuParticipant | undefined {
    const p = this.calls.get(callId)?.participants.get(participantId);
    return p && { id: participantId, ...p };
  }

  rosterKnown(callId: string): boolean {
    return this.calls.get(callId)?.rosterKnown ?? false;
  }

  participantIds(callId: string): string[] {
    return [...(this.calls.get(callId)?.participants.keys() ?? [])];
  }

  callIds(): string[] {
    return [...this.calls.keys()];
  }

  allParticipantIds(): Set<string> {
    const ids = new Set<string>();
    for (const call of this.calls.values()) for (const id of call.participants.keys()) ids.add(id);
    return ids;
  }

  name(callId: string): string | undefined {
    return this.calls.get(callId)?.name;
  }

  /** The public view: conferences in the order the MCU reported them. */
  view(): McuConference[] {
    return [...this.calls.values()].map((call) => {
      const participants: McuParticipant[] = [...call.participants].map(([id, p]) => ({ id, ...p }));
      return { id: call.id, name: call.name, layout: commonLayout(call, participants), rosterKnown: call.rosterKnown, participants };
    });
  }
}

/** The call's layout when every participant that reports one shows the same; otherwise null. */
function commonLayout(call: CallRecord, participants: readonly McuParticipant[]): ReportedLayout | null {
  if (!call.rosterKnown) return null;
  const layouts = new Set(participants.map((p) => p.layout));
  const only = layouts.size === 1 ? [...layouts][0] : null;
  return only ?? null;
}

function newParticipant(): ParticipantRecord {
  return { name: '', uri: '', state: 'initial', audioMuted: null, videoMuted: null, activeSpeaker: false, layout: null };
}

/** Copy the fields this update carries; wrong-typed values are skipped and reported. */
function merge(p: ParticipantRecord, u: RosterUpdate, problems: string[]): void {
  const bad = (field: string): void => {
    problems.push(`participant ${u.participant}: ignored ${field}=${JSON.stringify(u[field])?.slice(0, 60)}`);
  };
  const str = (field: 'name' | 'uri'): void => {
    const v = u[field];
    if (v === undefined) return;
    if (typeof v === 'string' && v.length <= 1000) p[field] = v;
    else bad(field);
  };
  const bool = (field: 'audioMuted' | 'videoMuted' | 'activeSpeaker'): void => {
    const v = u[field];
    if (v === undefined) return;
    if (typeof v === 'boolean') p[field] = v;
    else bad(field);
  };
  str('name');
  str('uri');
  bool('audioMuted');
  bool('videoMuted');
  bool('activeSpeaker');
  if (u.state !== undefined) {
    if (isState(u.state)) p.state = u.state;
    else bad('state');
  }
  if (u.layout !== undefined) {
    // CMS also has layouts the console does not offer (allEqualTwentyFifths, onePlusN, newer ones):
    // kept by name. Anything that is not a plausible name is ignored and reported.
    const named = ReportedLayoutSchema.safeParse(u.layout);
    if (named.success && /^[A-Za-z][A-Za-z0-9_-]*$/.test(named.data)) p.layout = named.data;
    else bad('layout');
  }
}

/** A removal's `reason`: a short word (CMS call-leg end reasons are camelCase words), or null. */
function removalReason(u: RosterUpdate, problems: string[]): string | null {
  const v = u['reason'];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(v)) return v;
  problems.push(`participant ${u.participant}: ignored removal reason=${JSON.stringify(v)?.slice(0, 60)}`);
  return null;
}
