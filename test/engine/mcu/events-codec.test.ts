import { describe, expect, it } from 'vitest';
import {
  ackFrame,
  callsSubscription,
  parseCallListUpdate,
  parseRosterUpdate,
  parseServerFrame,
  parseSubscriptionUpdate,
  rosterSubscription,
  subscribeRequestFrame,
} from '../../../electron/engine/mcu/cms/events-codec.js';
import { authRetryDelay, retryDelay } from '../../../electron/engine/mcu/cms/backoff.js';

describe('server frames', () => {
  it('reads a message envelope', () => {
    const f = parseServerFrame(JSON.stringify({ type: 'message', message: { messageId: 7, type: 'callListUpdate', subscriptionIndex: 1, updates: [] } }));
    expect(f).toMatchObject({ kind: 'message', messageId: 7, type: 'callListUpdate' });
    expect(f.kind === 'message' && f.message.subscriptionIndex).toBe(1);
  });

  it('reads the server acknowledging one of ours', () => {
    expect(parseServerFrame('{"type":"messageAck","messageAck":{"messageId":3,"status":"success"}}')).toEqual({ kind: 'ack', messageId: 3, status: 'success' });
  });

  it.each([
    ['truncated JSON', '{"type":"message","message":{"messageId":4,"type":"rosterUpd', null],
    ['not JSON at all', 'hello', null],
    ['JSON null', 'null', null],
    ['an array', '[1,2]', null],
    ['a message without a type', '{"type":"message","message":{"messageId":5}}', 5],
    ['a negative id', '{"type":"message","message":{"messageId":-1,"type":"x"}}', null],
    ['a string id', '{"type":"message","message":{"messageId":"5","type":"x"}}', null],
    ['a fractional id', '{"type":"message","message":{"messageId":1.5,"type":"x"}}', null],
    ['an unknown envelope type', '{"type":"bogus","message":{"messageId":9,"type":"x"}}', 9],
  ])('marks %s invalid (ackable id: %s)', (_what, text, id) => {
    const f = parseServerFrame(text);
    expect(f.kind).toBe('invalid');
    expect(f.kind === 'invalid' && f.messageId).toBe(id);
    expect(f.kind === 'invalid' && f.reason.length).toBeGreaterThan(0);
  });

  it('builds the ack for a server message', () => {
    expect(JSON.parse(ackFrame(12))).toEqual({ type: 'messageAck', messageAck: { messageId: 12, status: 'success' } });
  });
});

describe('subscriptions', () => {
  it('sends the whole list: calls and one roster per call', () => {
    const frame = JSON.parse(subscribeRequestFrame(4, [callsSubscription(1), rosterSubscription(2, 'call-a'), rosterSubscription(3, 'call-b')]));
    expect(frame.type).toBe('message');
    expect(frame.message.messageId).toBe(4);
    expect(frame.message.type).toBe('subscribeRequest');
    expect(frame.message.subscriptions.map((s: { index: number; type: string; call?: string }) => [s.index, s.type, s.call])).toEqual([
      [1, 'calls', undefined],
      [2, 'callRoster', 'call-a'],
      [3, 'callRoster', 'call-b'],
    ]);
    expect(frame.message.subscriptions[1].elements).toEqual(expect.arrayContaining(['name', 'uri', 'state', 'audioMuted', 'videoMuted', 'layout', 'activeSpeaker']));
    expect(frame.message.subscriptions[0].elements).toEqual(expect.arrayContaining(['name', 'participants']));
  });
});

describe('message bodies', () => {
  it('parses a callListUpdate and drops only the bad entries', () => {
    const r = parseCallListUpdate({
      subscriptionIndex: 1,
      updates: [{ call: 'c1', updateType: 'add', name: 'Giao ban', participants: 2 }, { call: '', updateType: 'add' }, { call: 'c2', updateType: 'explode' }, { call: 'c3', updateType: 'remove' }],
    });
    expect(typeof r).toBe('object');
    if (typeof r === 'string') return;
    expect(r.updates.map((u) => u.call)).toEqual(['c1', 'c3']);
    expect(r.problems).toHaveLength(2);
  });

  it('refuses a body without updates or index', () => {
    expect(typeof parseCallListUpdate({ updates: [] })).toBe('string');
    expect(typeof parseRosterUpdate({ subscriptionIndex: 2, updates: 'x' })).toBe('string');
  });

  it('parses a rosterUpdate keeping unknown elements for the applier', () => {
    const r = parseRosterUpdate({ subscriptionIndex: 2, updates: [{ participant: 'p1', updateType: 'update', audioMuted: true, presenter: false }] });
    if (typeof r === 'string') throw new Error(r);
    expect(r.updates[0]).toMatchObject({ participant: 'p1', updateType: 'update', audioMuted: true, presenter: false });
  });

  it('parses a subscriptionUpdate', () => {
    expect(parseSubscriptionUpdate({ subscriptions: [{ index: 2, type: 'callRoster', state: 'deactivated', call: 'x' }] })).toEqual([
      { index: 2, type: 'callRoster', state: 'deactivated', call: 'x' },
    ]);
    expect(typeof parseSubscriptionUpdate({})).toBe('string');
  });
});

describe('back-off', () => {
  const settings = { initialMs: 1000, maxMs: 30_000 };
  it('doubles from the initial delay up to the cap, jittered in the upper half', () => {
    expect([0, 1, 2, 3, 10].map((n) => retryDelay(n, settings, () => 1))).toEqual([1000, 2000, 4000, 8000, 30_000]);
    expect([0, 1, 2, 3, 10].map((n) => retryDelay(n, settings, () => 0))).toEqual([500, 1000, 2000, 4000, 15_000]);
    expect(retryDelay(1000, settings, () => 0.5)).toBe(22_500);
  });

  it('waits longer after refused credentials', () => {
    // The first five refusals in a row keep the normal pace; after that, 30 s ±20 %.
    expect([0, 1, 2, 3, 4].map((n) => authRetryDelay(n, settings, () => 1))).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect(authRetryDelay(5, settings, () => 0.5)).toBe(30_000);
    expect(authRetryDelay(9, settings, () => 0)).toBe(24_000);
    expect(authRetryDelay(5, settings, () => Number.NaN)).toBe(30_000);
  });
});

describe('default back-off', () => {
  it('never waits longer than 4 s between attempts, so a returning MCU is live within 5 s', async () => {
    const { DEFAULT_BACKOFF } = await import('../../../electron/engine/mcu/cms/backoff.js');
    for (const attempt of [0, 3, 10, 1000]) expect(retryDelay(attempt, DEFAULT_BACKOFF, () => 1)).toBeLessThanOrEqual(4000);
  });
});
