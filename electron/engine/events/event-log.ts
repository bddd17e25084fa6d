import type { EngineEvent } from '../../../shared/events.js';

type NewEvent = Omit<EngineEvent, 'id' | 'at'> & { readonly at?: string };

/** A bounded, in-memory log of recent events (newest kept), with live listeners. */
export class EventLog {
  private readonly ring: EngineEvent[] = [];
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private nextId = 1;

  constructor(
    private readonly capacity = 2000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(event: NewEvent): EngineEvent {
    const e: EngineEvent = { ...event, id: this.nextId++, at: event.at ?? this.now().toISOString() };
    this.ring.push(e);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        console.error('bridgepoint: event listener failed:', err);
      }
    }
    return e;
  }

  /** Newest first, optionally for one endpoint or site. */
  list(filter: { endpointId?: string; siteId?: string; limit?: number } = {}): EngineEvent[] {
    const out: EngineEvent[] = [];
    const limit = filter.limit ?? 100;
    for (let i = this.ring.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.ring[i]!;
      if (filter.endpointId && e.endpointId !== filter.endpointId) continue;
      if (filter.siteId && e.siteId !== filter.siteId) continue;
      out.push(e);
    }
    return out;
  }

  onEvent(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
