import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCmsSimulator, type CmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';
import { api, basic, CODECS, GUID, PASSWORD, USER, waitUntil, xmlIds, xmlText } from './cms-client.js';

// The simulated CMS over real HTTP: Basic auth, form bodies, XML answers and failure details.

const FAILURE = (inner: string) => `<?xml version="1.0"?><failureDetails>${inner}</failureDetails>`;
const UNKNOWN = '0b9e5c1e-1111-4222-8333-944445555666';

describe('CMS simulator: REST', () => {
  let sim: CmsSimulator;
  let callId: string;
  const snmp: [string, { inCall: boolean; remote?: string }][] = [];

  beforeAll(async () => {
    sim = await startCmsSimulator({
      port: 0, username: USER, password: PASSWORD, codecs: CODECS, seed: 7, answerDelayMs: 60, speakerIntervalMs: 60_000,
      initialConferences: [{ name: 'Giao ban tỉnh', participants: ['tinh-1', 'huyen-a-1'] }],
      // xa-a2-1 is dark on the SNMP side: it does not answer.
      onCallChange: (id, call) => {
        snmp.push([id, call]);
        return id !== 'xa-a2-1';
      },
    });
    callId = xmlIds((await api(sim, 'GET', '/calls')).text, 'call')[0]!;
  });
  afterAll(() => sim.close());

  const participantOf = (endpointId: string) => sim.calls().flatMap((c) => c.participants).find((p) => p.endpointId === endpointId);
  const stateOf = async (participantId: string) => xmlText((await api(sim, 'GET', `/participants/${participantId}`)).text, 'state');

  it('refuses requests without, or with wrong, Basic credentials (401)', async () => {
    for (const auth of [null, basic(USER, 'wrong'), basic('someone', PASSWORD), 'Bearer abc']) {
      const r = await api(sim, 'GET', '/calls', undefined, auth);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Basic /);
    }
    expect((await api(sim, 'POST', '/authTokens', undefined, basic(USER, 'wrong'))).status).toBe(401);
  });

  it('issues auth tokens in X-Cisco-CMS-Auth-Token with an expiry', async () => {
    const r = await api(sim, 'POST', '/authTokens');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-cisco-cms-auth-token')).toMatch(/^[\w-]{20,}$/);
    expect(Date.parse(r.headers.get('x-cisco-cms-auth-token-expiry') ?? '')).toBeGreaterThan(Date.now());
  });

  it('lists calls as XML with total, limit and offset', async () => {
    const r = await api(sim, 'GET', '/calls');
    expect(r.headers.get('content-type')).toBe('text/xml');
    expect(r.text).toMatch(/^<\?xml version="1\.0"\?><calls total="1"><call id="[0-9a-f-]{36}"><name>Giao ban tỉnh<\/name>/);
    expect(callId).toMatch(GUID);
    expect((await api(sim, 'GET', '/calls?limit=0')).text).toBe('<?xml version="1.0"?><calls total="1"></calls>');
    const detail = (await api(sim, 'GET', `/calls/${callId}`)).text;
    expect(xmlText(detail, 'numParticipantsLocal')).toBe('2');
  });

  it('dials out: 200 with Location, initial → ringing → connected, and the SNMP side is told', async () => {
    const r = await api(sim, 'POST', `/calls/${callId}/participants`, { remoteParty: 'sip:xa-a1-1@vc.tinh.example' });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    const id = /^\/api\/v1\/participants\/(.+)$/.exec(r.headers.get('location') ?? '')?.[1];
    expect(id).toMatch(GUID);
    expect(['initial', 'ringing']).toContain(await stateOf(id!));
    await waitUntil(async () => ((await stateOf(id!)) === 'connected' ? true : undefined));
    expect(snmp).toContainEqual(['xa-a1-1', { inCall: true, remote: 'Giao ban tỉnh' }]);
    const detail = (await api(sim, 'GET', `/participants/${id}`)).text;
    expect(xmlText(detail, 'uri')).toBe('xa-a1-1@vc.tinh.example');
    expect(xmlText(detail, 'name')).toBe('Xã A1');
    expect(xmlText(detail, 'call')).toBe(callId);
  });

  it('maps a participant to its call leg, whose id is a different GUID', async () => {
    const p = participantOf('tinh-1')!;
    const legs = (await api(sim, 'GET', `/participants/${p.id}/callLegs`)).text;
    expect(legs).toMatch(/^<\?xml version="1\.0"\?><callLegs total="1"><callLeg id=/);
    const [legId] = xmlIds(legs, 'callLeg');
    expect(legId).toMatch(GUID);
    expect(legId).not.toBe(p.id);
    expect(legId).toBe(p.legId);
    const leg = (await api(sim, 'GET', `/callLegs/${legId}`)).text;
    expect(xmlText(leg, 'call')).toBe(callId);
    expect(xmlText(leg, 'remoteParty')).toBe('tinh-1@vc.tinh.example');
    expect(xmlIds((await api(sim, 'GET', `/calls/${callId}/callLegs`)).text, 'callLeg')).toContain(legId);
  });

  it('mutes and lays out a call leg; bad values get 400 with parameterError', async () => {
    const { legId } = participantOf('huyen-a-1')!;
    const put = await api(sim, 'PUT', `/callLegs/${legId}`, { rxAudioMute: 'true', rxVideoMute: 'true', chosenLayout: 'speakerOnly' });
    expect([put.status, put.text]).toEqual([200, '']);
    let leg = (await api(sim, 'GET', `/callLegs/${legId}`)).text;
    expect(xmlText(leg, 'rxAudioMute')).toBe('true');
    expect(xmlText(leg, 'rxVideoMute')).toBe('true');
    expect(xmlText(leg, 'chosenLayout')).toBe('speakerOnly');
    expect(xmlText(leg, 'layout')).toBe('speakerOnly');
    expect(participantOf('huyen-a-1')).toMatchObject({ audioMuted: true, videoMuted: true, layout: 'speakerOnly' });

    const bad = await api(sim, 'PUT', `/callLegs/${legId}`, { chosenLayout: 'nonsense' });
    expect([bad.status, bad.text]).toEqual([400, FAILURE('<parameterError parameter="chosenLayout" error="invalidValue" />')]);
    expect((await api(sim, 'PUT', `/callLegs/${legId}`, { rxAudioMute: 'yes' })).text).toContain('parameter="rxAudioMute"');

    // An empty value unsets the override; the leg falls back to its default.
    await api(sim, 'PUT', `/callLegs/${legId}`, { chosenLayout: '', rxAudioMute: 'false', rxVideoMute: 'false' });
    leg = (await api(sim, 'GET', `/callLegs/${legId}`)).text;
    expect(xmlText(leg, 'chosenLayout')).toBeUndefined();
    expect(xmlText(leg, 'layout')).toBe('automatic');
    expect(xmlText(leg, 'rxAudioMute')).toBe('false');
  });

  it('answers 404 with failure details for unknown ids and URIs', async () => {
    const cases: [string, string, string][] = [
      ['PUT', `/callLegs/${UNKNOWN}`, '<callLegDoesNotExist />'],
      ['DELETE', `/callLegs/${UNKNOWN}`, '<callLegDoesNotExist />'],
      ['GET', `/calls/${UNKNOWN}`, '<callDoesNotExist />'],
      ['POST', `/calls/${UNKNOWN}/participants`, '<callDoesNotExist />'],
      ['DELETE', `/participants/${UNKNOWN}`, '<participantDoesNotExist />'],
      ['GET', `/participants/${UNKNOWN}/callLegs`, '<participantDoesNotExist />'],
      ['GET', '/coSpacez', '<unrecognizedObject />'],
    ];
    for (const [method, path, inner] of cases) {
      const r = await api(sim, method, path, method === 'GET' || method === 'DELETE' ? undefined : { rxAudioMute: 'true' });
      expect([method, path, r.status, r.text]).toEqual([method, path, 404, FAILURE(inner)]);
    }
    const noParty = await api(sim, 'POST', `/calls/${callId}/participants`, { chosenLayout: 'allEqual' });
    expect([noParty.status, noParty.text]).toEqual([400, FAILURE('<parameterError parameter="remoteParty" error="required" />')]);
  });

  it('sets call-wide properties with PUT /calls/<id>/participants/*: mute everyone but the chair', async () => {
    const chair = participantOf('tinh-1')!;
    const r = await api(sim, 'PUT', `/calls/${callId}/participants/*`, { rxAudioMute: 'true', filterIds: chair.id });
    expect(r.status).toBe(200);
    const muted = Object.fromEntries(sim.calls()[0]!.participants.map((p) => [p.endpointId, p.audioMuted]));
    expect(muted).toEqual({ 'tinh-1': false, 'huyen-a-1': true, 'xa-a1-1': true });

    await api(sim, 'PUT', `/callLegs/${chair.legId}`, { chosenLayout: 'telepresence' });
    await api(sim, 'PUT', `/calls/${callId}/participants/*`, { layout: 'allEqualNinths', rxAudioMute: 'false' });
    const layouts = Object.fromEntries(sim.calls()[0]!.participants.map((p) => [p.endpointId, p.layout]));
    // The bulk layout is each leg's default; a leg's own chosenLayout still wins, as on CMS.
    expect(layouts).toEqual({ 'tinh-1': 'telepresence', 'huyen-a-1': 'allEqualNinths', 'xa-a1-1': 'allEqualNinths' });
    expect((await api(sim, 'PUT', `/calls/${callId}/participants/*`, { mode: 'some' })).text).toContain('parameter="mode"');
  });

  it('a dialled unknown URI or dark codec appears, then goes away without a REST error', async () => {
    const unknown = await api(sim, 'POST', `/calls/${callId}/participants`, { remoteParty: 'nobody@elsewhere.example' });
    const dark = await api(sim, 'POST', `/calls/${callId}/participants`, { remoteParty: 'sip:xa-a2-1@vc.tinh.example' });
    const ids = [unknown, dark].map((r) => r.headers.get('location')!.split('/').pop()!);
    expect(await stateOf(ids[0]!)).toBe('initial');
    for (const id of ids) await waitUntil(async () => ((await api(sim, 'GET', `/participants/${id}`)).status === 404 ? true : undefined));
    expect(snmp.filter(([id]) => id === 'xa-a2-1')).toEqual([['xa-a2-1', { inCall: true, remote: 'Giao ban tỉnh' }], ['xa-a2-1', { inCall: false }]]);
  });

  it('disconnects a participant and ends a call, telling the SNMP side', async () => {
    const p = participantOf('xa-a1-1')!;
    expect((await api(sim, 'DELETE', `/participants/${p.id}`)).status).toBe(200);
    expect((await api(sim, 'GET', `/callLegs/${p.legId}`)).status).toBe(404);
    expect(snmp.at(-1)).toEqual(['xa-a1-1', { inCall: false }]);

    const created = await api(sim, 'POST', '/calls', { name: 'Họp đột xuất' });
    const newCall = /^\/api\/v1\/calls\/(.+)$/.exec(created.headers.get('location') ?? '')?.[1];
    expect(newCall).toMatch(GUID);
    const dialled = await api(sim, 'POST', `/calls/${newCall}/participants`, { remoteParty: 'xa-a1-1@vc.tinh.example' });
    const id = dialled.headers.get('location')!.split('/').pop()!;
    await waitUntil(async () => ((await stateOf(id)) === 'connected' ? true : undefined));
    expect((await api(sim, 'DELETE', `/calls/${newCall}`)).status).toBe(200);
    expect((await api(sim, 'GET', `/calls/${newCall}`)).status).toBe(404);
    expect((await api(sim, 'GET', `/participants/${id}`)).status).toBe(404);
    expect(snmp.at(-1)).toEqual(['xa-a1-1', { inCall: false }]);
  });

  it('faults: slow replies, refused tokens, reset', async () => {
    sim.faults.slowReplies(250);
    const t0 = Date.now();
    expect((await api(sim, 'GET', '/calls')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
    sim.faults.refuseTokens(true);
    sim.faults.slowReplies(0);
    expect((await api(sim, 'POST', '/authTokens')).status).toBe(401);
    expect((await api(sim, 'GET', '/calls')).status).toBe(200);
    sim.faults.slowReplies(250);
    sim.faults.reset();
    const t1 = Date.now();
    expect((await api(sim, 'POST', '/authTokens')).status).toBe(200);
    expect(Date.now() - t1).toBeLessThan(200);
  });
});
