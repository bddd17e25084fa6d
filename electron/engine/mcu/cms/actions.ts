import { LayoutSchema, type Layout } from '../../../../shared/conference.js';
import { dialAddress } from '../../../../shared/sip-uri.js';
import { McuActionError } from '../mcu-driver.js';
import type { CallTable } from './call-table.js';
import { call, CallLegs } from './call-legs.js';
import { asActionError, idFromLocation, type RestTarget } from './rest-client.js';

/**
 * The control actions over CMS REST. Roster entries are participants, while mute, layout and
 * disconnect act on call legs: a participant's legs come from `GET /api/v1/participants/<id>/callLegs`,
 * are cached, and are looked up again once when the MCU says a cached leg no longer exists. A
 * participant may have several legs; each gets the action, and a refusal on some of them is
 * reported naming those legs (reason `call_legs_partly_failed`).
 */

export interface ActionContext {
  readonly table: CallTable;
  /** The MCU to talk to; throws McuActionError (fail fast) unless the connection is `ok`. */
  readonly ready: () => RestTarget;
  readonly log: (line: string) => void;
  /**
   * Resolve once `settled()` holds (checked after every roster change) or after `ms`, whichever
   * comes first: how a whole-call layout waits to see which participants the MCU moved.
   */
  readonly rosterSettled: (settled: () => boolean, ms: number) => Promise<void>;
  /** How long a whole-call layout waits for the roster to show it before fixing stragglers. */
  readonly layoutSettleMs: number;
}

const enc = encodeURIComponent;
/** Longest conference name we send (CMS names are free text; meeting titles are at most 200). */
const MAX_CALL_NAME = 200;

function checkId(kind: string, id: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) throw new McuActionError(`Invalid ${kind} id ${JSON.stringify(id)?.slice(0, 60)}`);
  return id;
}

function checkLayout(layout: unknown): Layout {
  const r = LayoutSchema.safeParse(layout);
  if (!r.success) throw new McuActionError(`Unknown layout ${JSON.stringify(layout)?.slice(0, 40)}`);
  return r.data;
}

/** The MCU has no `/calls/<id>/participants/*` node (older than 2.4), as opposed to a real refusal. */
const noBulkNode = (err: McuActionError): boolean =>
  (err.status === 404 || err.status === 405) && (err.detail === null || err.detail === 'unrecognizedObject' || err.detail === 'invalidOperation');

export class CmsActions {
  private readonly legs: CallLegs;

  constructor(private readonly ctx: ActionContext) {
    this.legs = new CallLegs(ctx.table);
  }

  /** Drop what is cached about participants that left. */
  forget(participantIds: Iterable<string>): void {
    this.legs.forget(participantIds);
  }

  /** Keep only what is cached about these participants (after calls ended). */
  forgetExcept(present: ReadonlySet<string>): void {
    this.legs.forgetExcept(present);
  }

  clear(): void {
    this.legs.clear();
  }

  async setMute(conferenceId: string, participantId: string, mute: { audio?: boolean; video?: boolean }): Promise<void> {
    const form: Record<string, string> = {};
    if (typeof mute?.audio === 'boolean') form.rxAudioMute = String(mute.audio);
    if (typeof mute?.video === 'boolean') form.rxVideoMute = String(mute.video);
    if (Object.keys(form).length === 0) throw new McuActionError('Nothing to change: give audio and/or video as true or false');
    const target = this.participantTarget(conferenceId, participantId);
    await this.legs.each(target, participantId, 'Mute', (leg) => call(target, 'PUT', `/api/v1/callLegs/${enc(leg)}`, form));
  }

  async setParticipantLayout(conferenceId: string, participantId: string, layout: Layout): Promise<void> {
    const chosen = checkLayout(layout);
    const target = this.participantTarget(conferenceId, participantId);
    await this.legs.each(target, participantId, 'Layout', (leg) => call(target, 'PUT', `/api/v1/callLegs/${enc(leg)}`, { chosenLayout: chosen }));
  }

  /**
   * `PUT /api/v1/calls/<id>/participants/*` with `layout` (CMS 2.4+ bulk participant properties),
   * which sets each leg's default layout. A leg with its own layout (chosenLayout, set by this
   * console, another operator, Meeting Management or the endpoint's call leg profile) keeps it, so
   * who still needs a per-participant change is read from the layouts the roster then reports,
   * never from what this console remembers having set. An MCU without the bulk node gets it leg
   * by leg, for those the roster does not already show in that layout.
   */
  async setConferenceLayout(conferenceId: string, layout: Layout): Promise<void> {
    const chosen = checkLayout(layout);
    const target = this.conferenceTarget(conferenceId);
    const { table } = this.ctx;
    const showsIt = (pid: string): boolean => table.participant(conferenceId, pid)?.layout === chosen;
    const stragglers = (): string[] => table.participantIds(conferenceId).filter((pid) => !showsIt(pid));
    try {
      await call(target, 'PUT', `/api/v1/calls/${enc(conferenceId)}/participants/*`, { layout: chosen });
    } catch (e) {
      const err = asActionError(e);
      if (!noBulkNode(err)) throw err;
      this.ctx.log(`PUT /calls/…/participants/* not supported (${err.message}); setting the layout leg by leg`);
      if (!table.rosterKnown(conferenceId)) throw new McuActionError('Roster not known yet; try again in a moment');
      return this.eachParticipant(conferenceId, (pid) => this.setParticipantLayout(conferenceId, pid, chosen), stragglers());
    }
    await this.ctx.rosterSettled(() => table.rosterKnown(conferenceId) && stragglers().length === 0, this.ctx.layoutSettleMs);
    if (!table.has(conferenceId)) return;
    if (!table.rosterKnown(conferenceId)) {
      this.ctx.log(`layout ${chosen} set on call ${conferenceId}; its roster is not known yet, so participants with their own layout could not be checked`);
      return;
    }
    const rest = stragglers();
    if (rest.length === 0) return;
    this.ctx.log(`layout ${chosen}: ${rest.length} participant(s) still show another layout (their own); setting it on their call legs`);
    await this.eachParticipant(conferenceId, (pid) => this.setParticipantLayout(conferenceId, pid, chosen), rest);
  }

  /**
   * Mute (or unmute) everyone but `except` (e.g. the chair) in one request:
   * `PUT /api/v1/calls/<id>/participants/*` with filterIds (≤ 20) and mode=exclude. Participants
   * who join later are not affected. Without the bulk node, or with more than 20 exceptions, it
   * goes participant by participant.
   */
  async setMuteAll(conferenceId: string, mute: { audio?: boolean; video?: boolean }, except: readonly string[] = []): Promise<void> {
    const form: Record<string, string> = {};
    if (typeof mute?.audio === 'boolean') form.rxAudioMute = String(mute.audio);
    if (typeof mute?.video === 'boolean') form.rxVideoMute = String(mute.video);
    if (Object.keys(form).length === 0) throw new McuActionError('Nothing to change: give audio and/or video as true or false');
    const skip = [...new Set(except.map((id) => checkId('participant', id)))];
    const target = this.conferenceTarget(conferenceId);
    const oneByOne = (): Promise<void> => {
      if (!this.ctx.table.rosterKnown(conferenceId)) throw new McuActionError('Roster not known yet; try again in a moment');
      const ids = this.ctx.table.participantIds(conferenceId).filter((id) => !skip.includes(id));
      return this.eachParticipant(conferenceId, (pid) => this.setMute(conferenceId, pid, mute), ids, 'Mute');
    };
    if (skip.length > 20) return oneByOne();
    try {
      await call(target, 'PUT', `/api/v1/calls/${enc(conferenceId)}/participants/*`, skip.length > 0 ? { ...form, filterIds: skip.join(','), mode: 'exclude' } : form);
    } catch (e) {
      const err = asActionError(e);
      if (!noBulkNode(err)) throw err;
      this.ctx.log(`PUT /calls/…/participants/* not supported (${err.message}); muting participant by participant`);
      return oneByOne();
    }
  }

  /** `POST /api/v1/calls` with `name` → `Location: /api/v1/calls/<id>`. */
  async createConference(name: string): Promise<{ conferenceId: string }> {
    const callName = typeof name === 'string' ? name.trim() : '';
    if (callName === '' || callName.length > MAX_CALL_NAME || /\p{Cc}/u.test(callName)) {
      throw new McuActionError(`Invalid conference name ${JSON.stringify(name)?.slice(0, 80)}`);
    }
    const target = this.ctx.ready();
    const res = await call(target, 'POST', '/api/v1/calls', { name: callName });
    const location = res.headers.location;
    const id = idFromLocation(Array.isArray(location) ? location[0] : location);
    if (!id) throw new McuActionError('The MCU created the call but did not say its id (no Location header)');
    return { conferenceId: id };
  }

  /**
   * `POST /api/v1/calls/<id>/participants` with `remoteParty` in the reference's form: a bare
   * `user@host`, host or number (an inventory URI's `sip:` scheme, display name and parameters
   * are dropped; see dialAddress).
   */
  async dialOut(conferenceId: string, uri: string): Promise<{ participantId: string | null }> {
    const remoteParty = typeof uri === 'string' ? dialAddress(uri) : null;
    if (remoteParty === null || remoteParty.length > 255 || /[\s\p{Cc}<>"]/u.test(remoteParty) || /^[a-z][a-z0-9+.-]*:\/\//i.test(remoteParty)) {
      throw new McuActionError(`Invalid address to dial ${JSON.stringify(uri)?.slice(0, 80)}`);
    }
    const target = this.conferenceTarget(conferenceId);
    const res = await call(target, 'POST', `/api/v1/calls/${enc(conferenceId)}/participants`, { remoteParty });
    const location = res.headers.location;
    return { participantId: idFromLocation(Array.isArray(location) ? location[0] : location) };
  }

  async disconnect(conferenceId: string, participantId: string): Promise<void> {
    const target = this.participantTarget(conferenceId, participantId);
    await this.legs.each(target, participantId, 'Disconnect', (leg) => call(target, 'DELETE', `/api/v1/callLegs/${enc(leg)}`));
    this.forget([participantId]);
  }

  async endConference(conferenceId: string): Promise<void> {
    const target = this.conferenceTarget(conferenceId);
    await call(target, 'DELETE', `/api/v1/calls/${enc(conferenceId)}`);
  }

  private conferenceTarget(conferenceId: string): RestTarget {
    const target = this.ctx.ready();
    checkId('conference', conferenceId);
    if (!this.ctx.table.has(conferenceId)) throw new McuActionError(`Unknown conference ${conferenceId}`);
    return target;
  }

  private participantTarget(conferenceId: string, participantId: string): RestTarget {
    const target = this.conferenceTarget(conferenceId);
    checkId('participant', participantId);
    const { table } = this.ctx;
    if (table.rosterKnown(conferenceId) && !table.participant(conferenceId, participantId)) {
      throw new McuActionError(`Unknown participant ${participantId} in conference "${table.name(conferenceId) ?? conferenceId}"`);
    }
    return target;
  }

  /** Apply to several participants; every one is tried, failures are reported together. */
  private async eachParticipant(conferenceId: string, fn: (pid: string) => Promise<void>, ids?: readonly string[], what = 'Layout'): Promise<void> {
    const targets = ids ?? this.ctx.table.participantIds(conferenceId);
    const failures: string[] = [];
    for (const pid of targets) {
      try {
        await fn(pid);
      } catch (e) {
        failures.push(`${this.ctx.table.participant(conferenceId, pid)?.name || pid}: ${asActionError(e).message}`);
      }
    }
    if (failures.length > 0) {
      throw new McuActionError(`${what} not applied to ${failures.length} of ${targets.length} participants: ${failures.join('; ')}`, null, null, {
        reason: 'participants_partly_failed',
        failed: failures.length,
        total: targets.length,
      });
    }
  }
}
