import type { McuProblem } from '../../../../shared/conference.js';
import type { CmsActions } from './actions.js';
import type { CallTable } from './call-table.js';
import { EventsConnection, problemLog, type EventsMessage } from './events-connection.js';
import {
  callsSubscription,
  parseCallListUpdate,
  parseRosterUpdate,
  parseSubscriptionUpdate,
  rosterSubscription,
  subscribeRequestFrame,
} from './events-codec.js';
import type { LivenessSettings } from './liveness.js';

/**
 * One connected events socket and what we keep subscribed on it: `calls`, then each call's
 * `callRoster` as calls appear. Ready (the driver's `ok`) once the server acknowledges the
 * subscription or sends anything; until then, and if nothing comes in time, the socket is dropped.
 * `complete` once the call list and every call's roster have been read (what "connected" is worth).
 * A quiet socket is checked by resending the subscription list, which the MCU must acknowledge.
 */

export interface SessionEnd {
  /** A known fault behind the end (e.g. an events frame over the size cap). */
  readonly problem: McuProblem | null;
  /** The socket opened (as opposed to a refused or failed handshake). */
  readonly opened: boolean;
}

export interface EventsSessionOptions {
  readonly url: string;
  readonly insecureTls: boolean;
  readonly maxFrameBytes: number;
  readonly liveness: LivenessSettings;
  readonly now: () => number;
  readonly timeoutMs: number;
  readonly callListGraceMs: number;
  readonly table: CallTable;
  readonly actions: CmsActions;
  readonly log: (line: string) => void;
  /** The call table changed. */
  readonly changed: () => void;
  readonly ready: () => void;
  /** The call list and every roster have been read since this socket opened. */
  readonly complete: () => void;
  readonly unconfirmed: (lastHeardAt: number) => void;
  readonly confirmed: () => void;
  readonly closed: (reason: string, end: SessionEnd) => void;
}

const CALLS_INDEX = 1;

export class EventsSession {
  private readonly connection: EventsConnection;
  private isReady = false;
  private isOpen = false;
  private isComplete = false;
  private nextRosterIndex = CALLS_INDEX + 1;
  private subscribeQueued = false;
  private lastSubscribeId = -1;
  private readyTimer: ReturnType<typeof setTimeout> | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | null = null;
  private ended = false;
  /** For what the MCU sends that we cannot use (it could repeat it endlessly). */
  private readonly problem: (line: string) => void;

  constructor(private readonly o: EventsSessionOptions) {
    this.problem = problemLog(o.log);
    this.connection = new EventsConnection({
      url: o.url,
      insecureTls: o.insecureTls,
      maxFrameBytes: o.maxFrameBytes,
      liveness: o.liveness,
      now: o.now,
      handshakeTimeoutMs: o.timeoutMs,
      log: o.log,
      onOpen: () => this.opened(),
      onMessage: (m) => this.message(m),
      onAck: (id, status) => this.acked(id, status),
      onProbe: () => this.subscribe(),
      onUnconfirmed: (at) => !this.ended && o.unconfirmed(at),
      onConfirmed: () => !this.ended && o.confirmed(),
      onClose: (reason, problem) => this.end(reason, problem),
    });
  }

  /** Close from our side; the `closed` callback is not called. */
  close(reason: string): Promise<void> {
    this.ended = true;
    this.clearTimers();
    this.connection.close(reason);
    return Promise.race([this.connection.whenClosed(), new Promise<void>((r) => setTimeout(r, 2000).unref())]);
  }

  private opened(): void {
    this.isOpen = true;
    this.o.log('events socket open; subscribing to calls');
    this.o.table.resetForResync();
    this.o.changed();
    this.subscribe();
    this.readyTimer = setTimeout(() => {
      this.connection.close(`no answer to subscribeRequest within ${this.o.timeoutMs / 1000} s`, true);
    }, this.o.timeoutMs);
  }

  private markReady(): void {
    if (this.isReady || this.ended) return;
    this.isReady = true;
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
    this.o.ready();
    if (!this.o.table.synced) {
      this.graceTimer = setTimeout(() => {
        if (this.ended || this.o.table.synced) return;
        this.o.log(`no call list within ${this.o.callListGraceMs} ms of subscribing: taking it as no calls`);
        this.o.table.markCallListEmpty();
        this.tableChanged();
      }, this.o.callListGraceMs);
    }
    this.checkComplete();
  }

  private tableChanged(): void {
    this.o.changed();
    this.checkComplete();
  }

  private checkComplete(): void {
    if (this.isComplete || !this.isReady || this.ended || !this.o.table.complete) return;
    this.isComplete = true;
    this.o.complete();
  }

  private acked(messageId: number, status: string): void {
    if (messageId === this.lastSubscribeId && status !== 'success') this.o.log(`subscribeRequest ${messageId} answered "${status}"`);
    this.markReady();
  }

  /** Resend the whole subscription list (coalesced: one request for a burst of new calls). */
  private subscribe(): void {
    if (this.subscribeQueued) return;
    this.subscribeQueued = true;
    queueMicrotask(() => {
      this.subscribeQueued = false;
      if (this.ended) return;
      const subscriptions = [callsSubscription(CALLS_INDEX), ...this.o.table.rosterSubscriptions().map((s) => rosterSubscription(s.index, s.call))];
      this.lastSubscribeId = this.connection.sendFrame((id) => subscribeRequestFrame(id, subscriptions));
    });
  }

  private message(m: EventsMessage): void {
    if (this.ended) return;
    this.markReady();
    switch (m.type) {
      case 'callListUpdate':
        return this.callList(m);
      case 'rosterUpdate':
        return this.roster(m);
      case 'subscriptionUpdate': {
        const states = parseSubscriptionUpdate(m.message);
        if (typeof states === 'string') return this.problem(`subscriptionUpdate ${m.messageId} unusable: ${states}`);
        for (const s of states) if (s.state && s.state !== 'active' && s.state !== 'pending') this.o.log(`subscription ${s.index} (${s.type ?? '?'}) is ${s.state}`);
        return;
      }
      default:
        this.problem(`message type "${m.type}" (${m.messageId}) acked and ignored`);
    }
  }

  private callList(m: EventsMessage): void {
    const parsed = parseCallListUpdate(m.message);
    if (typeof parsed === 'string') return this.problem(`callListUpdate ${m.messageId} unusable: ${parsed}`);
    for (const p of parsed.problems) this.problem(`callListUpdate ${m.messageId}: ${p}`);
    if (parsed.subscriptionIndex !== CALLS_INDEX) return this.problem(`callListUpdate for subscription ${parsed.subscriptionIndex} ignored`);
    const { added, removed } = this.o.table.applyCallList(parsed.updates);
    if (this.graceTimer && this.o.table.synced) clearTimeout(this.graceTimer);
    for (const call of added) this.o.table.setRosterIndex(call, this.nextRosterIndex++);
    if (added.length > 0) this.subscribe();
    if (removed.length > 0) this.o.actions.forgetExcept(this.o.table.allParticipantIds());
    this.tableChanged();
  }

  private roster(m: EventsMessage): void {
    const parsed = parseRosterUpdate(m.message);
    if (typeof parsed === 'string') return this.problem(`rosterUpdate ${m.messageId} unusable: ${parsed}`);
    for (const p of parsed.problems) this.problem(`rosterUpdate ${m.messageId}: ${p}`);
    const call = this.o.table.callForRosterIndex(parsed.subscriptionIndex);
    if (!call) return this.problem(`rosterUpdate ${m.messageId} for subscription ${parsed.subscriptionIndex}, which is no call of ours: ignored`);
    const result = this.o.table.applyRoster(call, parsed.updates);
    for (const p of result.problems) this.problem(`rosterUpdate ${m.messageId}: ${p}`);
    for (const d of result.departures) {
      this.o.log(`participant ${d.name ? `"${d.name}" ` : ''}${d.uri || d.participant} left call "${this.o.table.name(call) ?? call}" (${d.reason ?? 'no reason given'})`);
    }
    if (result.removed.length > 0) this.o.actions.forget(result.removed);
    this.tableChanged();
  }

  private clearTimers(): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.readyTimer = this.graceTimer = null;
  }

  private end(reason: string, problem: McuProblem | null): void {
    this.clearTimers();
    if (this.ended) return;
    this.ended = true;
    this.o.log(`events connection ended: ${reason}`);
    this.o.closed(reason, { problem, opened: this.isOpen });
  }
}
