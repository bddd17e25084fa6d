import { afterEach, describe, expect, it } from 'vitest';
import { startCmsSimulator, type CmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';
import { api, CODECS, EventClient, PASSWORD, sleep, token, USER, xmlIds } from './cms-client.js';

// The simulated CMS's liveness faults: ignorePings (a quiet, healthy MCU that does not pong) and
// halfOpen (sockets that stay connected but answer nothing), with a real `ws` client.

let sim: CmsSimulator | null = null;
const clients: EventClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.ws.terminate());
  await sim?.close();
  sim = null;
});

async function open(): Promise<{ sim: CmsSimulator; client: EventClient }> {
  sim ??= await startCmsSimulator({
    port: 0, username: USER, password: PASSWORD, codecs: CODECS, seed: 3, answerDelayMs: 40, speakerIntervalMs: 60_000,
    initialConferences: [{ name: 'Giao ban', participants: ['tinh-1', 'huyen-a-1'] }],
  });
  const client = await EventClient.open(sim, await token(sim));
  clients.push(client);
  return { sim, client };
}

const pong = (client: EventClient, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    client.ws.once('pong', () => {
      clearTimeout(timer);
      resolve(true);
    });
    client.ws.ping();
  });

describe('CMS simulator: liveness faults', () => {
  it('answers pings by default, and not while ignorePings is on; subscribes are still acked', async () => {
    const { sim, client } = await open();
    expect(await pong(client, 500)).toBe(true);
    sim.faults.ignorePings(true);
    expect(await pong(client, 300)).toBe(false);
    client.subscribe(7, [{ index: 1, type: 'calls', elements: ['name'] }]);
    await client.waitFor((m) => m.type === 'callListUpdate');
    expect(client.acks).toContainEqual({ messageId: 7, status: 'success' });
    sim.faults.reset();
    expect(await pong(client, 500)).toBe(true);
  });

  it('halfOpen: the socket stays open but answers nothing and sends no events; a new socket works', async () => {
    const { sim, client } = await open();
    client.subscribe(1, [{ index: 1, type: 'calls', elements: ['name', 'participants'] }]);
    await client.waitFor((m) => m.type === 'callListUpdate');
    sim.faults.halfOpen();
    const frames = client.frames.length;
    client.subscribe(2, [{ index: 1, type: 'calls', elements: ['name', 'participants'] }]);
    expect(await pong(client, 300)).toBe(false);
    await api(sim, 'POST', '/calls', { name: 'Họp mới' }); // a call added: no callListUpdate reaches the half-open socket
    await sleep(200);
    expect(client.frames.length).toBe(frames);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    expect(sim.events().sockets).toBe(1); // still counted as connected by the server
    const fresh = await open();
    fresh.client.subscribe(1, [{ index: 1, type: 'calls', elements: ['name'] }]);
    const list = await fresh.client.waitFor((m) => m.type === 'callListUpdate');
    expect((list.updates as { name: string }[]).map((u) => u.name).sort()).toEqual(['Giao ban', 'Họp mới']);
    expect(await pong(fresh.client, 500)).toBe(true);
    expect(xmlIds((await api(sim, 'GET', '/calls')).text, 'call')).toHaveLength(2);
  });
});
