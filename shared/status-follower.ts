import type { EndpointStatus, StatusDelta, StatusEvent, StatusSnapshot } from './status.js';

/**
 * Client side of the status stream: applies a snapshot, then deltas in order. A delta that skips
 * a sequence number means batches were lost, so the follower asks for a fresh snapshot and ignores
 * deltas until it arrives. Deltas already contained in the snapshot are dropped.
 */
export interface StatusFollowerSink {
  reset(statuses: readonly EndpointStatus[]): void;
  apply(updates: readonly EndpointStatus[], removed: readonly string[]): void;
  /** The inventory's version, from a snapshot or a delta that carries one. */
  network?(version: string): void;
}

export interface StatusFollower {
  receive(event: StatusEvent): void;
  readonly lastSeq: number | null;
  readonly gaps: number;
}

export function createStatusFollower(
  sink: StatusFollowerSink,
  fetchSnapshot: () => Promise<StatusSnapshot>,
): StatusFollower {
  let lastSeq: number | null = null;
  let resyncing = false;
  let gaps = 0;

  const takeSnapshot = (s: StatusSnapshot): void => {
    if (lastSeq !== null && s.seq < lastSeq && !resyncing) return; // older than what we hold
    lastSeq = s.seq;
    resyncing = false;
    sink.reset(s.statuses);
    if (s.network !== undefined) sink.network?.(s.network);
  };

  const resync = (): void => {
    if (resyncing) return;
    resyncing = true;
    gaps += 1;
    fetchSnapshot().then(takeSnapshot, () => {
      resyncing = false;
      lastSeq = null; // the next delta triggers another attempt
    });
  };

  const takeDelta = (d: StatusDelta): void => {
    if (resyncing) return;
    if (lastSeq === null) return resync();
    if (d.seq <= lastSeq) return; // already in the snapshot
    if (d.seq !== lastSeq + 1) return resync();
    lastSeq = d.seq;
    sink.apply(d.updates, d.removed);
    if (d.network !== undefined) sink.network?.(d.network);
  };

  return {
    receive: (e) => (e.kind === 'snapshot' ? takeSnapshot(e) : takeDelta(e)),
    get lastSeq() {
      return lastSeq;
    },
    get gaps() {
      return gaps;
    },
  };
}
