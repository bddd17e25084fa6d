import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCmsSimulator, type CmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';
import { McuActionError } from '../../../electron/engine/mcu/mcu-driver.js';
import { CODECS, CREDENTIALS, conference, watch, type Watched } from './harness.js';
import { startFakeCms } from './fake-cms.js';

// createConference: POST /api/v1/calls name=… → Location: /api/v1/calls/<id>, then the call
// arrives over the events socket like any other.

let sim: CmsSimulator;
let w: Watched;

beforeAll(async () => {
  sim = await startCmsSimulator({ port: 0, ...CREDENTIALS, codecs: CODECS, answerDelayMs: 30, speakerIntervalMs: 60_000 });
  w = watch();
  w.driver.init({ url: sim.url, ...CREDENTIALS });
  await w.until('connected', () => w.driver.status().state === 'ok');
});

afterAll(async () => {
  await w?.driver.destroy();
  await sim?.close();
});

describe('CMS driver: createConference', () => {
  it('creates a call named as asked; it appears with a known, empty roster, and can be dialled into', async () => {
    const { conferenceId } = await w.driver.createConference('  Giao ban trực tuyến UBND tỉnh  ');
    expect(conferenceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.calls().map((c) => [c.id, c.name])).toEqual([[conferenceId, 'Giao ban trực tuyến UBND tỉnh']]);
    await w.until('the new call with its roster', () => conference(w, 'Giao ban trực tuyến UBND tỉnh')?.rosterKnown === true);
    expect(conference(w)).toMatchObject({ id: conferenceId, participants: [] });

    await w.driver.dialOut(conferenceId, CODECS[0].uri);
    await w.until('Ba Bể connected', () => conference(w)?.participants[0]?.state === 'connected');
  });

  it('refuses an empty, overlong or control-character name before asking the MCU', async () => {
    const before = sim.calls().length;
    for (const bad of ['', '   ', 'x'.repeat(201), 'a\nb', 42 as unknown as string]) {
      await expect(w.driver.createConference(bad)).rejects.toThrow(/^Invalid conference name/);
    }
    expect(sim.calls()).toHaveLength(before);
  });

  it('fails fast while the MCU is not connected', async () => {
    const idle = watch();
    await expect(idle.driver.createConference('Họp')).rejects.toBeInstanceOf(McuActionError);
    await expect(idle.driver.createConference('Họp')).rejects.toThrow(/^MCU not connected/);
    await idle.driver.destroy();
  });
});

describe('CMS driver: createConference against answers the simulator does not give', () => {
  it("passes on the MCU's refusal with its status and reason, and a missing Location clearly", async () => {
    const fake = await startFakeCms();
    const seen: string[] = [];
    const answers = [
      { status: 400, body: '<?xml version="1.0"?><failureDetails><tooManyCalls /></failureDetails>' },
      { status: 200 },
      { status: 200, headers: { Location: '/api/v1/calls/9f1c' } },
    ];
    const base = fake.rest;
    fake.rest = (method, path, body) => {
      if (path !== '/api/v1/calls') return base(method, path, body);
      seen.push(`${method} ${path} ${body}`);
      return answers.shift();
    };
    const d = watch();
    d.driver.init({ url: fake.url, ...CREDENTIALS });
    try {
      await d.until('ok', () => d.driver.status().state === 'ok');
      await expect(d.driver.createConference('Họp A')).rejects.toMatchObject({ name: 'McuActionError', status: 400, detail: 'tooManyCalls' });
      await expect(d.driver.createConference('Họp B')).rejects.toThrow(/did not say its id/);
      await expect(d.driver.createConference('Họp C')).resolves.toEqual({ conferenceId: '9f1c' });
      expect(seen).toEqual(['POST /api/v1/calls name=H%E1%BB%8Dp+A', 'POST /api/v1/calls name=H%E1%BB%8Dp+B', 'POST /api/v1/calls name=H%E1%BB%8Dp+C']);
    } finally {
      await d.driver.destroy();
      await fake.close();
    }
  });
});
