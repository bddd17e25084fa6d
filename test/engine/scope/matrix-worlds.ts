import { readFileSync } from 'node:fs';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import { DEFAULT_ALARM_RULES } from '../../../shared/alarms/alarm-rules.js';

/** Alarms raised at the first evaluation, so the matrix sees them within its window. */
const alarms = { rules: DEFAULT_ALARM_RULES.map((r) => ({ ...r, onDelayS: 0 })), evaluateEveryMs: 20 };
import { DEMO_INVENTORY_PATH } from '../../../electron/engine/paths.js';
import { createCmsDriver } from '../../../electron/engine/mcu/cms/cms-driver.js';
import type { McuConfig, McuConference } from '../../../electron/engine/mcu/mcu-driver.js';
import { startCmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';
import { FakeDriver } from '../conference/fake-driver.js';

/**
 * The worlds the leak matrix runs in: the Bắc Kạn demo with its seeded schedule and a live
 * conference mixing Ba Bể with sites outside it, behind a driver double (names chosen by the
 * test, one guest that is in no inventory) or behind the simulated Cisco Meeting Server through
 * the real CMS driver (names as the MCU gives them).
 */
export interface MatrixWorld {
  readonly engine: Engine;
  /** Where control requests aim: a live conference, a participant of Ba Bể and one outside it. */
  readonly target: { readonly conferenceId: string; readonly otherConferenceId: string; readonly inParticipant: string; readonly outParticipant: string };
  /** Participant and conference names that only outside sites carry. */
  readonly hiddenNames: readonly string[];
  /** The MCU's state that a refused request must not have changed. */
  mcuState(): string;
  /** Changes on the MCU inside and outside the scope, during the streams' window. */
  poke(): Promise<void>;
  close(): Promise<void>;
}

const waitFor = async (ok: () => boolean, ms = 5000) => {
  for (let t = 0; t < ms && !ok(); t += 10) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error('the conference list did not reach the engine');
};

const participant = (id: string, name: string, uri: string) => ({ id, name, uri, state: 'connected' as const, audioMuted: false, videoMuted: false, activeSpeaker: false, layout: null });
const LIVE: McuConference[] = [
  {
    id: 'c-1',
    name: 'Giao ban trực tuyến với UBND huyện Na Rì',
    layout: null,
    rosterKnown: true,
    participants: [
      participant('p-ba-be', 'UBND huyện Ba Bể', 'sip:ba-be@vc.backan.gov.vn'),
      participant('p-cho-ra', 'UBND thị trấn Chợ Rã', 'sip:ba-be-cho-ra@vc.backan.gov.vn'),
      participant('p-na-ri', 'Điểm cầu Na Rì (khách)', 'sip:na-ri@vc.backan.gov.vn'),
      participant('p-tinh-uy', 'Tỉnh ủy Bắc Kạn (khách)', 'sip:tinh-uy@vc.backan.gov.vn'),
      participant('p-bo-tttt', 'Bộ Thông tin và Truyền thông (khách mời)', 'sip:bo-tttt@vc.mic.gov.vn'),
    ],
  },
  { id: 'c-2', name: 'Họp riêng Pác Nặm', layout: null, rosterKnown: true, participants: [participant('p-pac-nam', 'Pác Nặm (khách)', 'sip:pac-nam@vc.backan.gov.vn')] },
];

async function fakeWorld(): Promise<MatrixWorld> {
  const fake = new FakeDriver();
  const engine = await startEngine({ inventoryPath: null, monitoring: false, demoSchedule: true, flushMs: 5, mcuDriver: () => fake, alarms });
  fake.setConferences(LIVE);
  await waitFor(() => engine.conferences.current().conferences.length === 2);
  let pokes = 0;
  return {
    engine,
    target: { conferenceId: 'c-1', otherConferenceId: 'c-2', inParticipant: 'p-ba-be', outParticipant: 'p-na-ri' },
    hiddenNames: ['Điểm cầu Na Rì (khách)', 'Tỉnh ủy Bắc Kạn (khách)', 'Bộ Thông tin và Truyền thông (khách mời)', 'Pác Nặm (khách)', 'Họp riêng Pác Nặm'],
    mcuState: () => JSON.stringify(fake.actions),
    poke: async () => {
      pokes += 1;
      fake.patchParticipant('c-1', 'p-na-ri', { audioMuted: pokes % 2 === 1 });
      fake.patchParticipant('c-1', 'p-ba-be', { activeSpeaker: pokes % 2 === 1 });
    },
    close: () => engine.close(),
  };
}

async function simulatorWorld(): Promise<MatrixWorld> {
  let engine: Engine | null = null;
  const inv = JSON.parse(readFileSync(DEMO_INVENTORY_PATH, 'utf8')) as { sites: { id: string; name: string; endpoints: { id: string; uri?: string }[] }[] };
  const codecs = inv.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, uri: e.uri!, name: s.name })));
  const sim = await startCmsSimulator({
    port: 0,
    username: 'api',
    password: 'demo',
    codecs,
    answerDelayMs: 20,
    speakerIntervalMs: 25,
    initialConferences: [
      { name: 'Giao ban trực tuyến với UBND huyện Na Rì', participants: ['ba-be-1', 'ba-be-cho-ra-1', 'na-ri-1', 'tinh-uy-1'] },
      { name: 'Họp riêng Pác Nặm', participants: ['pac-nam-1'] },
    ],
  });
  try {
    const driver = createCmsDriver({ callListGraceMs: 200 });
    const init = driver.init.bind(driver);
    Object.assign(driver, { init: (c: McuConfig) => init({ ...c, url: sim.url }) }); // the simulator's port, not the demo's
    engine = await startEngine({ inventoryPath: null, monitoring: false, demoSchedule: true, flushMs: 5, mcuDriver: () => driver, alarms });
    const e = engine;
    await waitFor(() => e.conferences.current().conferences.filter((c) => c.rosterKnown && c.participants.length > 0).length === 2);
    const main = e.conferences.current().conferences.find((c) => c.participants.length === 4)!;
    const other = e.conferences.current().conferences.find((c) => c.participants.length === 1)!;
    let pokes = 0;
    const pid = (endpointId: string) => main.participants.find((p) => p.endpointId === endpointId)!.id;
    return {
      engine: e,
      target: { conferenceId: main.id, otherConferenceId: other.id, inParticipant: pid('ba-be-1'), outParticipant: pid('na-ri-1') },
      hiddenNames: ['Họp riêng Pác Nặm'],
      mcuState: () => JSON.stringify(sim.calls().map((c) => [c.id, c.participants.map((p) => [p.id, p.state, p.audioMuted, p.videoMuted, p.layout])])),
      poke: async () => {
        pokes += 1;
        await driver.setMute(main.id, pid('na-ri-1'), { audio: pokes % 2 === 1 });
        await driver.setMute(main.id, pid('ba-be-1'), { video: pokes % 2 === 1 });
      },
      close: async () => {
        await e.close();
        await sim.close();
      },
    };
  } catch (err) {
    await engine?.close();
    await sim.close();
    throw err;
  }
}

export const WORLDS: readonly { readonly name: string; start(): Promise<MatrixWorld> }[] = [
  { name: 'a driver double', start: fakeWorld },
  { name: 'the simulated Cisco Meeting Server', start: simulatorWorld },
];
