import { unknownStatus, type EndpointStatus, type StatusDelta, type StatusSnapshot } from '../../../shared/status.js';

export type StatusPatch = Partial<Omit<EndpointStatus, 'endpointId' | 'siteId'>>;
type Listener = (delta: StatusDelta) => void;

/**
 * The engine's one status table, keyed by endpoint id. Changes are coalesced per endpoint (latest
 * wins) and leave as one sequence-numbered delta batch per flush, about every `flushMs`.
 */
export class StatusTable {
  private readonly rows = new Map<string, EndpointStatus>();
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly listeners = new Set<Listener>();
  private seq = 0;
  private network: string | undefined;
  private networkChanged = false;
  private timer: NodeJS.Timeout | null = null;
  private urgent: NodeJS.Immediate | null = null;

  constructor(
    private readonly flushMs = 50,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Make the table hold exactly these endpoints: new ones start unknown, gone ones are removed. */
  setEndpoints(endpoints: readonly { readonly endpointId: string; readonly siteId: string }[]): void {
    const keep = new Set<string>();
    for (const { endpointId, siteId } of endpoints) {
      keep.add(endpointId);
      const row = this.rows.get(endpointId);
      if (!row) this.put(unknownStatus(endpointId, siteId));
      else if (row.siteId !== siteId) this.put({ ...row, siteId });
    }
    for (const id of this.rows.keys()) {
      if (keep.has(id)) continue;
      this.rows.delete(id);
      this.dirty.delete(id);
      this.removed.add(id);
      this.schedule();
    }
  }

  /**
   * Merge measured fields into an endpoint's status. Unknown endpoints are ignored (returns false).
   * `urgent` (a trap) sends the batch on the next turn instead of waiting for the flush window.
   */
  update(endpointId: string, patch: StatusPatch, urgent = false): boolean {
    const row = this.rows.get(endpointId);
    if (!row) return false;
    let changed = false;
    for (const key of Object.keys(patch) as (keyof StatusPatch)[]) {
      if (key !== 'measuredAt' && key !== 'updatedAt' && row[key] !== patch[key]) changed = true;
    }
    if (!changed && !patch.measuredAt) return true;
    this.put({
      ...row,
      ...patch,
      measuredAt: { ...row.measuredAt, ...patch.measuredAt },
      updatedAt: changed ? (patch.updatedAt ?? this.now().toISOString()) : row.updatedAt,
    });
    if (urgent && changed) this.flushSoon();
    return true;
  }

  /** The running inventory's version: a change goes out at once, in a delta of its own if need be. */
  setNetwork(version: string): void {
    if (version === this.network) return;
    this.network = version;
    this.networkChanged = true;
    this.flush();
  }

  get(endpointId: string): EndpointStatus | undefined {
    return this.rows.get(endpointId);
  }

  get size(): number {
    return this.rows.size;
  }

  /** Everything, with the seq of the last delta already contained (pending changes are flushed first). */
  snapshot(): StatusSnapshot {
    this.flush();
    return { kind: 'snapshot', seq: this.seq, statuses: [...this.rows.values()], ...(this.network !== undefined ? { network: this.network } : {}) };
  }

  onDelta(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.dirty.size === 0 && this.removed.size === 0 && !this.networkChanged) return;
    const updates: EndpointStatus[] = [];
    for (const id of this.dirty) updates.push(this.rows.get(id)!);
    const delta: StatusDelta = { kind: 'delta', seq: ++this.seq, updates, removed: [...this.removed], ...(this.networkChanged && this.network !== undefined ? { network: this.network } : {}) };
    this.networkChanged = false;
    this.dirty.clear();
    this.removed.clear();
    for (const l of this.listeners) {
      try {
        l(delta);
      } catch (e) {
        // One broken subscriber (a dead socket, a bug) must not starve the others.
        console.error('bridgepoint: status listener failed:', e);
      }
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.urgent) clearImmediate(this.urgent);
    this.timer = null;
    this.urgent = null;
    this.listeners.clear();
  }

  private put(row: EndpointStatus): void {
    this.rows.set(row.endpointId, row);
    this.removed.delete(row.endpointId);
    this.dirty.add(row.endpointId);
    this.schedule();
  }

  private flushSoon(): void {
    if (this.urgent) return;
    this.urgent = setImmediate(() => {
      this.urgent = null;
      this.flush();
    });
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.flushMs);
    this.timer.unref?.();
  }
}
