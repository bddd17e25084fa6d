import { afterEach, describe, expect, it } from 'vitest';
import { startCmsSimulator, type CmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';
import { CODECS, conference, CREDENTIALS, rosterReady, watch, type Watched } from './harness.js';

// Issue 14 item 6 against the CMS simulator: a quiet MCU that ignores pings is never dropped; a
// half-open events socket has its rosters marked unconfirmed within 10 s and is then replaced; a
// roster frame over the size cap backs off (doubling) instead of looping, and says so.

let sim: CmsSimulator;
let w: Watched | null = null;

afterEach(async () => {
  await w?.driver.destroy();
  w = null;
  await sim?.close();
});

async function start(participants: readonly string[] = ['ba-be', 'pac-nam', 'na-ri']): Promise<void> {
  sim = await startCmsSimulator({
    port: 0, ...CREDENTIALS, codecs: CODECS, answerDelayMs: 50, speakerIntervalMs: 600_000,
    initialConferences: [{ name: 'Họp trực tuyến', participants }],
  });
}

describe('liveness', () => {
  it('a quiet, healthy MCU that ignores pings is never dropped and stays confirmed', async () => {
    await start();
    w = watch({ liveness: { probeAfterMs: 100, unconfirmedAfterMs: 250, deadAfterMs: 600 } });
    w.driver.init({ url: sim.url, ...CREDENTIALS });
    await w.until('the roster', rosterReady(w, 3));
    sim.faults.ignorePings(true);
    const statusFrom = w.statuses.length;
    await new Promise((r) => setTimeout(r, 2000)); // > 3 × deadAfterMs of quiet
    expect(w.statuses.slice(statusFrom)).toEqual([]);
    expect(w.driver.status()).toMatchObject({ state: 'ok', unconfirmed: false });
    expect(sim.events().sockets).toBe(1);
    expect(conference(w)).toMatchObject({ rosterKnown: true });
  });

  it('a half-open socket: unconfirmed within 10 s of the last sign of life (default settings), then replaced', { timeout: 30_000 }, async () => {
    await start();
    w = watch({ liveness: {} }); // the driver's defaults: check at 4 s, unconfirmed at 7 s, dropped at 14 s
    w.driver.init({ url: sim.url, ...CREDENTIALS });
    await w.until('the roster', rosterReady(w, 3));
    const w2 = w;
    // Let an ack go out, so the last sign of life is now.
    await w2.driver.setMute(conference(w2)!.id, conference(w2)!.participants[0]!.id, { audio: true });
    await w2.until('mute seen', () => conference(w2)!.participants[0]!.audioMuted === true);
    sim.faults.halfOpen();
    const cut = Date.now();
    await w2.until('unconfirmed', () => w2.driver.status().unconfirmed === true, 10_500);
    const unconfirmedAfter = Date.now() - cut;
    expect(unconfirmedAfter).toBeLessThanOrEqual(10_000);
    expect(unconfirmedAfter).toBeGreaterThanOrEqual(6_500);
    const status = w2.driver.status();
    expect(status.state).toBe('ok');
    expect(Date.parse(status.lastHeardAt!)).toBeLessThanOrEqual(cut + 50);
    await w2.until('dropped', () => w2.driver.status().state !== 'ok', 8_000);
    const droppedAfter = Date.now() - cut;
    expect(w2.statuses.some((s) => s.state === 'disconnected' && /^no sign of life from the events socket for 1\d s, checks unanswered \(half-open connection\)/.test(s.message))).toBe(true);
    await w2.until('replaced and live again', rosterReady(w2, 3), 5_000);
    expect(w2.driver.status()).toMatchObject({ state: 'ok', unconfirmed: false });
    console.log(`half-open: unconfirmed after ${unconfirmedAfter} ms, dropped after ${droppedAfter} ms, live again after ${Date.now() - cut} ms`);
  });
});

describe('a roster frame over the size cap', () => {
  it('backs off doubling instead of looping, shows frame_too_large, and recovers once a roster can be read', async () => {
    await start();
    w = watch({ maxFrameBytes: 700, random: () => 1, backoff: { initialMs: 20, maxMs: 40, stalledMaxMs: 320 } });
    const wf = w;
    wf.driver.init({ url: sim.url, ...CREDENTIALS });
    await wf.until('six failed connections', () => wf.logs.filter((l) => /events connection ended: frame larger than 700 bytes/.test(l)).length >= 6, 8000);
    const delays = wf.logs.filter((l) => /frame from the MCU was larger/.test(l)).map((l) => Number(/retrying in (\d+) ms/.exec(l)![1]));
    expect(delays.slice(0, 6)).toEqual([20, 40, 80, 160, 320, 320]);
    const failing = wf.driver.status();
    expect(failing).toMatchObject({ problem: 'frame_too_large' });
    expect(['disconnected', 'connecting']).toContain(failing.state);
    const firstFailure = wf.statuses.findIndex((s) => s.problem === 'frame_too_large');
    expect(wf.statuses.slice(firstFailure).some((s) => s.state === 'ok')).toBe(false);
    const down = wf.statuses.find((s) => s.state === 'disconnected' && s.problem === 'frame_too_large')!;
    expect(down.message).toMatch(/^an events frame from the MCU was larger than the driver's limit \(700 bytes\): rosters cannot be read; retrying in 1 s$/);
    expect(down.retryAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The call ends: nothing too large to read any more, so the next connection completes.
    const res = await fetch(`${sim.url}/api/v1/calls/${sim.calls()[0]!.id}`, { method: 'DELETE', headers: { authorization: `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}` } });
    expect(res.status).toBe(200);
    await wf.until('ok with no problem', () => wf.driver.status().state === 'ok', 3000);
    expect(wf.driver.status()).toMatchObject({ problem: null, retryAt: null });
    expect(wf.logs.join('\n')).toMatch(/complete roster read: frame_too_large cleared/);
  });
});
