import { McuActionError } from '../mcu-driver.js';
import type { CallTable } from './call-table.js';
import { asActionError, expectOk, parseCallLegIds, restRequest, type RestTarget } from './rest-client.js';

/**
 * A participant's call legs, which mute, layout and disconnect act on: looked up with
 * `GET /api/v1/participants/<id>/callLegs`, cached, and looked up again once when the MCU says a
 * cached leg no longer exists. A participant may have several legs; each gets the action, and a
 * refusal on some of them is reported naming those legs.
 */

const enc = encodeURIComponent;

type LegFailure = { readonly leg: string; readonly error: McuActionError };

/** One REST request; a refusal or a transport problem becomes McuActionError. */
export async function call(target: RestTarget, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, form?: Record<string, string>) {
  try {
    return expectOk(await restRequest(target, method, path, form), method, path);
  } catch (e) {
    throw asActionError(e);
  }
}

export class CallLegs {
  private readonly cache = new Map<string, readonly string[]>();

  constructor(private readonly table: CallTable) {}

  forget(participantIds: Iterable<string>): void {
    for (const id of participantIds) this.cache.delete(id);
  }

  forgetExcept(present: ReadonlySet<string>): void {
    this.forget([...this.cache.keys()].filter((id) => !present.has(id)));
  }

  clear(): void {
    this.cache.clear();
  }

  /**
   * Run `fn` on every call leg of the participant, each tried whatever the others do. With cached
   * legs, a leg the MCU no longer knows (404) means a fresh lookup and one more try on the legs not
   * yet done. One leg failing is that leg's error; with several legs, the failures are reported
   * together, naming the legs, as `call_legs_partly_failed` (some done) or `call_legs_failed`.
   */
  async each(target: RestTarget, participantId: string, what: string, fn: (leg: string) => Promise<unknown>): Promise<void> {
    const cached = this.cache.get(participantId);
    const done = new Set<string>();
    let failures = await this.tryLegs(cached ?? (await this.lookUpLegs(target, participantId)), fn, done);
    if (cached && failures.some((f) => f.error.status === 404)) {
      this.cache.delete(participantId);
      const fresh = await this.lookUpLegs(target, participantId);
      failures = await this.tryLegs(fresh.filter((leg) => !done.has(leg)), fn, done);
    }
    if (failures.length === 0) return;
    // A leg the MCU does not know any more means the cached list is stale; other refusals do not.
    if (failures.some((f) => f.error.status === 404)) this.cache.delete(participantId);
    const total = done.size + failures.length;
    if (total === 1) throw failures[0]!.error;
    const first = failures[0]!.error;
    const legs = failures.map((f) => f.leg).join(', ');
    const each = failures.map((f) => `${f.leg}: ${f.error.message}`).join('; ');
    const name = this.participantName(participantId);
    const values = { participant: name, failed: failures.length, total, legs };
    if (done.size > 0) {
      throw new McuActionError(`${what} applied to ${done.size} of ${total} call legs of participant ${name}; failed on ${failures.length}: ${each}`, first.detail, first.status, {
        reason: 'call_legs_partly_failed',
        ...values,
      });
    }
    throw new McuActionError(`${what} failed on all ${total} call legs of participant ${name}: ${each}`, first.detail, first.status, { reason: 'call_legs_failed', ...values });
  }

  private async tryLegs(legs: readonly string[], fn: (leg: string) => Promise<unknown>, done: Set<string>): Promise<LegFailure[]> {
    const failures: LegFailure[] = [];
    for (const leg of legs) {
      try {
        await fn(leg);
        done.add(leg);
      } catch (e) {
        failures.push({ leg, error: asActionError(e) });
      }
    }
    return failures;
  }

  private participantName(participantId: string): string {
    for (const callId of this.table.callIds()) {
      const name = this.table.participant(callId, participantId)?.name;
      if (name) return `"${name}" (${participantId})`;
    }
    return participantId;
  }

  private async lookUpLegs(target: RestTarget, participantId: string): Promise<readonly string[]> {
    const path = `/api/v1/participants/${enc(participantId)}/callLegs`;
    let body: string;
    try {
      body = (await call(target, 'GET', path)).body;
    } catch (e) {
      const err = asActionError(e);
      if (err.status === 404) throw new McuActionError(`Unknown participant ${participantId} (${err.message})`, err.detail, err.status);
      throw err;
    }
    let found: { legs: string[]; callBridge: string | null };
    try {
      found = parseCallLegIds(body);
    } catch (e) {
      throw new McuActionError(`Unreadable answer to GET ${path}: ${(e as Error).message}`);
    }
    if (found.legs.length === 0) {
      throw new McuActionError(
        found.callBridge
          ? `Participant ${participantId} is hosted on another Call Bridge (${found.callBridge}); control it there`
          : `Participant ${participantId} has no active call legs`,
      );
    }
    this.cache.set(participantId, found.legs);
    return found.legs;
  }
}
