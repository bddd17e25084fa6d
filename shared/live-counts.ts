import { emptyCounts, ENDPOINT_STATES, endpointState, inCallNow, tally, type CountedStatus, type EndpointState, type StateCounts } from './endpoint-state.js';

/**
 * The counts of a fixed list of endpoints (countEndpoints), kept up to date change by change: a
 * batch of status changes costs its own size, not the list's (the top bar counts 5,000 codecs ~20
 * times a second under load). Each endpoint's state and call come from the same derivation
 * (endpointState, inCallNow) and are tallied the same way, so the numbers are always those a full
 * count gives (test/shared/live-counts.test.ts checks it against countEndpoints on random changes).
 */
type Tally = ReturnType<typeof emptyCounts>;

const STATE_CODE: Readonly<Record<EndpointState, number>> = Object.fromEntries(ENDPOINT_STATES.map((s, i) => [s, i])) as Record<EndpointState, number>;

export class LiveCounts {
  /** Id → its positions in the list (an id listed twice is counted twice, as countEndpoints does). */
  private readonly positions = new Map<string, number | number[]>();
  private readonly state: Uint8Array;
  private readonly inCall: Uint8Array;
  private tally: Tally = emptyCounts();
  private current: StateCounts;

  constructor(
    private readonly endpointIds: readonly string[],
    statuses: ReadonlyMap<string, CountedStatus>,
  ) {
    endpointIds.forEach((id, p) => {
      const at = this.positions.get(id);
      if (at === undefined) this.positions.set(id, p);
      else if (typeof at === 'number') this.positions.set(id, [at, p]);
      else at.push(p);
    });
    this.state = new Uint8Array(endpointIds.length);
    this.inCall = new Uint8Array(endpointIds.length);
    this.current = this.reset(statuses);
  }

  /** The counts now (the same object until a number changes). */
  get counts(): StateCounts {
    return this.current;
  }

  /** Count every endpoint again. */
  reset(statuses: ReadonlyMap<string, CountedStatus>): StateCounts {
    const all = emptyCounts();
    for (let p = 0; p < this.endpointIds.length; p++) {
      const s = statuses.get(this.endpointIds[p]!);
      const state = endpointState(s);
      const call = inCallNow(s);
      this.state[p] = STATE_CODE[state];
      this.inCall[p] = call ? 1 : 0;
      tally(all, state, call);
    }
    this.tally = all;
    return (this.current = { ...all });
  }

  /**
   * The statuses of `changedIds` (and only those) may differ from what was last counted: count
   * those again. Returns the counts (a new object when a number changed).
   */
  update(statuses: ReadonlyMap<string, CountedStatus>, changedIds: Iterable<string>): StateCounts {
    let changed = false;
    for (const id of changedIds) {
      const at = this.positions.get(id);
      if (at === undefined) continue;
      const s = statuses.get(id);
      const state = STATE_CODE[endpointState(s)];
      const call = inCallNow(s) ? 1 : 0;
      if (typeof at === 'number') changed = this.move(at, state, call) || changed;
      else for (const p of at) changed = this.move(p, state, call) || changed;
    }
    if (changed) this.current = { ...this.tally };
    return this.current;
  }

  private move(p: number, state: number, call: number): boolean {
    const was = this.state[p]!;
    const wasCall = this.inCall[p]!;
    if (was === state && wasCall === call) return false;
    this.tally[ENDPOINT_STATES[was]!] -= 1;
    this.tally[ENDPOINT_STATES[state]!] += 1;
    this.tally.inCall += call - wasCall;
    this.state[p] = state;
    this.inCall[p] = call;
    return true;
  }
}
