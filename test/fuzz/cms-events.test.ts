import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { ConferenceSchema } from '../../shared/conference.js';
import { CallTable } from '../../electron/engine/mcu/cms/call-table.js';
import { parseCallListUpdate, parseRosterUpdate, parseServerFrame, parseSubscriptionUpdate } from '../../electron/engine/mcu/cms/events-codec.js';
import { CREDENTIALS, watch, type Watched } from '../engine/mcu/harness.js';
import { lastSubscriptions, startFakeCms, type FakeCms } from '../engine/mcu/fake-cms.js';
import { FUZZ_SEED, fuzzRuns } from './fuzz-target.js';

// Hostile CMS events: malformed frames, unknown message types, missing or wrong-typed fields, huge
// numbers. The codec and the call table never throw and only ever hold what the console's schema
// allows; the driver, fed the same over a real socket, stays connected and keeps applying the
// valid messages that follow.

/** Values a broken or hostile MCU might put anywhere. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, '', 'add', 'update', 'remove', 'onePlusN', 'allEqual', 'connected', 'x'.repeat(2000), '<script>', 'c1', 'p1'),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);
const FIELDS = ['participant', 'call', 'updateType', 'name', 'uri', 'state', 'audioMuted', 'videoMuted', 'activeSpeaker', 'layout', 'importance', 'reason', 'participants', 'movedParticipant', 'endpointRecording'];
const entry = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })), hostile, { maxKeys: 8 });
/** A plausible entry with a few fields turned hostile. */
const rosterEntry = fc.record({
  participant: fc.oneof(fc.constantFrom('p1', 'p2', 'p3'), hostile),
  updateType: fc.oneof(fc.constantFrom('add', 'update', 'remove'), hostile),
  name: fc.oneof(fc.string({ maxLength: 20 }), hostile),
  uri: fc.oneof(fc.constant('1001@example.vn;x-cisco-number=1001'), hostile),
  state: fc.oneof(fc.constantFrom('initial', 'ringing', 'connected', 'onHold'), hostile),
  audioMuted: fc.oneof(fc.boolean(), hostile),
  layout: fc.oneof(fc.constantFrom('allEqual', 'onePlusN', 'allEqualTwentyFifths', 'speakerOnly'), hostile),
  reason: fc.oneof(fc.constantFrom('remoteTeardown', 'localTeardown', 'callDeactivated'), hostile),
}, { requiredKeys: [] });
const callEntry = fc.record({
  call: fc.oneof(fc.constantFrom('c1', 'c2'), hostile),
  updateType: fc.oneof(fc.constantFrom('add', 'update', 'remove'), hostile),
  name: fc.oneof(fc.string({ maxLength: 20 }), hostile),
  participants: hostile,
}, { requiredKeys: [] });

const message = (type: fc.Arbitrary<unknown>, body: fc.Arbitrary<Record<string, unknown>>) =>
  fc.record({ messageId: fc.oneof(fc.nat(), hostile), type, body }).map(({ messageId, type: t, body: b }) => ({ type: 'message', message: { messageId, type: t, ...b } }));

/** One server frame: mostly well-enveloped messages with hostile bodies, some garbage. */
const frame: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: message(fc.constant('rosterUpdate'), fc.record({ subscriptionIndex: fc.oneof(fc.constantFrom(1, 2, 3), hostile), updates: fc.oneof(fc.array(fc.oneof(rosterEntry, entry), { maxLength: 6 }), hostile) }, { requiredKeys: [] })).map((m) => JSON.stringify(m)) },
  { weight: 3, arbitrary: message(fc.constant('callListUpdate'), fc.record({ subscriptionIndex: fc.oneof(fc.constant(1), hostile), updates: fc.oneof(fc.array(fc.oneof(callEntry, entry), { maxLength: 4 }), hostile) }, { requiredKeys: [] })).map((m) => JSON.stringify(m)) },
  { weight: 1, arbitrary: message(fc.constant('subscriptionUpdate'), fc.record({ subscriptions: fc.oneof(fc.array(entry, { maxLength: 3 }), hostile) }, { requiredKeys: [] })).map((m) => JSON.stringify(m)) },
  { weight: 1, arbitrary: message(fc.oneof(fc.string({ maxLength: 30 }), hostile), fc.dictionary(fc.string({ maxLength: 8 }), hostile, { maxKeys: 4 })).map((m) => JSON.stringify(m)) },
  { weight: 1, arbitrary: fc.record({ type: fc.oneof(fc.constantFrom('messageAck', 'message'), hostile), messageAck: hostile, message: hostile }, { requiredKeys: [] }).map((m) => JSON.stringify(m)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('{"type":"message","message":{"messageId":1e400,"type":"rosterUpdate"}}', '{"type":"message","message":{"messageId":-0,"type":"x"', '[]', 'null', '"message"', '{"type":"message","message":{"messageId":3,"type":"rosterUpdate","subscriptionIndex":1e999,"updates":[]}}') },
);

/** The events session's handling of one frame, over the call table alone (no socket). */
function apply(table: CallTable, text: string): void {
  const f = parseServerFrame(text);
  if (f.kind !== 'message') return;
  if (f.type === 'callListUpdate') {
    const p = parseCallListUpdate(f.message);
    if (typeof p !== 'string') table.applyCallList(p.updates);
  } else if (f.type === 'rosterUpdate') {
    const p = parseRosterUpdate(f.message);
    if (typeof p === 'string') return;
    const call = table.callForRosterIndex(p.subscriptionIndex);
    if (call) table.applyRoster(call, p.updates);
  } else if (f.type === 'subscriptionUpdate') parseSubscriptionUpdate(f.message);
}

const ViewSchema = ConferenceSchema.omit({ participants: true }).extend({ participants: ConferenceSchema.shape.participants.element.omit({ endpointId: true }).array() });

describe('CMS events codec and call table, fuzzed', () => {
  it('never throw, and hold only what the console schema allows', () => {
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 25 }), (frames) => {
        const table = new CallTable();
        table.applyCallList([{ call: 'c1', updateType: 'add', name: 'Giao ban' }]);
        table.setRosterIndex('c1', 2);
        for (const text of frames) apply(table, text);
        for (const c of table.view()) {
          const r = ViewSchema.safeParse(c);
          if (!r.success) throw new Error(`view does not validate: ${JSON.stringify(r.error.issues[0])} in ${JSON.stringify(c).slice(0, 300)}`);
        }
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(400) },
    );
  });
});

describe('CMS driver fed hostile events over its socket', () => {
  let fake: FakeCms;
  let w: Watched;
  let ws: WebSocket;

  beforeAll(async () => {
    fake = await startFakeCms();
    w = watch();
    const socket = fake.nextSocket();
    w.driver.init({ url: fake.url, ...CREDENTIALS });
    ws = await socket;
    await w.until('ok', () => w.driver.status().state === 'ok');
    fake.message(ws, 1, 'callListUpdate', { subscriptionIndex: 1, updates: [{ call: 'c1', updateType: 'add', name: 'Giao ban' }] });
    await w.until('roster subscribed', () => lastSubscriptions(fake).some((s) => s.call === 'c1'));
  });
  afterAll(async () => {
    await w?.driver.destroy();
    await fake?.close();
  });

  it('stays connected, logs within bounds, and applies the valid messages that follow', async () => {
    const frames = fc.sample(frame, { seed: FUZZ_SEED, numRuns: fuzzRuns(300) });
    const index = lastSubscriptions(fake).find((s) => s.call === 'c1')!.index;
    // Ids above any the generator uses as a plain number, so the valid message is not a "duplicate".
    let id = 1_000_000;
    for (const text of frames) fake.send(ws, text);
    fake.message(ws, id, 'rosterUpdate', { subscriptionIndex: index, updates: [{ participant: 'ok-1', updateType: 'add', name: 'Ba Bể', uri: 'babe@vc.backan.gov.vn;transport=tls', state: 'connected', layout: 'onePlusN' }] });
    await w.until('the valid participant', () => w.driver.conferences().find((c) => c.id === 'c1')?.participants.some((p) => p.id === 'ok-1') === true);
    id++;
    fake.message(ws, id, 'rosterUpdate', { subscriptionIndex: index, updates: [{ participant: 'ok-1', updateType: 'update', audioMuted: true }] });
    await w.until('its update', () => w.driver.conferences().find((c) => c.id === 'c1')?.participants.find((p) => p.id === 'ok-1')?.audioMuted === true);
    expect(w.driver.status().state).toBe('ok');
    expect(fake.sockets.filter((s) => s.readyState === s.OPEN)).toHaveLength(1);
    expect(fake.tokensIssued).toBe(1);
    // The problem log is rate-limited: a flood of bad frames cannot flood the log.
    expect(w.logs.length).toBeLessThan(100);
    expect(w.logs.join('\n')).not.toMatch(/listener threw|unexpected error|failed unexpectedly/);
    for (const c of w.driver.conferences()) expect(ViewSchema.safeParse(c).success).toBe(true);
  });
});
