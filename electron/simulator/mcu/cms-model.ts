import { randomFrom, seedFor, type Random } from '../seeded-random.js';

/**
 * The state of the simulated Cisco Meeting Server: active calls, their participants and each
 * participant's call leg (one leg per SIP participant, with its own GUID, as on a real CMS). Every
 * change is announced to listeners (the events WebSocket) with the participant's roster fields
 * before the change, so the events layer can send only what changed.
 */

/** The CMS `Layouts` enum (API reference, data structure "Layouts"). */
export const CMS_LAYOUTS = [
  'allEqual', 'speakerOnly', 'telepresence', 'stacked', 'allEqualQuarters', 'allEqualNinths', 'allEqualSixteenths',
  'allEqualTwentyFifths', 'onePlusFive', 'onePlusSeven', 'onePlusNine', 'automatic', 'onePlusN',
] as const;
export type CmsLayout = (typeof CMS_LAYOUTS)[number];
/** What a leg shows when neither chosenLayout nor defaultLayout is set (simulator's choice). */
export const SYSTEM_DEFAULT_LAYOUT: CmsLayout = 'automatic';

export type ParticipantState = 'initial' | 'ringing' | 'connected' | 'onHold';

export interface SimCodec {
  readonly endpointId: string;
  readonly uri: string;
  readonly name: string;
}

export interface LegSettings {
  rxAudioMute: boolean;
  rxVideoMute: boolean;
  txAudioMute: boolean;
  txVideoMute: boolean;
  /** Per-leg override; null = unset (PUT with an empty value unsets). */
  chosenLayout: CmsLayout | null;
  defaultLayout: CmsLayout | null;
}
export type LegChanges = Partial<LegSettings>;

export interface SimParticipant {
  readonly id: string;
  readonly legId: string;
  readonly callId: string;
  /** Empty when the participant first appears; the display name follows in an update (as on CMS). */
  name: string;
  /** As CMS reports it: the remote party without a `sip:` scheme (see CmsModelOptions.uriParameters). */
  readonly uri: string;
  readonly endpointId: string | null;
  readonly direction: 'incoming' | 'outgoing';
  readonly createdAt: number;
  state: ParticipantState;
  importance: number | null;
  activeSpeaker: boolean;
  leg: LegSettings;
  /** onCallChange(inCall: true) was sent, so leaving must send inCall: false. */
  notifiedInCall: boolean;
}

export interface SimCall {
  readonly id: string;
  readonly name: string;
  readonly coSpace: string;
  readonly correlator: string;
  readonly createdAt: number;
  readonly participants: Map<string, SimParticipant>;
  maxCallLegs: number;
}

/** The roster elements a `callRoster` subscription can ask for. */
export interface RosterFields {
  name: string;
  uri: string;
  state: ParticipantState;
  direction: 'incoming' | 'outgoing';
  audioMuted: boolean;
  videoMuted: boolean;
  importance: number;
  layout: CmsLayout;
  activeSpeaker: boolean;
  presenter: boolean;
  endpointRecording: boolean;
  canMove: boolean;
}

export const effectiveLayout = (leg: LegSettings): CmsLayout => leg.chosenLayout ?? leg.defaultLayout ?? SYSTEM_DEFAULT_LAYOUT;

export function rosterFields(p: SimParticipant): RosterFields {
  return {
    name: p.name, uri: p.uri, state: p.state, direction: p.direction,
    audioMuted: p.leg.rxAudioMute, videoMuted: p.leg.rxVideoMute, importance: p.importance ?? 0,
    layout: effectiveLayout(p.leg), activeSpeaker: p.activeSpeaker, presenter: false, endpointRecording: false, canMove: false,
  };
}

export type ModelEvent =
  | { readonly kind: 'callAdded' | 'callUpdated'; readonly call: SimCall }
  | { readonly kind: 'callRemoved'; readonly call: SimCall }
  | { readonly kind: 'participantAdded'; readonly participant: SimParticipant }
  | { readonly kind: 'participantRemoved'; readonly participant: SimParticipant; readonly reason: RemovalReason }
  | { readonly kind: 'participantUpdated'; readonly participant: SimParticipant; readonly before: RosterFields };

export type CallChange = (endpointId: string, call: { inCall: boolean; remote?: string }) => void | boolean;

/**
 * Why a participant left, in the words of CMS's call-leg end reasons (CDR `callLegEnd` `<reason>`):
 * the far end hung up or refused (remoteTeardown), the MCU or its API ended the leg (localTeardown),
 * the call it was in ended (callDeactivated).
 */
export type RemovalReason = 'remoteTeardown' | 'localTeardown' | 'callDeactivated' | 'timeout';

export interface CmsModelOptions {
  readonly codecs: readonly SimCodec[];
  readonly seed: number;
  readonly answerDelayMs: number;
  readonly speakerIntervalMs: number;
  /** How long the legs of a codec that went dark stay up before they end (the media timeout); default 20000. */
  readonly mediaTimeoutMs?: number;
  readonly onCallChange?: CallChange;
  /**
   * Report URIs with the parameters a real CMS keeps from the SIP headers (`1001@example.vn;x-cisco-number=1001`
   * for a numeric user, `;transport=tls` otherwise) instead of the bare address. Default off.
   */
  readonly uriParameters?: boolean;
}

/** The callLegEnd reason of a leg whose far end stopped sending media and answering SIP. */
export const MEDIA_TIMEOUT_REASON: RemovalReason = 'timeout';

/** `sip:Room@Example.org` → `Room@Example.org`; the form CMS shows in remoteParty / uri. */
export const stripScheme = (uri: string): string => uri.trim().replace(/^sips?:/i, '');
const uriKey = (uri: string): string => stripScheme(uri).toLowerCase();

export class CmsModel {
  readonly calls = new Map<string, SimCall>();
  readonly participants = new Map<string, SimParticipant>();
  readonly legs = new Map<string, SimParticipant>();
  private readonly codecsByUri = new Map<string, SimCodec>();
  private readonly listeners = new Set<(e: ModelEvent) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly random: Random;
  private readonly speakerTimer: NodeJS.Timeout;

  constructor(private readonly options: CmsModelOptions) {
    for (const c of options.codecs) this.codecsByUri.set(uriKey(c.uri), c);
    this.random = randomFrom(seedFor(options.seed, 'cms-simulator'));
    this.speakerTimer = setInterval(() => this.moveSpeakers(), options.speakerIntervalMs);
    this.speakerTimer.unref();
  }

  on(listener: (e: ModelEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A GUID from the seeded source: the same seed gives the same ids in the same order. */
  guid(): string {
    const hex = Array.from({ length: 4 }, () => Math.floor(this.random.next() * 2 ** 32).toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  createCall(name: string): SimCall {
    const call: SimCall = { id: this.guid(), name, coSpace: this.guid(), correlator: this.guid(), createdAt: Date.now(), participants: new Map(), maxCallLegs: 0 };
    this.calls.set(call.id, call);
    this.emit({ kind: 'callAdded', call });
    return call;
  }

  /** A conference already running when the simulator starts: its codecs are connected. */
  addConnected(call: SimCall, endpointId: string): void {
    const codec = this.options.codecs.find((c) => c.endpointId === endpointId);
    if (!codec) throw new Error(`cms simulator: initial conference "${call.name}" names unknown endpoint "${endpointId}"`);
    const p = this.addParticipant(call, codec.uri, {}, 'incoming', 'connected');
    this.connectOnSnmpSide(p, call);
  }

  /** POST /calls/<id>/participants: the leg rings the remote party, which answers after answerDelayMs. */
  dial(call: SimCall, remoteParty: string, leg: LegChanges, importance: number | null): SimParticipant {
    const p = this.addParticipant(call, remoteParty, leg, 'outgoing', 'initial');
    p.importance = importance;
    const codec = p.endpointId === null ? undefined : this.options.codecs.find((c) => c.endpointId === p.endpointId);
    const busy = codec !== undefined && [...this.participants.values()].some((o) => o !== p && o.endpointId === codec.endpointId);
    if (!codec || busy) {
      // SIP 404 / 486 from the far end: the leg never rings and disappears (no REST error, as on CMS).
      this.later(this.options.answerDelayMs, () => this.removeParticipant(p));
      return p;
    }
    this.later(Math.min(50, this.options.answerDelayMs / 3), () => this.update(p, () => (p.state = 'ringing')));
    this.later(this.options.answerDelayMs, () => {
      if (!this.participants.has(p.id)) return;
      if (!this.connectOnSnmpSide(p, call)) return this.removeParticipant(p);
      this.update(p, () => (p.state = 'connected'));
    });
    return p;
  }

  updateLeg(p: SimParticipant, changes: LegChanges): void {
    this.update(p, () => {
      Object.assign(p.leg, changes);
      if (p.leg.rxAudioMute) p.activeSpeaker = false;
    });
  }

  setImportance(p: SimParticipant, importance: number | null): void {
    this.update(p, () => (p.importance = importance));
  }

  /**
   * The codec went dark (powered off, its link cut): the MCU does not know at once. Its legs as they
   * are now stay in the call until the media timeout, then end with reason `timeout`, as when a real
   * CMS stops receiving media. They never come back by themselves: the codec rejoins only when
   * dialled again. Returns how many legs will end.
   */
  codecLost(endpointId: string): number {
    const legs = [...this.participants.values()].filter((p) => p.endpointId === endpointId);
    if (legs.length === 0) return 0;
    this.later(this.options.mediaTimeoutMs ?? 20_000, () => {
      for (const p of legs) this.removeParticipant(p, MEDIA_TIMEOUT_REASON);
    });
    return legs.length;
  }

  removeParticipant(p: SimParticipant, reason: RemovalReason = 'remoteTeardown'): void {
    if (!this.participants.delete(p.id)) return;
    this.legs.delete(p.legId);
    const call = this.calls.get(p.callId);
    call?.participants.delete(p.id);
    if (p.notifiedInCall && p.endpointId) this.options.onCallChange?.(p.endpointId, { inCall: false });
    this.emit({ kind: 'participantRemoved', participant: p, reason });
    if (call) this.emit({ kind: 'callUpdated', call });
  }

  endCall(call: SimCall): void {
    for (const p of [...call.participants.values()]) this.removeParticipant(p, 'callDeactivated');
    this.calls.delete(call.id);
    this.emit({ kind: 'callRemoved', call });
  }

  close(): void {
    clearInterval(this.speakerTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.listeners.clear();
  }

  private addParticipant(call: SimCall, remoteParty: string, leg: LegChanges, direction: 'incoming' | 'outgoing', state: ParticipantState): SimParticipant {
    const codec = this.codecsByUri.get(uriKey(remoteParty));
    const bare = codec ? stripScheme(codec.uri) : stripScheme(remoteParty);
    const user = bare.split('@')[0]!;
    const uri = this.options.uriParameters ? `${bare}${/^\+?\d+$/.test(user) ? `;x-cisco-number=${user}` : ';transport=tls'}` : bare;
    const p: SimParticipant = {
      id: this.guid(), legId: this.guid(), callId: call.id, name: '', uri,
      endpointId: codec?.endpointId ?? null, direction, createdAt: Date.now(), state, importance: null, activeSpeaker: false,
      leg: { rxAudioMute: false, rxVideoMute: false, txAudioMute: false, txVideoMute: false, chosenLayout: null, defaultLayout: null, ...leg },
      notifiedInCall: false,
    };
    this.participants.set(p.id, p);
    this.legs.set(p.legId, p);
    call.participants.set(p.id, p);
    call.maxCallLegs = Math.max(call.maxCallLegs, call.participants.size);
    this.emit({ kind: 'participantAdded', participant: p });
    this.emit({ kind: 'callUpdated', call });
    // The display name arrives after the leg appears (from the SIP headers), as a roster update.
    const name = codec?.name ?? user;
    this.update(p, () => (p.name = name));
    return p;
  }

  /** Tell the SNMP side; a dark codec (setCall returns false) does not answer. */
  private connectOnSnmpSide(p: SimParticipant, call: SimCall): boolean {
    if (!p.endpointId || !this.options.onCallChange) return true;
    const answered = this.options.onCallChange(p.endpointId, { inCall: true, remote: call.name });
    if (answered === false) {
      this.options.onCallChange(p.endpointId, { inCall: false });
      return false;
    }
    p.notifiedInCall = true;
    return true;
  }

  private update(p: SimParticipant, change: () => void): void {
    if (!this.participants.has(p.id)) return;
    const before = rosterFields(p);
    change();
    this.emit({ kind: 'participantUpdated', participant: p, before });
  }

  /** The loudest unmuted connected participant changes every speakerIntervalMs (seeded choice). */
  private moveSpeakers(): void {
    for (const call of this.calls.values()) {
      const all = [...call.participants.values()];
      const candidates = all.filter((p) => p.state === 'connected' && !p.leg.rxAudioMute);
      const current = all.find((p) => p.activeSpeaker);
      const others = candidates.filter((p) => p !== current);
      const next = others.length ? others[Math.floor(this.random.next() * others.length)]! : current && candidates.includes(current) ? current : undefined;
      if (next === current) continue;
      if (current) this.update(current, () => (current.activeSpeaker = false));
      if (next) this.update(next, () => (next.activeSpeaker = true));
    }
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private emit(e: ModelEvent): void {
    for (const l of this.listeners) l(e);
  }
}
