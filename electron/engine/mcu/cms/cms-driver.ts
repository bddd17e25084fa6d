import type { McuProblem, McuState, McuStatus } from '../../../../shared/conference.js';
import { McuActionError, type McuConference, type McuConfig, type McuDriver } from '../mcu-driver.js';
import { CmsActions } from './actions.js';
import { authRetryDelay, DEFAULT_BACKOFF, DEFAULT_STALLED_MAX_MS, retryDelay, type BackoffSettings } from './backoff.js';
import { CallTable } from './call-table.js';
import { clock, problemText, seconds, whyNotReady } from './connection-words.js';
import { DriverStatus, type StatusExtra } from './driver-status.js';
import { EventsSession, type SessionEnd } from './events-session.js';
import { DEFAULT_LIVENESS, type LivenessSettings } from './liveness.js';
import { RosterWaiters } from './roster-waiters.js';
import { fetchAuthToken, restBase, TransportError, type RestTarget } from './rest-client.js';

/**
 * Cisco Meeting Server driver: REST for the token and the actions, the events WebSocket for the
 * call list and rosters.
 *
 * Protocol facts, confirmed in Cisco's API blueprint (github.com/ciscocms/apiary, apiary.apib,
 * "version 2.4 and later") unless marked otherwise:
 * - REST under `/api/v1` over HTTPS with Basic auth; POST/PUT bodies `x-www-form-urlencoded`;
 *   answers `text/xml`; errors are 4xx/5xx with `<failureDetails><reason/></failureDetails>`
 *   (callDoesNotExist, callLegDoesNotExist, parameterError with parameter/error attributes …);
 *   503 means busy, try again; a POST returns the new object in `Location`.
 * - `POST /calls` name=… starts an ad-hoc call → `Location: /api/v1/calls/<id>`.
 * - `POST /calls/<id>/participants` remoteParty=… → `Location: /api/v1/participants/<id>`. The
 *   reference's dial-out example posts `remoteParty=10.1.144.129`, and CMS call records show remote
 *   parties as `sipclient2@example.com` or `0450795869@10.83.154.150;user=phone`: a bare address,
 *   no `sip:` scheme. We send the bare `user@host` (or number) from the inventory URI (dialAddress)
 *   and match what the MCU reports with its parameters to the inventory by sipKey.
 * - A participant may own several call legs (`GET /participants/<id>/callLegs`); actions go to each.
 * - `GET /participants/<id>/callLegs` → `<callLegs><callLeg id=…>`; for a participant hosted on
 *   another clustered Call Bridge only that bridge's id is given (actions then fail clearly).
 * - `PUT /callLegs/<id>` takes rxAudioMute, rxVideoMute, chosenLayout (overrides the leg's
 *   default layout); DELETE on a call leg disconnects it; `DELETE /calls/<id>` ends the call.
 * - `PUT /calls/<id>/participants/*` sets rxAudioMute/rxVideoMute/layout/… on all participants
 *   (filterIds + mode=exclude|selected, up to 20 ids).
 * - Layout names: speakerOnly, telepresence, stacked, allEqual(Quarters|Ninths|Sixteenths|
 *   TwentyFifths), onePlus(Five|Seven|Nine|N), automatic. Participant state: initial, ringing,
 *   connected, onHold.
 * - `POST /authTokens` answers the token in `X-Cisco-CMS-Auth-Token`; events at
 *   `wss://host/events/v1?authToken=…` (open-source CMS event clients on GitHub, not the
 *   blueprint, which does not cover events).
 * - Events envelope, messageAck, subscribeRequest with indexed `calls` / `callRoster` (with
 *   `call` and `elements`) subscriptions, each request carrying the whole list, callListUpdate
 *   with `updates[]` of {call, updateType add|update|remove, name, participants}, server acks of
 *   our messages, subscriptionUpdate: the same open-source clients and their test servers.
 * Assumed (no public source found): rosterUpdate entries are {participant, updateType, name, uri,
 * state, audioMuted, videoMuted, activeSpeaker, layout, …} carrying only changed fields on
 * update; the first callListUpdate / rosterUpdate after subscribing is the complete state; an
 * MCU with no calls sends an empty callListUpdate (we also give up waiting after a grace time).
 * A new participant may come nameless, its name in a later update. A remove may carry a `reason`;
 * we expect CMS's call-leg end words (CDR guide: remoteTeardown, localTeardown, callDeactivated …),
 * log it, and accept any short word. The roster `layout` is the one the participant sees: a
 * whole-call layout is checked against it, and a layout the console cannot set is kept by name.
 */

export interface CmsDriverOptions {
  readonly now?: () => number;
  readonly random?: () => number;
  /** When a quiet events socket is checked, marked unconfirmed, and dropped (see liveness.ts). */
  readonly liveness?: Partial<LivenessSettings>;
  readonly backoff?: BackoffSettings;
  readonly onLog?: (line: string) => void;
  /** Largest events frame accepted (bigger ones drop the socket). Default 1 MiB. */
  readonly maxFrameBytes?: number;
  /** Per REST request, and for the WebSocket handshake and first answer. Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** How long to wait for the first call list before taking silence as "no calls". Default 3 s. */
  readonly callListGraceMs?: number;
  /**
   * How long a whole-call layout waits for the roster to show it before giving the participants
   * that still show another layout (their own) the layout leg by leg. Default 1.5 s.
   */
  readonly layoutSettleMs?: number;
}

/** McuDriver plus what CMS can do in one request (not in the McuDriver interface; optional to use). */
export interface CmsMcuDriver extends McuDriver {
  /** Mute or unmute everyone except these participants (e.g. the chair). */
  setMuteAll(conferenceId: string, mute: { audio?: boolean; video?: boolean }, exceptParticipantIds?: readonly string[]): Promise<void>;
}

export function createCmsDriver(options: CmsDriverOptions = {}): CmsMcuDriver {
  return new CmsDriver(options);
}

class CmsDriver implements CmsMcuDriver {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly backoff: BackoffSettings;
  private readonly timeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly statusCell: DriverStatus;
  private readonly conferenceListeners = new Set<(c: readonly McuConference[]) => void>();
  private readonly table = new CallTable();
  private readonly actions: CmsActions;
  private target: RestTarget | null = null;
  private host = '';
  private session: EventsSession | null = null;
  /** Bumped by configUpdated/destroy so callbacks of an older attempt do nothing. */
  private generation = 0;
  private attempt = 0;
  /** Tokens refused in a row; reset once connected. */
  private refusals = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private nextRetryAt: number | null = null;
  private emitQueued = false;
  private view: readonly McuConference[] | null = null;
  /** A fault seen on the last connections, kept until a complete roster has been read. */
  private problem: McuProblem | null = null;
  /** This session has read the call list and every roster. */
  private complete = false;
  private readonly liveness: LivenessSettings;
  /** Waits for the roster to show something (a whole-call layout), checked on every table change. */
  private readonly waiters: RosterWaiters;

  constructor(private readonly options: CmsDriverOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.liveness = { ...DEFAULT_LIVENESS, ...options.liveness };
    this.log = (line) => options.onLog?.(`[cms] ${line}`);
    this.statusCell = new DriverStatus(this.now, (fn) => this.safely(fn));
    this.waiters = new RosterWaiters(this.log);
    this.actions = new CmsActions({
      table: this.table,
      ready: () => this.ready(),
      log: this.log,
      rosterSettled: (settled, ms) => this.waiters.until(settled, ms),
      layoutSettleMs: options.layoutSettleMs ?? 1_500,
    });
  }

  init(config: McuConfig): void {
    this.start(config);
  }

  configUpdated(config: McuConfig): void {
    this.log('configuration changed: reconnecting');
    this.start(config);
  }

  async destroy(): Promise<void> {
    this.generation++;
    const closing = this.stop('driver stopped');
    this.setStatus('none', 'driver stopped');
    this.statusCell.clear();
    this.conferenceListeners.clear();
    await closing;
  }

  status(): McuStatus {
    return this.statusCell.current;
  }

  onStatus(listener: (status: McuStatus) => void): () => void {
    return this.statusCell.on(listener);
  }

  conferences(): readonly McuConference[] {
    this.view ??= this.table.view();
    return this.view;
  }

  onConferences(listener: (conferences: readonly McuConference[]) => void): () => void {
    this.conferenceListeners.add(listener);
    return () => this.conferenceListeners.delete(listener);
  }

  createConference: McuDriver['createConference'] = (name) => this.actions.createConference(name);
  setMute = (c: string, p: string, mute: { audio?: boolean; video?: boolean }) => this.actions.setMute(c, p, mute);
  setParticipantLayout: McuDriver['setParticipantLayout'] = (c, p, layout) => this.actions.setParticipantLayout(c, p, layout);
  setConferenceLayout: McuDriver['setConferenceLayout'] = (c, layout) => this.actions.setConferenceLayout(c, layout);
  dialOut: McuDriver['dialOut'] = (c, uri) => this.actions.dialOut(c, uri);
  disconnect: McuDriver['disconnect'] = (c, p) => this.actions.disconnect(c, p);
  endConference: McuDriver['endConference'] = (c) => this.actions.endConference(c);
  setMuteAll: CmsMcuDriver['setMuteAll'] = (c, mute, except) => this.actions.setMuteAll(c, mute, except);

  // --- connection lifecycle

  private start(config: McuConfig): void {
    const generation = ++this.generation;
    void this.stop('reconfigured');
    this.table.clear();
    this.actions.clear();
    this.changed();
    this.attempt = 0;
    this.refusals = 0;
    this.problem = null;
    const base = restBase(config);
    if (!base.ok) {
      this.target = null;
      this.log(`bad configuration: ${base.message}`);
      this.setStatus('bad_config', base.message);
      return;
    }
    this.host = base.host;
    this.target = { base: base.base, username: config.username, password: config.password, insecureTls: config.insecureTls ?? false, timeoutMs: this.timeoutMs };
    this.connect(generation);
  }

  /** Stop timers and the socket; resolves once the socket is closed. */
  private stop(reason: string): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.nextRetryAt = null;
    const session = this.session;
    this.session = null;
    return session ? session.close(reason) : Promise.resolve();
  }

  /** One connection attempt; whatever goes wrong ends in a retry, never in an unhandled rejection. */
  private connect(generation: number): void {
    this.attemptConnection(generation).catch((e: unknown) => {
      if (generation !== this.generation) return;
      this.log(`connection attempt failed unexpectedly: ${(e as Error).stack ?? String(e)}`);
      this.session = null;
      this.retry(generation, 'disconnected', `unexpected error: ${(e as Error).message}`);
    });
  }

  private async attemptConnection(generation: number): Promise<void> {
    this.retryTimer = null;
    this.nextRetryAt = null;
    const target = this.target;
    if (generation !== this.generation || !target) return;
    this.complete = false;
    this.setStatus('connecting', `connecting to ${this.host}`, { problem: this.problem });
    let token: string;
    try {
      const answer = await fetchAuthToken(target);
      if (generation !== this.generation) return;
      if (!answer.ok) {
        if (answer.status === 401 || answer.status === 403) return this.retry(generation, 'auth_failed', answer.message);
        return this.retry(generation, 'disconnected', answer.message);
      }
      token = answer.token;
    } catch (e) {
      if (generation !== this.generation) return;
      const why = e instanceof TransportError ? e.message : `unexpected error: ${(e as Error).message}`;
      return this.retry(generation, 'disconnected', `cannot reach ${this.host}: ${why}`);
    }
    const wsBase = target.base.replace(/^http/, 'ws');
    this.session = new EventsSession({
      url: `${wsBase}/events/v1?authToken=${encodeURIComponent(token)}`,
      insecureTls: target.insecureTls,
      maxFrameBytes: this.options.maxFrameBytes ?? 1024 * 1024,
      liveness: this.liveness,
      now: this.now,
      timeoutMs: this.timeoutMs,
      callListGraceMs: this.options.callListGraceMs ?? 3_000,
      table: this.table,
      actions: this.actions,
      log: this.log,
      changed: () => generation === this.generation && this.changed(),
      ready: () => {
        if (generation !== this.generation) return;
        this.refusals = 0;
        // After a fault that recurs on every connection, "ok" waits until a full roster has been read.
        if (this.problem) this.setStatus('connecting', `connected to ${this.host}; waiting for a complete roster (${problemText(this.problem, this.options)})`, { problem: this.problem });
        else this.setStatus('ok', `connected to ${this.host}`);
      },
      complete: () => {
        if (generation !== this.generation) return;
        // Only now is the connection known to work: the back-off starts again from the bottom.
        this.complete = true;
        this.attempt = 0;
        if (this.problem) this.log(`complete roster read: ${this.problem} cleared`);
        this.problem = null;
        this.setStatus('ok', `connected to ${this.host}`);
      },
      unconfirmed: (at) => {
        if (generation !== this.generation || this.statusCell.current.state !== 'ok') return;
        this.log(`no sign of life from the events socket since ${clock(at)}: rosters unconfirmed`);
        this.setStatus('ok', `no sign of life from ${this.host} since ${clock(at)}; checking`, { unconfirmed: true, lastHeardAt: new Date(at).toISOString() });
      },
      confirmed: () => {
        if (generation !== this.generation || this.statusCell.current.state !== 'ok') return;
        this.log('events socket answered again: rosters confirmed');
        this.setStatus('ok', `connected to ${this.host}`);
      },
      closed: (reason, end) => {
        if (generation !== this.generation) return;
        this.session = null;
        this.table.resetForResync();
        this.changed();
        if (end.problem) this.problem = end.problem;
        this.retry(generation, 'disconnected', end.problem ? problemText(end.problem, this.options) : reason, end);
      },
    });
  }

  /**
   * Wait, then connect again. A socket that opened but ended before a complete roster was read
   * (an events frame too large, a socket closed at once) backs off from 0.5 s up to 60 s, so a
   * fault that recurs on every connection cannot turn into a reconnect-and-login loop; failures to
   * reach the MCU at all stop growing at the normal ceiling (4 s), for a quick resync after outages.
   */
  private retry(generation: number, state: 'disconnected' | 'auth_failed', reason: string, end?: SessionEnd): void {
    const stalled = end !== undefined && end.opened && !this.complete;
    const settings = stalled ? { ...this.backoff, maxMs: this.backoff.stalledMaxMs ?? DEFAULT_STALLED_MAX_MS } : this.backoff;
    const delay = state === 'auth_failed' ? authRetryDelay(this.refusals++, this.backoff, this.random) : retryDelay(this.attempt++, settings, this.random);
    this.log(`${reason}; retrying in ${delay} ms`);
    this.nextRetryAt = this.now() + delay;
    this.setStatus(state, `${reason}; retrying in ${seconds(delay)}`, { problem: this.problem, retryAt: new Date(this.nextRetryAt).toISOString() });
    this.retryTimer = setTimeout(() => this.connect(generation), delay);
  }

  // --- status and views

  private setStatus(state: McuState, message: string, extra: StatusExtra = {}): void {
    this.statusCell.set(state, message, extra);
  }

  /** The REST target when actions may run; otherwise why not, at once. */
  private ready(): RestTarget {
    const status = this.statusCell.current;
    if (status.state === 'ok' && this.target) return this.target;
    throw new McuActionError(`MCU not connected (${whyNotReady(status, this.statusCell.since, this.nextRetryAt, this.now())})`);
  }

  /** The table changed: recompute the view lazily and tell listeners once per tick. */
  private changed(): void {
    this.view = null;
    this.waiters.changed();
    if (this.emitQueued) return;
    this.emitQueued = true;
    setImmediate(() => {
      this.emitQueued = false;
      const list = this.conferences();
      for (const l of this.conferenceListeners) this.safely(() => l(list));
    });
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.log(`listener threw: ${(e as Error).message}`);
    }
  }
}
