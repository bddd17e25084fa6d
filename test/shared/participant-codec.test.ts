import { describe, expect, it } from 'vitest';
import { codecState, participantCodec } from '../../shared/participant-codec.js';
import { DEFAULT_DEGRADED_THRESHOLDS } from '../../shared/status-derivation.js';
import { unknownStatus, type EndpointStatus } from '../../shared/status.js';

const T0 = '2026-12-07T00:00:00.000Z';
const T1 = '2026-12-07T00:00:05.000Z';
const T2 = '2026-12-07T00:00:09.000Z';

function status(over: Partial<EndpointStatus> = {}): EndpointStatus {
  return {
    ...unknownStatus('ep-1', 'site-1'),
    reachability: 'up',
    inCall: true,
    micMuted: false,
    packetLossPct: 0.2,
    jitterMs: 12,
    latencyMs: 40,
    measuredAt: { reachability: T2, packetLossPct: T1, jitterMs: T2, latencyMs: T0, micMuted: T2 },
    ...over,
  };
}

const connected = { endpointId: 'ep-1', state: 'connected' as const };

describe('codecState', () => {
  it('is none for a participant that is not one of our codecs, unknown before any status', () => {
    expect(codecState(status(), null)).toBe('none');
    expect(codecState(undefined, 'ep-1')).toBe('unknown');
    expect(codecState(null, 'ep-1')).toBe('unknown');
  });

  it('follows reachability, with stale over up', () => {
    expect(codecState(status(), 'ep-1')).toBe('up');
    expect(codecState(status({ stale: true }), 'ep-1')).toBe('stale');
    expect(codecState(status({ reachability: 'down' }), 'ep-1')).toBe('down');
    expect(codecState(status({ reachability: 'down', stale: true }), 'ep-1')).toBe('down');
    expect(codecState(status({ reachability: 'unreachable' }), 'ep-1')).toBe('unreachable');
    expect(codecState(status({ reachability: 'unknown' }), 'ep-1')).toBe('unknown');
  });
});

describe('participantCodec: the flag', () => {
  it('flags a connected participant whose codec is down, unreachable or stale', () => {
    expect(participantCodec(connected, status({ reachability: 'down' })).flag).toBe('down');
    expect(participantCodec(connected, status({ reachability: 'unreachable' })).flag).toBe('unreachable');
    expect(participantCodec(connected, status({ stale: true })).flag).toBe('stale');
  });

  it('flags every present state (ringing, on hold, starting), not only connected', () => {
    for (const state of ['initial', 'ringing', 'onHold'] as const) {
      expect(participantCodec({ endpointId: 'ep-1', state }, status({ reachability: 'down' })).flag).toBe('down');
    }
  });

  it('does not flag a codec that is up, unknown or not ours, nor a participant that has left', () => {
    expect(participantCodec(connected, status()).flag).toBeNull();
    expect(participantCodec(connected, status({ reachability: 'unknown' })).flag).toBeNull();
    expect(participantCodec(connected, undefined).flag).toBeNull();
    expect(participantCodec({ endpointId: null, state: 'connected' }, undefined).flag).toBeNull();
    expect(participantCodec({ endpointId: 'ep-1', state: 'disconnected' }, status({ reachability: 'down' })).flag).toBeNull();
  });

  it('says when the verdict was reached', () => {
    expect(participantCodec(connected, status({ reachability: 'down' })).since).toBe(T2);
    expect(participantCodec(connected, status({ measuredAt: {} })).since).toBeNull();
  });
});

describe('participantCodec: figures', () => {
  it('gives loss, jitter and latency in order with their own measurement times', () => {
    const c = participantCodec(connected, status());
    expect(c.metrics.map((m) => [m.metric, m.value, m.measuredAt])).toEqual([
      ['packetLossPct', 0.2, T1],
      ['jitterMs', 12, T2],
      ['latencyMs', 40, T0],
    ]);
    expect(c.metrics.every((m) => !m.over && !m.old)).toBe(true);
    expect(c.over).toEqual([]);
  });

  it('the group age is the oldest figure shown', () => {
    expect(participantCodec(connected, status()).figuresAt).toBe(T0);
    expect(participantCodec(connected, status({ latencyMs: null })).figuresAt).toBe(T1);
  });

  it('marks each figure strictly past the status derivation thresholds', () => {
    const { packetLossPct, jitterMs, latencyMs } = DEFAULT_DEGRADED_THRESHOLDS;
    const at = participantCodec(connected, status({ packetLossPct, jitterMs, latencyMs }));
    expect(at.over).toEqual([]);
    const past = participantCodec(connected, status({ packetLossPct: packetLossPct + 0.01, jitterMs: jitterMs + 0.1, latencyMs: latencyMs + 1 }));
    expect(past.over).toEqual(['packetLossPct', 'jitterMs', 'latencyMs']);
    expect(past.metrics.map((m) => m.over)).toEqual([true, true, true]);
    const onlyJitter = participantCodec(connected, status({ jitterMs: 80 }));
    expect(onlyJitter.over).toEqual(['jitterMs']);
  });

  it('takes other thresholds when given', () => {
    const c = participantCodec(connected, status({ latencyMs: 120 }), { packetLossPct: 5, jitterMs: 50, latencyMs: 100 });
    expect(c.over).toEqual(['latencyMs']);
  });

  it('never marks or dates an unmeasured figure, and ignores non-finite values', () => {
    const c = participantCodec(connected, status({ packetLossPct: null, jitterMs: Number.NaN, latencyMs: Number.POSITIVE_INFINITY }));
    expect(c.metrics.map((m) => [m.value, m.measuredAt, m.over])).toEqual([
      [null, null, false],
      [null, null, false],
      [null, null, false],
    ]);
    expect(c.figuresAt).toBeNull();
  });

  it('marks the figures of a codec that is not up as old (last known, not live)', () => {
    for (const s of [status({ stale: true }), status({ reachability: 'down' }), status({ reachability: 'unreachable' }), status({ reachability: 'unknown' })]) {
      expect(participantCodec(connected, s).metrics.every((m) => m.old)).toBe(true);
    }
  });

  it('has no figures for a participant that is not ours or not yet measured', () => {
    for (const c of [participantCodec({ endpointId: null, state: 'connected' }, status()), participantCodec(connected, undefined)]) {
      expect(c.metrics.map((m) => m.value)).toEqual([null, null, null]);
      expect(c.figuresAt).toBeNull();
      expect(c.micMuted).toBeNull();
    }
  });
});

describe('participantCodec: the codec microphone', () => {
  it('is the codec’s own mute from SNMP, with its time', () => {
    expect(participantCodec(connected, status({ micMuted: true }))).toMatchObject({ micMuted: true, micAt: T2 });
    expect(participantCodec(connected, status({ micMuted: false }))).toMatchObject({ micMuted: false, micAt: T2 });
  });

  it('is unknown (null, no time) when the status has none', () => {
    expect(participantCodec(connected, status({ micMuted: null }))).toMatchObject({ micMuted: null, micAt: null });
  });
});
