import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startCmsSimulator, type CmsSimulator, type CmsSimulatorOptions } from '../../../electron/simulator/mcu/cms-simulator.js';
import { api, CODECS, EventClient, PASSWORD, sleep, token, USER, xmlIds } from './cms-client.js';

// The events WebSocket of the simulated CMS with a real `ws` client: subscribe, full state, deltas,
// acks, and each fault.

const ROSTER_ELEMENTS = ['name', 'uri', 'state', 'direction', 'audioMuted', 'videoMuted', 'importance', 'layout', 'activeSpeaker'];

let sims: CmsSimulator[] = [];
let clients: EventClient[] = [];
afterEach(async () => {
  clients.forEach((c) => c.close());
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
  clients = [];
});

async function start(extra: Partial<CmsSimulatorOptions> = {}): Promise<{ sim: CmsSimulator; callId: string }> {
  const sim = await startCmsSimulator({
    port: 0, username: USER, password: PASSWORD, codecs: CODECS, seed: 11, answerDelayMs: 60, speakerIntervalMs: 60_000,
    initialConferences: [{ name: 'Giao ban tỉnh', participants: ['tinh-1', 'huyen-a-1', 'xa-a1-1'] }],
    ...extra,
  });
  sims.push(sim);
  return { sim, callId: xmlIds((await api(sim, 'GET', '/calls')).text, 'call')[0]! };
}

async function subscribed(sim: CmsSimulator, callId: string): Promise<EventClient> {
  const client = await EventClient.open(sim, await token(sim));
  clients.push(client);
  client.subscribe(1, [
    { index: 3, type: 'calls', elements: ['name', 'participants'] },
    { index: 4, type: 'callRoster', call: callId, elements: ROSTER_ELEMENTS },
  ]);
  await client.waitFor((m) => m.type === 'rosterUpdate');
  return client;
}

const participantId = (sim: CmsSimulator, endpointId: string) => sim.calls()[0]!.participants.find((p) => p.endpointId === endpointId)!;

describe('CMS simulator: events', () => {
  it('opens the events socket only with a valid auth token', async () => {
    const { sim } = await start();
    for (const bad of ['', 'not-a-token']) {
      await expect(EventClient.open(sim, bad)).rejects.toThrow(/401/);
    }
    const client = await EventClient.open(sim, await token(sim));
    clients.push(client);
    expect(sim.events().sockets).toBe(1);
  });

  it('answers a subscribeRequest with an ack, subscriptionUpdate and full call list and roster', async () => {
    const { sim, callId } = await start();
    const client = await subscribed(sim, callId);
    expect(client.acks).toEqual([{ messageId: 1, status: 'success' }]);
    const [sub, list, roster] = client.messages;
    expect(sub).toEqual({ messageId: 1, type: 'subscriptionUpdate', subscriptions: [
      { index: 3, type: 'calls', state: 'active' },
      { index: 4, type: 'callRoster', call: callId, state: 'active' },
    ] });
    expect(list).toEqual({ messageId: 2, type: 'callListUpdate', subscriptionIndex: 3, updates: [{ call: callId, updateType: 'add', name: 'Giao ban tỉnh', participants: 3 }] });
    expect(roster!.messageId).toBe(3);
    expect(roster!.subscriptionIndex).toBe(4);
    const tinh = participantId(sim, 'tinh-1');
    expect(roster!.updates).toHaveLength(3);
    expect(roster!.updates[0]).toEqual({
      participant: tinh.id, updateType: 'add', name: 'UBND tỉnh', uri: 'tinh-1@vc.tinh.example', state: 'connected', direction: 'incoming',
      audioMuted: false, videoMuted: false, importance: 0, layout: 'automatic', activeSpeaker: false,
    });
    // Roster ids are participants; REST actions take the participant's distinct call leg.
    const legs = (await api(sim, 'GET', `/participants/${tinh.id}/callLegs`)).text;
    expect(xmlIds(legs, 'callLeg')).toEqual([tinh.legId]);
    expect(tinh.legId).not.toBe(tinh.id);
  });

  it('a roster for a call that does not exist is deactivated, and an empty roster still arrives', async () => {
    const { sim } = await start({ initialConferences: [] });
    const created = await api(sim, 'POST', '/calls', { name: 'Trống' });
    const empty = created.headers.get('location')!.split('/').pop()!;
    const client = await EventClient.open(sim, await token(sim));
    clients.push(client);
    client.subscribe(7, [{ index: 1, type: 'callRoster', call: empty }, { index: 2, type: 'callRoster', call: 'no-such-call' }]);
    const roster = await client.waitFor((m) => m.type === 'rosterUpdate');
    expect(roster).toMatchObject({ subscriptionIndex: 1, updates: [] });
    expect(client.messages[0]!.subscriptions[1]).toEqual({ index: 2, type: 'callRoster', call: 'no-such-call', state: 'deactivated' });
  });

  it('tracks acks: ids rise, acked messages clear, a socket that stops acking is closed', async () => {
    const { sim, callId } = await start({ ackTimeoutMs: 300 });
    const client = await EventClient.open(sim, await token(sim));
    clients.push(client);
    client.autoAck = false;
    client.subscribe(1, [{ index: 1, type: 'calls' }, { index: 2, type: 'callRoster', call: callId }]);
    await client.waitFor((m) => m.type === 'rosterUpdate');
    expect(client.messages.map((m) => m.messageId)).toEqual([1, 2, 3]);
    expect(sim.events().unacked).toBe(3);
    client.messages.forEach((m) => client.ack(m.messageId));
    await sleep(30);
    expect(sim.events().unacked).toBe(0);
    await api(sim, 'PUT', `/callLegs/${participantId(sim, 'tinh-1').legId}`, { rxAudioMute: 'true' });
    await client.waitFor((m) => m.messageId === 4);
    expect(await client.closed).toEqual({ code: 1008, reason: 'messageAck timeout' });
    expect(sim.events().sockets).toBe(0);
  });

  it('a mute through REST comes back as a rosterUpdate with only what changed, within a few ms', async () => {
    const { sim, callId } = await start();
    const client = await subscribed(sim, callId);
    const p = participantId(sim, 'huyen-a-1');
    const t0 = performance.now();
    await api(sim, 'PUT', `/callLegs/${p.legId}`, { rxAudioMute: 'true' });
    const muted = await client.waitForRoster(p.id, (u) => u.audioMuted === true);
    expect(performance.now() - t0).toBeLessThan(100);
    expect(muted).toEqual({ participant: p.id, updateType: 'update', audioMuted: true });
    await api(sim, 'PUT', `/callLegs/${p.legId}`, { chosenLayout: 'onePlusFive', rxVideoMute: 'true' });
    expect(await client.waitForRoster(p.id, (u) => u.updateType === 'update' && 'layout' in u)).toEqual({ participant: p.id, updateType: 'update', videoMuted: true, layout: 'onePlusFive' });
  });

  it('a dial-out shows in the roster as initial → ringing → connected, and in the call list count', async () => {
    const { sim, callId } = await start();
    const client = await subscribed(sim, callId);
    const r = await api(sim, 'POST', `/calls/${callId}/participants`, { remoteParty: 'sip:xa-a2-1@vc.tinh.example', chosenLayout: 'stacked' });
    const id = r.headers.get('location')!.split('/').pop()!;
    const added = await client.waitForRoster(id, (u) => u.updateType === 'add');
    // As on a real CMS, the participant appears nameless; its display name follows in an update.
    expect(added).toMatchObject({ state: 'initial', direction: 'outgoing', name: '', uri: 'xa-a2-1@vc.tinh.example', layout: 'stacked' });
    expect(await client.waitForRoster(id, (u) => u.updateType === 'update' && 'name' in u)).toEqual({ participant: id, updateType: 'update', name: 'Xã A2' });
    await client.waitForRoster(id, (u) => u.state === 'ringing');
    await client.waitForRoster(id, (u) => u.state === 'connected');
    await client.waitFor((m) => m.type === 'callListUpdate' && m.updates[0].updateType === 'update' && m.updates[0].participants === 4);
  });

  it('disconnect and end call send removes, and the roster subscription is deactivated', async () => {
    const { sim, callId } = await start();
    const client = await subscribed(sim, callId);
    const p = participantId(sim, 'xa-a1-1');
    await api(sim, 'DELETE', `/callLegs/${p.legId}`);
    // The removal says why, in the words of CMS's call-leg end reasons: the API ended the leg.
    expect(await client.waitForRoster(p.id, (u) => u.updateType === 'remove')).toEqual({ participant: p.id, updateType: 'remove', reason: 'localTeardown' });
    await api(sim, 'DELETE', `/calls/${callId}`);
    await client.waitFor((m) => m.type === 'callListUpdate' && m.updates[0].updateType === 'remove');
    const removes = client.messages.filter((m) => m.type === 'rosterUpdate').flatMap((m) => m.updates).filter((u) => u.updateType === 'remove');
    expect(removes).toHaveLength(3);
    expect(removes.map((u) => u.reason)).toEqual(['localTeardown', 'callDeactivated', 'callDeactivated']);
    const deactivated = await client.waitFor((m) => m.type === 'subscriptionUpdate' && m.subscriptions[0].state === 'deactivated');
    expect(deactivated.subscriptions).toEqual([{ index: 4, type: 'callRoster', call: callId, state: 'deactivated' }]);
  });

  it('the active speaker moves among connected, unmuted participants; the same seed gives the same sequence', async () => {
    /** Every participant named as speaker (roster add or update with activeSpeaker: true) over ~7 ticks. */
    const speakers = async (seed: number, muteAllBut?: string) => {
      const { sim, callId } = await start({ seed, speakerIntervalMs: 40 });
      if (muteAllBut) {
        const keep = participantId(sim, muteAllBut).id;
        await api(sim, 'PUT', `/calls/${callId}/participants/*`, { rxAudioMute: 'true', filterIds: keep });
      }
      const client = await subscribed(sim, callId);
      const names = new Map<unknown, string>(sim.calls()[0]!.participants.map((p) => [p.id, p.endpointId!]));
      await sleep(300);
      return client.messages
        .filter((m) => m.type === 'rosterUpdate')
        .flatMap((m) => m.updates as Record<string, unknown>[])
        .filter((u) => u.activeSpeaker === true)
        .map((u) => names.get(u.participant));
    };
    const [a, b, only] = await Promise.all([speakers(5), speakers(5), speakers(6, 'huyen-a-1')]);
    expect(a.length).toBeGreaterThanOrEqual(4);
    expect(a.slice(0, 4)).toEqual(b.slice(0, 4));
    expect(new Set(a).size).toBeGreaterThan(1);
    expect(only).toEqual(['huyen-a-1']);
  });

  it('fault: dropSockets kills every event socket abruptly; a fresh token reconnects', async () => {
    const { sim, callId } = await start();
    const client = await subscribed(sim, callId);
    sim.faults.dropSockets();
    expect((await client.closed).code).toBe(1006);
    expect(sim.events().sockets).toBe(0);
    const again = await subscribed(sim, callId);
    expect(again.messages[0]!.type).toBe('subscriptionUpdate');
  });

  it('fault: malformed messages (broken JSON, unknown type, duplicate id) precede the real ones', async () => {
    const { sim, callId } = await start();
    const client = await subscribed(sim, callId);
    const { legId } = participantId(sim, 'tinh-1');
    const from = client.frames.length;
    sim.faults.malformedMessages(3);
    for (const mute of ['true', 'false', 'true']) {
      await api(sim, 'PUT', `/callLegs/${legId}`, { rxAudioMute: mute });
      await sleep(10);
    }
    await sleep(30);
    const frames = client.frames.slice(from);
    expect(frames).toHaveLength(6);
    expect(() => JSON.parse(frames[0]!)).toThrow();
    expect(JSON.parse(frames[2]!).message.type).toBe('simulatorUnknownEvent');
    expect(frames[4]).toBe(frames[3]); // the previous message again, same messageId
    const real = frames.filter((_, i) => i % 2 === 1).map((f) => JSON.parse(f).message.updates[0].audioMuted);
    expect(real).toEqual([true, false, true]);

    sim.faults.malformedMessages(5);
    sim.faults.reset();
    const before = client.frames.length;
    await api(sim, 'PUT', `/callLegs/${legId}`, { rxAudioMute: 'false' });
    await sleep(30);
    expect(client.frames.slice(before).map((f) => JSON.parse(f).type)).toEqual(['message']);
  });

  it('refuses tokens while the fault is on, so no new event socket can open', async () => {
    const { sim } = await start();
    sim.faults.refuseTokens(true);
    await expect(token(sim)).rejects.toThrow(/401/);
    sim.faults.refuseTokens(false);
    const ws = new WebSocket(`${sim.url.replace('http', 'ws')}/events/v1?authToken=${await token(sim)}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();
  });
});
