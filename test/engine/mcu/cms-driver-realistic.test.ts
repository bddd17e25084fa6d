import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCmsSimulator, type CmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';
import { sipKey } from '../../../shared/sip-uri.js';
import { basic } from '../../simulator/mcu/cms-client.js';
import { conference, CREDENTIALS, watch, type Watched } from './harness.js';

// The driver against the simulator speaking as a real CMS does: URIs with SIP parameters, new
// participants nameless until an update names them, removals with a reason, and layouts set on a
// leg by someone other than this console.

const CODECS = [
  { endpointId: 'tinh', uri: 'sip:1001@vc.backan.gov.vn', name: 'UBND tỉnh Bắc Kạn' },
  { endpointId: 'ba-be', uri: 'sip:babe@vc.backan.gov.vn', name: 'UBND huyện Ba Bể' },
  { endpointId: 'nam-mau', uri: 'sip:1003@vc.backan.gov.vn', name: 'UBND xã Nam Mẫu' },
] as const;

let sim: CmsSimulator;
let w: Watched;

beforeAll(async () => {
  sim = await startCmsSimulator({
    port: 0,
    ...CREDENTIALS,
    codecs: CODECS,
    answerDelayMs: 60,
    speakerIntervalMs: 60_000,
    uriParameters: true,
    initialConferences: [{ name: 'Giao ban', participants: ['tinh', 'ba-be'] }],
  });
  w = watch({ layoutSettleMs: 400 });
  w.driver.init({ url: sim.url, ...CREDENTIALS });
  await w.until('the roster', () => conference(w)?.rosterKnown === true && conference(w)!.participants.length === 2);
});

afterAll(async () => {
  await w?.driver.destroy();
  await sim?.close();
});

const conf = () => conference(w)!;
const byEndpoint = (endpointId: string) => {
  const key = sipKey(CODECS.find((c) => c.endpointId === endpointId)!.uri);
  return conf().participants.find((p) => sipKey(p.uri) === key);
};
const rest = (method: string, path: string, form: Record<string, string>) =>
  fetch(`${sim.url}/api/v1${path}`, {
    method,
    headers: { authorization: basic(CREDENTIALS.username, CREDENTIALS.password), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });

describe('CMS driver against a realistic CMS', () => {
  it('roster URIs carry SIP parameters, and still match the inventory codecs', () => {
    const uris = conf().participants.map((p) => p.uri).sort();
    expect(uris).toEqual(['1001@vc.backan.gov.vn;x-cisco-number=1001', 'babe@vc.backan.gov.vn;transport=tls']);
    expect(byEndpoint('tinh')).toMatchObject({ name: 'UBND tỉnh Bắc Kạn', state: 'connected' });
    expect(byEndpoint('ba-be')).toMatchObject({ name: 'UBND huyện Ba Bể' });
  });

  it('a dialled participant (nameless at first on the MCU) ends up named, and is matched by URI throughout', async () => {
    const before = w.emissions.length;
    const { participantId } = await w.driver.dialOut(conf().id, 'sip:1003@vc.backan.gov.vn;x-cisco-number=1003');
    await w.until('Nam Mẫu connected', () => byEndpoint('nam-mau')?.state === 'connected');
    const seen = w.emissions.slice(before).flatMap((list) => list.flatMap((c) => c.participants.filter((p) => p.id === participantId)));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => sipKey(p.uri) === '1003@vc.backan.gov.vn')).toBe(true);
    expect(byEndpoint('nam-mau')).toMatchObject({ id: participantId, name: 'UBND xã Nam Mẫu', uri: '1003@vc.backan.gov.vn;x-cisco-number=1003' });
    // The simulator's model of the far end was reached with the bare address.
    expect(sim.calls()[0]!.participants.find((p) => p.id === participantId)).toMatchObject({ endpointId: 'nam-mau' });
  });

  it('a whole-call layout also reaches a participant someone else pinned to its own layout', async () => {
    const pinned = sim.calls()[0]!.participants.find((p) => p.endpointId === 'ba-be')!;
    expect((await rest('PUT', `/callLegs/${pinned.legId}`, { chosenLayout: 'speakerOnly' })).status).toBe(200);
    await w.until('Ba Bể shows speakerOnly', () => byEndpoint('ba-be')?.layout === 'speakerOnly');
    await w.driver.setConferenceLayout(conf().id, 'onePlusNine');
    await w.until('everyone in onePlusNine', () => conf().participants.every((p) => p.layout === 'onePlusNine'));
    expect(conf().layout).toBe('onePlusNine');
    expect(w.logs.join('\n')).toMatch(/layout onePlusNine: 1 participant\(s\) still show another layout/);
  });

  it('a layout the console cannot set (set on the MCU directly) is shown by name, nothing breaks', async () => {
    const leg = sim.calls()[0]!.participants.find((p) => p.endpointId === 'tinh')!.legId;
    expect((await rest('PUT', `/callLegs/${leg}`, { chosenLayout: 'onePlusN' })).status).toBe(200);
    await w.until('tỉnh shows onePlusN', () => byEndpoint('tinh')?.layout === 'onePlusN');
    expect(conf().layout).toBeNull();
    expect(w.driver.status().state).toBe('ok');
  });

  it('removals say why: the console disconnected one (localTeardown), an unknown address was refused (remoteTeardown)', async () => {
    await w.driver.disconnect(conf().id, byEndpoint('nam-mau')!.id);
    await w.until('Nam Mẫu gone', () => byEndpoint('nam-mau') === undefined);
    expect(w.logs).toContain(`[cms] participant "UBND xã Nam Mẫu" 1003@vc.backan.gov.vn;x-cisco-number=1003 left call "Giao ban" (localTeardown)`);
    const { participantId } = await w.driver.dialOut(conf().id, '9999@vc.backan.gov.vn');
    await w.until('the unknown address refused', () => w.logs.some((l) => l.includes('9999@vc.backan.gov.vn') && l.endsWith('(remoteTeardown)')));
    expect(conf().participants.some((p) => p.id === participantId)).toBe(false);
  });
});
