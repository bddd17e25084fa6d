import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { CREDENTIALS, watch, type Watched } from './harness.js';
import { lastSubscriptions, startFakeCms, type FakeCms } from './fake-cms.js';

// Events frames a CMS (or something in between) could send that the simulator does not: ids out of
// order or repeated, binary frames, junk envelopes, silence, a socket that stops answering pings.

let fake: FakeCms;
let w: Watched;

afterEach(async () => {
  await w?.driver.destroy();
  await fake?.close();
});

/** Connect, get one call listed and its roster subscribed; returns the server-side socket. */
async function connected(options: Parameters<typeof watch>[0] = {}, answerPings = true): Promise<WebSocket> {
  fake = await startFakeCms({ answerPings });
  w = watch(options);
  const socket = fake.nextSocket();
  w.driver.init({ url: fake.url, ...CREDENTIALS });
  const ws = await socket;
  await w.until('ok', () => w.driver.status().state === 'ok');
  fake.message(ws, 1, 'callListUpdate', { subscriptionIndex: 1, updates: [{ call: 'c1', updateType: 'add', name: 'Hội nghị', participants: 1 }] });
  await w.until('roster subscribed', () => lastSubscriptions(fake).some((s) => s.type === 'callRoster' && s.call === 'c1'));
  return ws;
}

const rosterIndex = (): number => lastSubscriptions(fake).find((s) => s.call === 'c1')!.index;
const p1 = () => w.driver.conferences()[0]?.participants.find((p) => p.id === 'p1');

describe('events bad input', () => {
  it('acks everything, drops duplicate ids, processes out-of-order ids as received', async () => {
    const ws = await connected();
    const roster = (id: number, updates: unknown[]) => fake.message(ws, id, 'rosterUpdate', { subscriptionIndex: rosterIndex(), updates });
    roster(12, [{ participant: 'p1', updateType: 'add', name: 'Ba Bể', uri: 'babe@x', state: 'connected', audioMuted: false }]);
    roster(11, [{ participant: 'p1', updateType: 'update', audioMuted: true }]);
    roster(12, [{ participant: 'p2', updateType: 'add', name: 'duplicate, must not appear' }]);
    roster(13, [{ participant: 'p1', updateType: 'update', videoMuted: true }]);
    await w.until('update 13 applied', () => p1()?.videoMuted === true);
    expect(p1()).toMatchObject({ audioMuted: true, videoMuted: true });
    expect(w.driver.conferences()[0]!.participants.map((p) => p.id)).toEqual(['p1']);
    await w.until('all acked', () => fake.acksFor(13) === 1);
    expect([1, 11, 12, 13].map((id) => fake.acksFor(id))).toEqual([1, 1, 2, 1]);
    const logs = w.logs.join('\n');
    expect(logs).toMatch(/messageId 11 after 12 \(out of order\), processed as received/);
    expect(logs).toMatch(/duplicate messageId 12 \(rosterUpdate\) acked and ignored/);
  });

  it('survives junk: bad JSON, binary frames, bad envelopes, unknown types, bad bodies and fields', async () => {
    const ws = await connected();
    fake.send(ws, '{"type":"message","message":{"messageId":20,');
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    fake.send(ws, { type: 'message', message: { messageId: 21 } });
    fake.send(ws, { type: 'surprise' });
    fake.message(ws, 22, 'callInfoUpdate', { callInfo: {} });
    fake.message(ws, 23, 'rosterUpdate', { subscriptionIndex: 'two', updates: [] });
    fake.message(ws, 24, 'rosterUpdate', { subscriptionIndex: 99, updates: [] });
    fake.message(ws, 25, 'rosterUpdate', { subscriptionIndex: rosterIndex(), updates: [{ nope: true }, { participant: 'p1', updateType: 'add', name: ['x'], state: 'connected' }] });
    fake.message(ws, 26, 'callListUpdate', { subscriptionIndex: 1, updates: 'all of them' });
    await w.until('p1 listed', () => p1()?.state === 'connected');
    await w.until('acks', () => [21, 22, 23, 24, 25, 26].every((id) => fake.acksFor(id) === 1));
    expect(w.driver.status().state).toBe('ok');
    expect(w.statuses.at(-1)!.state).toBe('ok');
    const logs = w.logs.join('\n');
    for (const expected of [
      /malformed JSON/,
      /binary frame ignored/,
      /unexpected frame \(message\.type: /,
      /message type "callInfoUpdate" \(22\) acked and ignored/,
      /rosterUpdate 23 unusable: subscriptionIndex/,
      /rosterUpdate 24 for subscription 99, which is no call of ours: ignored/,
      /rosterUpdate 25: updates\[0\] dropped/,
      /participant p1: ignored name=\["x"\]/,
      /callListUpdate 26 unusable: updates/,
    ]) {
      expect(logs).toMatch(expected);
    }
  });

  it('a quiet socket that never answers pings is kept: the resubscribe checks are answered', async () => {
    const ws = await connected({ liveness: { probeAfterMs: 100, unconfirmedAfterMs: 250, deadAfterMs: 600 } }, false);
    const statusFrom = w.statuses.length;
    const pings: number[] = [];
    ws.on('ping', () => pings.push(Date.now()));
    const subscribes = () => fake.received.filter((f) => f.message?.type === 'subscribeRequest').length;
    const before = subscribes();
    await new Promise((r) => setTimeout(r, 1500));
    expect(pings.length).toBeGreaterThanOrEqual(3);
    expect(subscribes() - before).toBeGreaterThanOrEqual(3);
    expect(w.statuses.slice(statusFrom)).toEqual([]);
    expect(w.driver.status()).toMatchObject({ state: 'ok', unconfirmed: false });
    expect(fake.tokensIssued).toBe(1);
    expect(fake.sockets).toHaveLength(1);
  });

  it('a half-open socket (nothing answered): rosters unconfirmed first, then dropped and replaced', async () => {
    const ws = await connected({ liveness: { probeAfterMs: 100, unconfirmedAfterMs: 250, deadAfterMs: 600 } }, false);
    fake.ackSubscribes = false;
    const silentFrom = Date.now();
    const next = fake.nextSocket();
    await w.until('unconfirmed', () => w.driver.status().unconfirmed === true, 2000);
    expect(Date.now() - silentFrom).toBeLessThan(600);
    expect(w.driver.status()).toMatchObject({ state: 'ok', unconfirmed: true });
    expect(w.driver.status().message).toMatch(/^no sign of life from 127\.0\.0\.1:\d+ since \d\d:\d\d:\d\d; checking$/);
    await w.until('disconnected', () => w.driver.status().state === 'disconnected', 2000);
    expect(w.driver.status().message).toMatch(/^no sign of life from the events socket for 1 s, checks unanswered \(half-open connection\); retrying in/);
    fake.ackSubscribes = true;
    await next;
    expect(fake.tokensIssued).toBe(2);
    expect(w.driver.conferences()[0]).toMatchObject({ rosterKnown: false, participants: [] });
    ws.terminate();
  });

  it('no answer to the subscription: the socket is given up and retried', async () => {
    fake = await startFakeCms();
    fake.ackSubscribes = false;
    w = watch({ requestTimeoutMs: 300 });
    w.driver.init({ url: fake.url, ...CREDENTIALS });
    await w.until('disconnected', () => w.driver.status().state === 'disconnected');
    expect(w.driver.status().message).toMatch(/^no answer to subscribeRequest within 0.3 s; retrying in/);
    expect(w.statuses.some((s) => s.state === 'ok')).toBe(false);
  });

  it('a refused upgrade (token not accepted) retries with a new token', async () => {
    fake = await startFakeCms();
    fake.refuseUpgrade = 401;
    w = watch();
    w.driver.init({ url: fake.url, ...CREDENTIALS });
    await w.until('two tokens', () => fake.tokensIssued >= 2);
    expect(w.statuses.find((s) => s.state === 'disconnected')!.message).toMatch(/Unexpected server response: 401/);
    fake.refuseUpgrade = 0;
    await w.until('ok', () => w.driver.status().state === 'ok');
  });

  it('calls that ended while away disappear: by the first call list, or by silence', async () => {
    const ws = await connected({ callListGraceMs: 200 });
    fake.message(ws, 2, 'rosterUpdate', { subscriptionIndex: rosterIndex(), updates: [{ participant: 'p1', updateType: 'add', name: 'A' }] });
    await w.until('p1', () => p1() !== undefined);
    const next = fake.nextSocket();
    ws.terminate();
    const ws2 = await next;
    await w.until('ok again', () => w.driver.status().state === 'ok');
    expect(w.driver.conferences()).toMatchObject([{ id: 'c1', rosterKnown: false, participants: [] }]);
    await w.until('given up waiting for a call list', () => w.driver.conferences().length === 0);
    expect(w.logs.join('\n')).toMatch(/no call list within 200 ms of subscribing: taking it as no calls/);
    fake.message(ws2, 1, 'callListUpdate', { subscriptionIndex: 1, updates: [{ call: 'c2', updateType: 'add', name: 'New' }] });
    await w.until('c2', () => w.driver.conferences()[0]?.id === 'c2');
  });
});
