import { endpointState, inCallNow, type EndpointState } from '../../../shared/endpoint-state.js';
import { DEFAULT_DEGRADED_THRESHOLDS } from '../../../shared/status-derivation.js';
import type { EndpointStatus } from '../../../shared/status.js';
import type { StatusKind } from '../../theme/status-kind.js';
import type { MapLayout } from './map-layout.js';
import { F_IN_CALL, F_MUTED, K_DOWN, K_STALE, K_UNKNOWN, K_UNREACHABLE, K_UP, K_DEGRADED, KIND_CODES, L_BAD, L_CUT, L_NONE, L_OK, L_WARN } from './map-codes.js';

/**
 * The live state of every map node in typed arrays, updated incrementally from the status store:
 * only endpoints whose status object changed are looked at again, so a frame with a few dozen
 * changes among thousands of endpoints costs one pass of reference compares.
 */

export * from './map-codes.js';
/** "Bad" is this many times past the degraded threshold. */
const BAD_FACTOR = 5;

/** The map's code for the endpoint's one state (shared/endpoint-state.ts), by lookup. */
const CODE_OF: Readonly<Record<EndpointState, number>> = { up: K_UP, unknown: K_UNKNOWN, unreachable: K_UNREACHABLE, degraded: K_DEGRADED, stale: K_STALE, down: K_DOWN };

export function kindCode(s: EndpointStatus | undefined): number {
  return CODE_OF[endpointState(s)];
}

export function kindName(code: number): StatusKind {
  return KIND_CODES[code] ?? 'unknown';
}

/** Health of the link to a site from its worst loss and jitter (null when not measured). */
export function linkHealth(kind: number, lossPct: number | null, jitterMs: number | null): number {
  if (kind === K_DOWN || kind === K_UNREACHABLE) return L_CUT;
  if (kind === K_STALE || kind === K_UNKNOWN) return L_NONE;
  if (lossPct === null && jitterMs === null) return L_NONE;
  const { packetLossPct: lossLimit, jitterMs: jitterLimit } = DEFAULT_DEGRADED_THRESHOLDS;
  const loss = lossPct ?? 0;
  const jitter = jitterMs ?? 0;
  if (loss > lossLimit * BAD_FACTOR || jitter > jitterLimit * BAD_FACTOR) return L_BAD;
  if (loss > lossLimit || jitter > jitterLimit) return L_WARN;
  return L_OK;
}

export interface NodeStates {
  /** Drawn kind of each node (the worst of its endpoints; K_UNKNOWN for a site without endpoints). */
  readonly kind: Uint8Array;
  readonly flags: Uint8Array;
  readonly link: Uint8Array;
  /** Kind of each endpoint, and whether it is in a call (for counters). */
  readonly epKind: Uint8Array;
  readonly epInCall: Uint8Array;
  /** Bumped whenever a drawn state or a counted state changed. */
  version: number;
  /** Bumped whenever a link's health changed (the engine redraws its link layer then). */
  linkVersion: number;
}

export interface StatusTracker {
  readonly states: NodeStates;
  /**
   * Look at the statuses again; returns how many nodes changed (drawn kind, marks or link), and
   * tells `onChanged` each of them (the map repaints only those nodes' boxes).
   */
  update(statuses: ReadonlyMap<string, EndpointStatus>, onChanged?: (node: number) => void): number;
}

export function createStatusTracker(layout: MapLayout): StatusTracker {
  const n = layout.count;
  const e = layout.endpointIds.length;
  const states: NodeStates = {
    kind: new Uint8Array(n).fill(K_UNKNOWN),
    flags: new Uint8Array(n),
    link: new Uint8Array(n),
    epKind: new Uint8Array(e).fill(K_UNKNOWN),
    epInCall: new Uint8Array(e),
    version: 0,
    linkVersion: 0,
  };
  const seen: (EndpointStatus | undefined)[] = new Array<EndpointStatus | undefined>(e).fill(undefined);
  const dirty = new Uint8Array(n);
  const dirtyList = new Int32Array(n);

  const recompute = (node: number): boolean => {
    let kind = -1;
    let flags = 0;
    let loss: number | null = null;
    let jitter: number | null = null;
    for (let j = layout.epStart[node]!; j < layout.epStart[node + 1]!; j++) {
      const s = seen[j];
      const k = states.epKind[j]!;
      if (k > kind) kind = k;
      if (states.epInCall[j]) {
        flags |= F_IN_CALL;
        if (s?.audioMuted) flags |= F_MUTED;
      }
      if (s && s.packetLossPct !== null) loss = Math.max(loss ?? 0, s.packetLossPct);
      if (s && s.jitterMs !== null) jitter = Math.max(jitter ?? 0, s.jitterMs);
    }
    if (kind < 0) kind = K_UNKNOWN;
    const link = linkHealth(kind, loss, jitter);
    if (states.link[node] !== link) states.linkVersion++;
    const changed = states.kind[node] !== kind || states.flags[node] !== flags || states.link[node] !== link;
    states.kind[node] = kind;
    states.flags[node] = flags;
    states.link[node] = link;
    return changed;
  };

  for (let i = 1; i < n; i++) recompute(i);

  return {
    states,
    update(statuses, onChanged) {
      let dirtyCount = 0;
      let countsChanged = false;
      for (let j = 0; j < e; j++) {
        const s = statuses.get(layout.endpointIds[j]!);
        if (s === seen[j]) continue;
        seen[j] = s;
        const k = kindCode(s);
        const inCall = inCallNow(s) ? 1 : 0;
        if (states.epKind[j] !== k || states.epInCall[j] !== inCall) countsChanged = true;
        states.epKind[j] = k;
        states.epInCall[j] = inCall;
        const node = layout.endpointNode[j]!;
        if (!dirty[node]) {
          dirty[node] = 1;
          dirtyList[dirtyCount++] = node;
        }
      }
      let changed = 0;
      for (let k = 0; k < dirtyCount; k++) {
        const node = dirtyList[k]!;
        dirty[node] = 0;
        if (recompute(node)) {
          changed++;
          onChanged?.(node);
        }
      }
      if (countsChanged || changed > 0) states.version++;
      return changed;
    },
  };
}

/** Whether a node needs the operator's attention (report by exception). */
export function isProblem(kind: number): boolean {
  return kind === K_DOWN || kind === K_DEGRADED || kind === K_STALE || kind === K_UNREACHABLE;
}
