import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { validateDeviceProfile, type DeviceProfile } from '../../../shared/device-profile.js';
import { InventorySchema, type Inventory } from '../../../shared/inventory.js';
import { CmsModel, MEDIA_TIMEOUT_REASON, type ModelEvent } from '../../../electron/simulator/mcu/cms-model.js';
import { startCmsSimulator, type CmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';
import { startSimulator, type Simulator } from '../../../electron/simulator/simulator.js';
import { CODECS, PASSWORD, USER, api, sleep, waitUntil, xmlIds } from './cms-client.js';

/**
 * A codec that goes dark drops out of its MCU call: its legs stay until the media timeout, then
 * end with reason `timeout`, as a real CMS removes a far end that stopped sending; they never come
 * back by themselves when the codec does.
 */

describe('CmsModel.codecLost', () => {
  afterEach(() => vi.useRealTimers());

  function model(onCallChange = vi.fn<(id: string, call: { inCall: boolean; remote?: string }) => boolean>(() => true)) {
    vi.useFakeTimers();
    const m = new CmsModel({ codecs: CODECS, seed: 3, answerDelayMs: 300, speakerIntervalMs: 60_000, mediaTimeoutMs: 5000, onCallChange });
    const events: ModelEvent[] = [];
    m.on((e) => events.push(e));
    const call = m.createCall('Giao ban');
    for (const c of CODECS) m.addConnected(call, c.endpointId);
    return { m, call, events, onCallChange, removed: () => events.filter((e) => e.kind === 'participantRemoved') };
  }

  it('keeps the legs until the media timeout, then ends them with reason timeout and tells the SNMP side', () => {
    const { m, call, removed, onCallChange } = model();
    expect(m.codecLost('huyen-a-1')).toBe(1);
    vi.advanceTimersByTime(4999);
    expect(removed()).toEqual([]);
    expect([...call.participants.values()].map((p) => p.endpointId)).toContain('huyen-a-1');
    vi.advanceTimersByTime(1);
    const r = removed();
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'participantRemoved', reason: MEDIA_TIMEOUT_REASON });
    expect(r[0]!.kind === 'participantRemoved' && r[0]!.participant.endpointId).toBe('huyen-a-1');
    expect(MEDIA_TIMEOUT_REASON).toBe('timeout');
    expect([...call.participants.values()].map((p) => p.endpointId)).toEqual(['tinh-1', 'xa-a1-1', 'xa-a2-1']);
    expect(onCallChange).toHaveBeenLastCalledWith('huyen-a-1', { inCall: false });
    m.close();
  });

  it('does not bring the codec back: nothing rejoins later', () => {
    const { m, call } = model();
    m.codecLost('xa-a1-1');
    vi.advanceTimersByTime(60_000);
    expect([...call.participants.values()].some((p) => p.endpointId === 'xa-a1-1')).toBe(false);
    m.close();
  });

  it('leaves other codecs, unknown endpoints and codecs in no call alone', () => {
    const { m, call, removed } = model();
    expect(m.codecLost('no-such-codec')).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(removed()).toEqual([]);
    expect(call.participants.size).toBe(4);
    m.close();
  });

  it('ends only the legs the codec had when it went dark: a leg dialled afterwards stays', () => {
    const { m, call, removed } = model();
    m.codecLost('xa-a2-1');
    // The operator hangs up the dead leg and dials the codec again before the timeout.
    const old = [...call.participants.values()].find((p) => p.endpointId === 'xa-a2-1')!;
    m.removeParticipant(old, 'localTeardown');
    const fresh = m.dial(call, CODECS[3].uri, {}, null);
    vi.advanceTimersByTime(5000);
    expect(m.participants.has(fresh.id)).toBe(true);
    expect(fresh.state).toBe('connected');
    // The hang-up (an API delete: localTeardown) is the only removal; the timer found the old leg gone and did nothing more.
    expect(removed().map((e) => e.kind === 'participantRemoved' && e.reason)).toEqual(['localTeardown']);
    m.close();
  });

  it('ends a leg that was still ringing as well', () => {
    const { m, call, removed } = model();
    const old = [...call.participants.values()].find((p) => p.endpointId === 'tinh-1')!;
    m.removeParticipant(old);
    const ringing = m.dial(call, CODECS[0].uri, {}, null);
    m.codecLost('tinh-1');
    vi.advanceTimersByTime(5000);
    expect(m.participants.has(ringing.id)).toBe(false);
    expect(removed().at(-1)).toMatchObject({ reason: 'timeout' });
    m.close();
  });
});

// --- the SNMP simulator and the CMS simulator together, as the demo wires them -----------------

const PORTS = { tinh: 27411, huyenA: 27412, xaA1: 27413, xaA2: 27414 } as const;

function loadProfiles(): Map<string, DeviceProfile> {
  const r = validateDeviceProfile(JSON.parse(readFileSync(new URL('../../../assets/profiles/generic-mib2.json', import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(r.issues.join('; '));
  return new Map([['generic-mib2', r.profile]]);
}

function inventory(): Inventory {
  const ep = (id: string, port: number) => ({ id, name: 'Phòng họp', host: '127.0.0.1', port, profile: 'generic-mib2', snmp: { version: '2c', community: 'public' }, uri: `sip:${id}@vc.tinh.example` });
  return InventorySchema.parse({
    name: 'Tỉnh Thử', tiers: ['province', 'district', 'commune'],
    sites: [
      { id: 'tinh', name: 'UBND tỉnh', tier: 'province', endpoints: [ep('tinh-1', PORTS.tinh)] },
      { id: 'huyen-a', name: 'Huyện A', tier: 'district', parent: 'tinh', endpoints: [ep('huyen-a-1', PORTS.huyenA)] },
      { id: 'xa-a1', name: 'Xã A1', tier: 'commune', parent: 'huyen-a', endpoints: [ep('xa-a1-1', PORTS.xaA1)] },
      { id: 'xa-a2', name: 'Xã A2', tier: 'commune', parent: 'huyen-a', endpoints: [ep('xa-a2-1', PORTS.xaA2)] },
    ],
  });
}

describe('a district taken down drops out of the simulated MCU call', () => {
  let snmp: Simulator;
  let mcu: CmsSimulator;
  const inCall = new Map<string, boolean>();

  beforeAll(async () => {
    snmp = await startSimulator({ inventory: inventory(), profiles: loadProfiles(), trapTarget: null, scenario: 'static', seed: 5, tickMs: 50 });
    mcu = await startCmsSimulator({
      port: 0, username: USER, password: PASSWORD, codecs: CODECS, answerDelayMs: 30, mediaTimeoutMs: 300,
      onCallChange: (id, call) => {
        inCall.set(id, call.inCall);
        return snmp.setCall(id, call);
      },
      initialConferences: [{ name: 'Giao ban', participants: CODECS.map((c) => c.endpointId) }],
    });
    snmp.onCodecLost((id) => void mcu.codecLost(id));
  });
  afterAll(async () => {
    await mcu?.close();
    await snmp?.close();
  });

  const present = () => mcu.calls()[0]!.participants.map((p) => p.endpointId).sort();

  it('ends the district’s legs (its communes too) with reason timeout after the media timeout, and only theirs', async () => {
    expect(present()).toEqual(['huyen-a-1', 'tinh-1', 'xa-a1-1', 'xa-a2-1']);
    expect(snmp.applyFault({ target: 'huyen-a', kind: 'down' })).toEqual({ ok: true });
    // Not at once: the MCU notices only when the media stops for long enough.
    expect(present()).toEqual(['huyen-a-1', 'tinh-1', 'xa-a1-1', 'xa-a2-1']);
    await waitUntil(() => (present().length === 1 ? true : undefined), 3000);
    expect(present()).toEqual(['tinh-1']);
    const ended = mcu.endedLegs();
    expect(ended.map((l) => [l.endpointId, l.reason]).sort()).toEqual([
      ['huyen-a-1', 'timeout'],
      ['xa-a1-1', 'timeout'],
      ['xa-a2-1', 'timeout'],
    ]);
    expect(inCall.get('huyen-a-1')).toBe(false);
    // The REST side agrees: the call's participants no longer list the dropped legs.
    const callId = mcu.calls()[0]!.id;
    const r = await api(mcu, 'GET', `/calls/${callId}/participants`);
    expect(xmlIds(r.text, 'participant')).toHaveLength(1);
  });

  it('does not rejoin them when the codecs come back', async () => {
    expect(snmp.applyFault({ target: 'huyen-a', kind: 'clear' })).toEqual({ ok: true });
    await sleep(600);
    expect(present()).toEqual(['tinh-1']);
    expect(mcu.endedLegs()).toHaveLength(3);
  });

  it('a codec dialled again after it came back is in the call once more', async () => {
    const callId = mcu.calls()[0]!.id;
    const r = await api(mcu, 'POST', `/calls/${callId}/participants`, { remoteParty: 'huyen-a-1@vc.tinh.example' });
    expect(r.status).toBe(200);
    await waitUntil(() => (mcu.calls()[0]!.participants.find((p) => p.endpointId === 'huyen-a-1')?.state === 'connected' ? true : undefined), 3000);
    expect(inCall.get('huyen-a-1')).toBe(true);
  });
});
