import type { PollFailureKind, PollResult } from '../../../shared/monitoring.js';
import type { PollSample } from '../snmp/types.js';

/**
 * The kind of a poll's error (endpoint-session.ts classifyError words them): a closed set, so it
 * can be counted and shown as a label; the text itself, which may quote the library, is logged.
 */
export function failureKind(error: string): PollFailureKind {
  if (error === 'timeout') return 'timeout';
  if (/^(authentication failed|decryption failed|not in time window|community mismatch)/.test(error)) return 'auth';
  if (error === 'unresolvable host') return 'unresolvable_host';
  if (error === 'unreachable host') return 'unreachable_host';
  if (error === 'malformed response' || error === 'protocol error') return 'malformed';
  if (error.startsWith('agent error')) return 'agent_error';
  return 'other';
}

interface Entry {
  at: string;
  durationMs: number;
  answered: boolean;
  failure: PollFailureKind | null;
  failures: Partial<Record<PollFailureKind, number>>;
}

/** Each codec's last poll and its failures by kind since start: one small record per codec. */
export class PollResults {
  private readonly entries = new Map<string, Entry>();

  note(endpointId: string, sample: PollSample): void {
    const end = Date.parse(sample.at);
    const start = Date.parse(sample.sentAt ?? sample.at);
    const failure = sample.error === null ? null : failureKind(sample.error);
    const entry = this.entries.get(endpointId) ?? { at: sample.at, durationMs: 0, answered: false, failure: null, failures: {} };
    entry.at = sample.at;
    entry.durationMs = Number.isFinite(end - start) ? Math.max(0, end - start) : 0;
    entry.answered = sample.answered;
    entry.failure = failure;
    if (failure) entry.failures[failure] = (entry.failures[failure] ?? 0) + 1;
    this.entries.set(endpointId, entry);
  }

  /** Keep only these codecs (after an inventory change). */
  retain(endpointIds: ReadonlySet<string>): void {
    for (const id of [...this.entries.keys()]) if (!endpointIds.has(id)) this.entries.delete(id);
  }

  list(): PollResult[] {
    return [...this.entries].map(([endpointId, e]) => ({ endpointId, at: e.at, durationMs: e.durationMs, answered: e.answered, failure: e.failure, failures: { ...e.failures } }));
  }
}
