import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCmsSimulator, type CmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';
import { McuActionError } from '../../../electron/engine/mcu/mcu-driver.js';
import type { CmsMcuDriver } from '../../../electron/engine/mcu/cms/cms-driver.js';
import { CODECS, conference, CREDENTIALS, participantByUri, rosterReady, watch, type Watched } from './harness.js';

// The driver against the CMS simulator: connect, conferences with rosters, and every action with
// its result coming back through the events WebSocket.

let sim: CmsSimulator;
let w: Watched;

beforeAll(async () => {
  sim = await startCmsSimulator({
    port: 0,
    ...CREDENTIALS,
    codecs: CODECS,
    answerDelayMs: 50,
    speakerIntervalMs: 60_000,
    initialConferences: [{ name: 'Giao ban tỉnh Bắc Kạn', participants: ['ba-be', 'pac-nam'] }],
  });
  w = watch();
  w.driver.init({ url: sim.url, ...CREDENTIALS });
  await w.until('the roster', rosterReady(w, 2));
});

afterAll(async () => {
  await w?.driver.destroy();
  await sim?.close();
});

const conf = () => conference(w)!;
const babe = () => participantByUri(conf(), 'babe')!;

describe('CMS driver against the simulator', () => {
  it('connects (connecting → ok) and lists the running conference with its roster', () => {
    expect(w.statuses.map((s) => s.state).slice(0, 2)).toEqual(['connecting', 'ok']);
    expect(w.driver.status()).toMatchObject({ state: 'ok', message: expect.stringContaining('connected to 127.0.0.1') });
    const c = conf();
    expect(c).toMatchObject({ name: 'Giao ban tỉnh Bắc Kạn', rosterKnown: true, layout: 'automatic' });
    expect(c.participants.map((p) => [p.name, p.uri, p.state]).sort()).toEqual([
      ['UBND huyện Ba Bể', 'babe@vc.backan.gov.vn', 'connected'],
      ['UBND huyện Pác Nặm', 'pacnam@vc.backan.gov.vn', 'connected'],
    ]);
    expect(babe()).toMatchObject({ audioMuted: false, videoMuted: false });
    // The ids are the MCU's participant ids, not its call-leg ids.
    const simCall = sim.calls()[0]!;
    expect(c.id).toBe(simCall.id);
    expect(c.participants.map((p) => p.id).sort()).toEqual(simCall.participants.map((p) => p.id).sort());
  });

  it('emits status only on change, and whole conference lists', () => {
    for (let i = 1; i < w.statuses.length; i++) expect(w.statuses[i]).not.toEqual(w.statuses[i - 1]);
    expect(w.emissions.at(-1)).toBe(w.driver.conferences());
  });

  it('mutes audio, then video: the change comes back as a roster update', async () => {
    await w.driver.setMute(conf().id, babe().id, { audio: true });
    await w.until('audio muted', () => babe().audioMuted === true);
    expect(sim.calls()[0]!.participants.find((p) => p.uri.includes('babe'))).toMatchObject({ audioMuted: true, videoMuted: false });
    await w.driver.setMute(conf().id, babe().id, { video: true, audio: false });
    await w.until('video muted, audio back', () => babe().videoMuted === true && babe().audioMuted === false);
  });

  it('sets one participant\'s layout, then the whole call\'s (which reaches that participant too)', async () => {
    await w.driver.setParticipantLayout(conf().id, babe().id, 'speakerOnly');
    await w.until('babe in speakerOnly', () => babe().layout === 'speakerOnly');
    expect(conf().layout).toBeNull();
    await w.driver.setConferenceLayout(conf().id, 'onePlusFive');
    await w.until('everyone in onePlusFive', () => conf().participants.every((p) => p.layout === 'onePlusFive'));
    expect(conf().layout).toBe('onePlusFive');
  });

  it('dials an endpoint out: it appears, rings and connects', async () => {
    const { participantId } = await w.driver.dialOut(conf().id, CODECS[2].uri);
    expect(participantId).toMatch(/^[0-9a-f-]{36}$/);
    await w.until('Chợ Đồn connected', () => conf().participants.find((p) => p.id === participantId)?.state === 'connected');
    expect(participantByUri(conf(), 'chodon')).toMatchObject({ id: participantId, name: 'UBND huyện Chợ Đồn' });
  });

  it('mutes everyone but the chair in one request, then unmutes them', async () => {
    const driver = w.driver as CmsMcuDriver;
    const others = () => conf().participants.filter((p) => p.id !== babe().id);
    await driver.setMuteAll(conf().id, { audio: true }, [babe().id]);
    await w.until('all but Ba Bể muted', () => others().every((p) => p.audioMuted === true));
    expect(others()).toHaveLength(2);
    expect(babe().audioMuted).toBe(false);
    await driver.setMuteAll(conf().id, { audio: false });
    await w.until('all unmuted', () => conf().participants.every((p) => p.audioMuted === false));
    await expect(driver.setMuteAll(conf().id, {})).rejects.toThrow(/Nothing to change/);
  });

  it('disconnects a participant', async () => {
    const target = participantByUri(conf(), 'chodon')!;
    await w.driver.disconnect(conf().id, target.id);
    await w.until('Chợ Đồn gone', () => participantByUri(conf(), 'chodon') === undefined);
    expect(sim.calls()[0]!.participants).toHaveLength(2);
  });

  it('refuses unknown participants, conferences, layouts and empty mutes clearly', async () => {
    const c = conf();
    await expect(w.driver.setMute(c.id, 'no-such-participant', { audio: true })).rejects.toThrow(/Unknown participant no-such-participant in conference "Giao ban/);
    await expect(w.driver.disconnect(c.id, 'no-such-participant')).rejects.toBeInstanceOf(McuActionError);
    await expect(w.driver.setMute('no-such-call', babe().id, { audio: true })).rejects.toThrow('Unknown conference no-such-call');
    await expect(w.driver.endConference('no-such-call')).rejects.toThrow('Unknown conference no-such-call');
    await expect(w.driver.setParticipantLayout(c.id, babe().id, 'mosaic' as never)).rejects.toThrow('Unknown layout "mosaic"');
    await expect(w.driver.setConferenceLayout(c.id, '' as never)).rejects.toThrow(/Unknown layout/);
    await expect(w.driver.setMute(c.id, babe().id, {})).rejects.toThrow(/Nothing to change/);
    await expect(w.driver.dialOut(c.id, '  ')).rejects.toThrow(/Invalid address/);
    await expect(w.driver.dialOut(c.id, 'sip:a b@c')).rejects.toThrow(/Invalid address/);
  });

  it('a participant the MCU no longer has (roster not caught up) fails with the MCU\'s reason', async () => {
    const c = conf();
    const simP = sim.calls()[0]!.participants.find((p) => p.uri.includes('pacnam'))!;
    // Remove it behind the driver's back: the REST lookup of its call legs answers 404.
    const res = await fetch(`${sim.url}/api/v1/callLegs/${simP.legId}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}` },
    });
    expect(res.status).toBe(200);
    const err = await w.driver.setMute(c.id, simP.id, { audio: true }).catch((e: unknown) => e);
    if (participantByUri(conf(), 'pacnam')) {
      // The roster update had not arrived yet: the MCU's 404 is what the operator sees.
      expect(err).toMatchObject({ name: 'McuActionError', status: 404 });
    } else {
      expect(String(err)).toMatch(/Unknown participant/);
    }
    await w.until('Pác Nặm gone', () => participantByUri(conf(), 'pacnam') === undefined);
  });

  it('ends the call', async () => {
    const id = conf().id;
    await w.driver.endConference(id);
    await w.until('no conferences', () => w.driver.conferences().length === 0);
    expect(sim.calls()).toEqual([]);
  });
});

describe('CMS driver configuration and fail-fast', () => {
  it('an invalid URL is bad_config, and actions say so at once', async () => {
    const bad = watch();
    bad.driver.init({ url: 'cms.example.org:445', ...CREDENTIALS });
    expect(bad.driver.status()).toMatchObject({ state: 'bad_config', message: expect.stringMatching(/invalid MCU URL|must be https/) });
    await expect(bad.driver.setMute('c', 'p', { audio: true })).rejects.toThrow(/^MCU not connected \(bad configuration: /);
    bad.driver.configUpdated({ url: 'ftp://cms.example.org', ...CREDENTIALS });
    expect(bad.driver.status().message).toMatch(/https:\/\/ or http:\/\//);
    await bad.driver.destroy();
  });

  it('an unreachable MCU is disconnected with a retry, and actions fail fast with since/retry', async () => {
    const closed = await startCmsSimulator({ port: 0, ...CREDENTIALS, codecs: [] });
    const url = closed.url;
    await closed.close();
    const down = watch({ backoff: { initialMs: 4000, maxMs: 8000 }, random: () => 1 });
    down.driver.init({ url, ...CREDENTIALS });
    await down.until('disconnected', () => down.driver.status().state === 'disconnected');
    expect(down.driver.status().message).toMatch(/cannot reach 127\.0\.0\.1:\d+: .*ECONNREFUSED; retrying in 4 s/);
    const started = Date.now();
    await expect(down.driver.setMute('c', 'p', { audio: true })).rejects.toThrow(/^MCU not connected \(disconnected since \d\d:\d\d:\d\d; retrying in [1-4] s\)$/);
    expect(Date.now() - started).toBeLessThan(50);
    await down.driver.destroy();
    expect(down.driver.status().state).toBe('none');
  });
});
