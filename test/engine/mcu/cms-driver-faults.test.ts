import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCmsSimulator, type CmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';
import { CODECS, conference, CREDENTIALS, participantByUri, rosterReady, watch, type Watched } from './harness.js';

// Every fault the simulator can play, one driver living through all of them.

let sim: CmsSimulator;
let w: Watched;

beforeAll(async () => {
  sim = await startCmsSimulator({
    port: 0,
    ...CREDENTIALS,
    codecs: CODECS,
    answerDelayMs: 50,
    speakerIntervalMs: 60_000,
    // Short-lived tokens: reconnecting with an old one would be refused (401 on the upgrade).
    tokenTtlMs: 300,
    initialConferences: [{ name: 'Họp trực tuyến', participants: ['ba-be', 'pac-nam', 'na-ri'] }],
  });
  w = watch({ requestTimeoutMs: 1500 });
  w.driver.init({ url: sim.url, ...CREDENTIALS });
  await w.until('the roster', rosterReady(w, 3));
});

afterEach(() => sim.faults.reset());
beforeEach(() => w.until('connected with the roster', rosterReady(w, 3), 5000));

afterAll(async () => {
  await w?.driver.destroy();
  await sim?.close();
});

const conf = () => conference(w)!;
const babe = () => participantByUri(conf(), 'babe')!;

describe('faults', () => {
  it('dropSockets: disconnected, then reconnects with a fresh token; roster unknown until it is resent', async () => {
    await new Promise((r) => setTimeout(r, 400)); // the first token has expired by now
    const from = w.emissions.length;
    const statusFrom = w.statuses.length;
    sim.faults.dropSockets();
    await w.until('disconnected', () => w.statuses.slice(statusFrom).some((s) => s.state === 'disconnected'));
    await w.until('ok again with the roster', rosterReady(w, 3));
    const after = w.emissions.slice(from);
    const firstUnknown = after.findIndex((list) => list[0]?.rosterKnown === false);
    expect(firstUnknown).toBeGreaterThanOrEqual(0);
    // Never old data as live: while unknown, the roster is empty.
    expect(after[firstUnknown]![0]!.participants).toEqual([]);
    expect(after.slice(firstUnknown).some((list) => list[0]?.rosterKnown === true)).toBe(true);
    expect(w.statuses.slice(statusFrom).map((s) => s.state)).toEqual(expect.arrayContaining(['disconnected', 'connecting', 'ok']));
    expect(w.statuses.find((s, i) => i >= statusFrom && s.state === 'disconnected')!.message).toMatch(/events socket closed \(1006\); retrying in 1 s/);
    // Still fully usable.
    await w.driver.setMute(conf().id, babe().id, { audio: true });
    await w.until('muted after the reconnect', () => babe().audioMuted === true);
  });

  it('refuseTokens: auth_failed (slow retry), actions fail fast, then it recovers by itself', async () => {
    const [conferenceId, participantId] = [conf().id, babe().id];
    sim.faults.refuseTokens(true);
    sim.faults.dropSockets();
    await w.until('auth_failed', () => w.driver.status().state === 'auth_failed');
    expect(w.driver.status().message).toMatch(/^401 from POST \/api\/v1\/authTokens; retrying in 1 s$/);
    await expect(w.driver.setMute(conferenceId, participantId, { audio: false })).rejects.toThrow(/^MCU not connected \(credentials refused since \d\d:\d\d:\d\d; retrying in 1 s\)$/);
    expect(conf()).toMatchObject({ id: conferenceId, rosterKnown: false, participants: [] });
    sim.faults.refuseTokens(false);
    await w.until('ok again', rosterReady(w, 3), 3000);
  });

  it('slowReplies: actions still complete within their timeout', async () => {
    sim.faults.slowReplies(300);
    const started = Date.now();
    await w.driver.setMute(conf().id, babe().id, { video: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await w.until('video muted', () => babe().videoMuted === true);
  });

  it('slowReplies beyond the timeout: the action fails clearly, the connection stays', async () => {
    sim.faults.slowReplies(2500);
    const started = Date.now();
    await expect(w.driver.setParticipantLayout(conf().id, babe().id, 'stacked')).rejects.toThrow(/^MCU did not answer (GET|PUT) \/api\/v1\/.+ within 1\.5 s$/);
    expect(Date.now() - started).toBeLessThan(2400);
    expect(w.driver.status().state).toBe('ok');
  });

  it('malformedMessages: logged and acked, the connection survives and stays in step', async () => {
    const logFrom = w.logs.length;
    const statusFrom = w.statuses.length;
    sim.faults.malformedMessages(6);
    for (const [audio, video] of [[true, false], [false, false], [true, true]] as const) {
      await w.driver.setMute(conf().id, babe().id, { audio, video });
      await w.until(`audio ${audio} video ${video}`, () => babe().audioMuted === audio && babe().videoMuted === video);
    }
    const logs = w.logs.slice(logFrom).join('\n');
    expect(logs).toMatch(/malformed JSON/);
    expect(logs).toMatch(/message type "simulatorUnknownEvent" \(\d+\) acked and ignored/);
    expect(logs).toMatch(/duplicate messageId \d+ \(rosterUpdate\) acked and ignored/);
    expect(w.statuses.slice(statusFrom)).toEqual([]);
    // Every message was acknowledged (the simulator closes a socket that leaves messages unacked).
    await w.until('no unacked messages', () => sim.events().unacked === 0);
    expect(sim.events().sockets).toBe(1);
  });
});

describe('oversized frames', () => {
  it('are refused by the socket (logged), which reconnects; the driver never crashes', async () => {
    const small = watch({ maxFrameBytes: 200 });
    small.driver.init({ url: sim.url, ...CREDENTIALS });
    await small.until('two failed connections', () => small.logs.filter((l) => /frame larger than 200 bytes/.test(l)).length >= 2);
    expect(small.driver.status().state).not.toBe('ok');
    expect(small.logs.join('\n')).toMatch(/events connection ended: frame larger than 200 bytes/);
    await small.driver.destroy();
    await w.until('the main driver unaffected', () => w.driver.status().state === 'ok');
  });
});
