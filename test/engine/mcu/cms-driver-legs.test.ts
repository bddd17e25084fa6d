import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { McuActionError } from '../../../electron/engine/mcu/mcu-driver.js';
import { CREDENTIALS, watch, type Watched } from './harness.js';
import { lastSubscriptions, startFakeCms, type FakeCms, type RestReply } from './fake-cms.js';

// Participants with several call legs (every leg gets the action; refusals on some are named), and
// the whole-call layout decided from the layouts the roster reports, not from what this console set.

let fake: FakeCms;
let w: Watched;
let ws: WebSocket;
let rosterIndex: number;
let nextId: number;
let requests: string[];
let replies: Record<string, RestReply | RestReply[]>;

afterEach(async () => {
  await w?.driver.destroy();
  await fake?.close();
});

const xml = (body: string, status = 200): RestReply => ({ status, body: `<?xml version="1.0"?>${body}` });
const legs = (...ids: string[]): RestReply => xml(`<callLegs total="${ids.length}">${ids.map((id) => `<callLeg id="${id}"><call>c1</call></callLeg>`).join('')}</callLegs>`);
const failure = (status: number, inner: string): RestReply => xml(`<failureDetails>${inner}</failureDetails>`, status);
const OK: RestReply = { status: 200 };

function roster(updates: Record<string, unknown>[]): void {
  fake.message(ws, nextId++, 'rosterUpdate', { subscriptionIndex: rosterIndex, updates });
}

/** A fake MCU with call c1 and the given roster; REST answers come from `replies` ("PUT /api/v1/…"). */
async function setUp(entries: Record<string, unknown>[], layoutSettleMs = 300): Promise<void> {
  fake = await startFakeCms();
  requests = [];
  replies = {};
  nextId = 1;
  const defaultRest = fake.rest;
  fake.rest = (method, path, body) => {
    const key = `${method} ${path}`;
    if (path !== '/api/v1/authTokens') requests.push(body ? `${key} ${body}` : key);
    const reply = replies[key];
    if (Array.isArray(reply)) return reply.length > 1 ? reply.shift() : reply[0];
    return reply ?? defaultRest(method, path, body);
  };
  w = watch({ layoutSettleMs });
  const socket = fake.nextSocket();
  w.driver.init({ url: fake.url, ...CREDENTIALS });
  ws = await socket;
  await w.until('ok', () => w.driver.status().state === 'ok');
  fake.message(ws, nextId++, 'callListUpdate', { subscriptionIndex: 1, updates: [{ call: 'c1', updateType: 'add', name: 'Giao ban' }] });
  await w.until('roster subscribed', () => lastSubscriptions(fake).some((s) => s.call === 'c1'));
  rosterIndex = lastSubscriptions(fake).find((s) => s.call === 'c1')!.index;
  roster(entries.map((e) => ({ updateType: 'add', state: 'connected', ...e })));
  await w.until('roster', () => w.driver.conferences()[0]?.participants.length === entries.length);
}

const refusal = async (p: Promise<unknown>): Promise<McuActionError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(McuActionError);
    return e as McuActionError;
  }
  throw new Error('expected a refusal');
};

describe('a participant with several call legs', () => {
  it('gets mute, layout and disconnect on every leg', async () => {
    await setUp([{ participant: 'p1', name: 'Ba Bể' }]);
    replies['GET /api/v1/participants/p1/callLegs'] = legs('leg-a', 'leg-b');
    replies['PUT /api/v1/callLegs/leg-a'] = OK;
    replies['PUT /api/v1/callLegs/leg-b'] = OK;
    replies['DELETE /api/v1/callLegs/leg-a'] = OK;
    replies['DELETE /api/v1/callLegs/leg-b'] = OK;
    await w.driver.setMute('c1', 'p1', { audio: true });
    await w.driver.setParticipantLayout('c1', 'p1', 'stacked');
    await w.driver.disconnect('c1', 'p1');
    expect(requests).toEqual([
      'GET /api/v1/participants/p1/callLegs',
      'PUT /api/v1/callLegs/leg-a rxAudioMute=true',
      'PUT /api/v1/callLegs/leg-b rxAudioMute=true',
      'PUT /api/v1/callLegs/leg-a chosenLayout=stacked',
      'PUT /api/v1/callLegs/leg-b chosenLayout=stacked',
      'DELETE /api/v1/callLegs/leg-a',
      'DELETE /api/v1/callLegs/leg-b',
    ]);
  });

  it('a refusal on one leg does not stop the others, and is reported naming that leg', async () => {
    await setUp([{ participant: 'p1', name: 'Ba Bể' }]);
    replies['GET /api/v1/participants/p1/callLegs'] = legs('leg-a', 'leg-b', 'leg-c');
    replies['PUT /api/v1/callLegs/leg-a'] = failure(500, '<databaseNotReady />');
    replies['PUT /api/v1/callLegs/leg-b'] = OK;
    replies['PUT /api/v1/callLegs/leg-c'] = OK;
    const e = await refusal(w.driver.setMute('c1', 'p1', { video: true }));
    expect(e.message).toBe('Mute applied to 2 of 3 call legs of participant "Ba Bể" (p1); failed on 1: leg-a: MCU refused PUT /api/v1/callLegs/leg-a: 500 databaseNotReady');
    expect(e).toMatchObject({ detail: 'databaseNotReady', status: 500 });
    expect(e.params).toEqual({ reason: 'call_legs_partly_failed', participant: '"Ba Bể" (p1)', failed: 1, total: 3, legs: 'leg-a' });
    expect(requests.filter((r) => r.startsWith('PUT'))).toHaveLength(3);
    // Not a stale-leg problem: the legs stay cached, the next action does not look them up again.
    replies['PUT /api/v1/callLegs/leg-a'] = OK;
    await w.driver.setMute('c1', 'p1', { video: false });
    expect(requests.filter((r) => r.startsWith('GET'))).toHaveLength(1);
  });

  it('refused on every leg: call_legs_failed, each leg named', async () => {
    await setUp([{ participant: 'p1', name: 'Ba Bể' }]);
    replies['GET /api/v1/participants/p1/callLegs'] = legs('leg-a', 'leg-b');
    replies['DELETE /api/v1/callLegs/leg-a'] = failure(503, '');
    replies['DELETE /api/v1/callLegs/leg-b'] = failure(400, '<parameterError parameter="x" error="invalidValue" />');
    const e = await refusal(w.driver.disconnect('c1', 'p1'));
    expect(e.message).toMatch(/^Disconnect failed on all 2 call legs of participant "Ba Bể" \(p1\): leg-a: .*503.*; leg-b: .*parameterError/);
    expect(e.params).toMatchObject({ reason: 'call_legs_failed', failed: 2, total: 2, legs: 'leg-a, leg-b' });
  });

  it('one leg only: its own error, without a leg count', async () => {
    await setUp([{ participant: 'p1', name: 'Ba Bể' }]);
    replies['GET /api/v1/participants/p1/callLegs'] = legs('leg-a');
    replies['PUT /api/v1/callLegs/leg-a'] = failure(500, '<databaseNotReady />');
    const e = await refusal(w.driver.setMute('c1', 'p1', { audio: true }));
    expect(e.message).toBe('MCU refused PUT /api/v1/callLegs/leg-a: 500 databaseNotReady');
    expect(e.params).toBeUndefined();
  });

  it('a cached leg that is gone: looked up again, and only the legs not yet done are tried', async () => {
    await setUp([{ participant: 'p1', name: 'Ba Bể' }]);
    replies['GET /api/v1/participants/p1/callLegs'] = [legs('leg-a', 'leg-b'), legs('leg-a', 'leg-c')];
    replies['PUT /api/v1/callLegs/leg-a'] = OK;
    replies['PUT /api/v1/callLegs/leg-b'] = [OK, failure(404, '<callLegDoesNotExist />')];
    replies['PUT /api/v1/callLegs/leg-c'] = OK;
    await w.driver.setMute('c1', 'p1', { audio: true });
    requests.length = 0;
    await w.driver.setMute('c1', 'p1', { audio: false });
    expect(requests).toEqual([
      'PUT /api/v1/callLegs/leg-a rxAudioMute=false',
      'PUT /api/v1/callLegs/leg-b rxAudioMute=false',
      'GET /api/v1/participants/p1/callLegs',
      'PUT /api/v1/callLegs/leg-c rxAudioMute=false',
    ]);
  });
});

describe('whole-call layout, decided from the roster', () => {
  it('only participants the roster still shows in another layout get it on their legs', async () => {
    await setUp([
      { participant: 'p1', name: 'A', layout: 'allEqual' },
      { participant: 'p2', name: 'B', layout: 'speakerOnly' },
      { participant: 'p3', name: 'C', layout: 'onePlusN' },
    ]);
    replies['PUT /api/v1/calls/c1/participants/*'] = OK;
    replies['GET /api/v1/participants/p2/callLegs'] = legs('leg-2');
    replies['PUT /api/v1/callLegs/leg-2'] = OK;
    const done = w.driver.setConferenceLayout('c1', 'stacked');
    await w.until('the bulk request', () => requests.length === 1);
    // The MCU moves p1 and p3 (their legs follow the call's default); p2 keeps its own layout.
    roster([{ participant: 'p1', updateType: 'update', layout: 'stacked' }, { participant: 'p3', updateType: 'update', layout: 'stacked' }]);
    await done;
    expect(requests).toEqual(['PUT /api/v1/calls/c1/participants/* layout=stacked', 'GET /api/v1/participants/p2/callLegs', 'PUT /api/v1/callLegs/leg-2 chosenLayout=stacked']);
    expect(w.logs.join('\n')).toMatch(/1 participant\(s\) still show another layout/);
  });

  it('what this console set earlier does not matter: a participant the roster shows moved gets no extra request', async () => {
    await setUp([{ participant: 'p1', name: 'A', layout: 'allEqual' }], 5_000);
    replies['GET /api/v1/participants/p1/callLegs'] = legs('leg-1');
    replies['PUT /api/v1/callLegs/leg-1'] = OK;
    replies['PUT /api/v1/calls/c1/participants/*'] = OK;
    await w.driver.setParticipantLayout('c1', 'p1', 'speakerOnly');
    roster([{ participant: 'p1', updateType: 'update', layout: 'speakerOnly' }]);
    // Someone else (Meeting Management, another console) clears p1's own layout meanwhile.
    roster([{ participant: 'p1', updateType: 'update', layout: 'allEqual' }]);
    await w.until('p1 back in allEqual', () => w.driver.conferences()[0]!.participants[0]!.layout === 'allEqual');
    requests.length = 0;
    const started = Date.now();
    const done = w.driver.setConferenceLayout('c1', 'onePlusFive');
    await w.until('the bulk request', () => requests.length === 1);
    roster([{ participant: 'p1', updateType: 'update', layout: 'onePlusFive' }]);
    await done;
    // Settled as soon as the roster showed everyone in the layout, long before the 5 s limit.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(requests).toEqual(['PUT /api/v1/calls/c1/participants/* layout=onePlusFive']);
  });

  it('a participant whose own layout this console never set still gets the call layout', async () => {
    await setUp([{ participant: 'p1', name: 'A', layout: 'telepresence' }]);
    replies['PUT /api/v1/calls/c1/participants/*'] = OK;
    replies['GET /api/v1/participants/p1/callLegs'] = legs('leg-1a', 'leg-1b');
    replies['PUT /api/v1/callLegs/leg-1a'] = OK;
    replies['PUT /api/v1/callLegs/leg-1b'] = OK;
    await w.driver.setConferenceLayout('c1', 'allEqualNinths');
    expect(requests).toEqual([
      'PUT /api/v1/calls/c1/participants/* layout=allEqualNinths',
      'GET /api/v1/participants/p1/callLegs',
      'PUT /api/v1/callLegs/leg-1a chosenLayout=allEqualNinths',
      'PUT /api/v1/callLegs/leg-1b chosenLayout=allEqualNinths',
    ]);
  });

  it('stragglers refused: the refusal names how many participants, with the catalogue reason', async () => {
    await setUp([{ participant: 'p1', name: 'A', layout: 'telepresence' }, { participant: 'p2', name: 'B', layout: 'telepresence' }]);
    replies['PUT /api/v1/calls/c1/participants/*'] = OK;
    replies['GET /api/v1/participants/p1/callLegs'] = legs('leg-1');
    replies['GET /api/v1/participants/p2/callLegs'] = legs('leg-2');
    replies['PUT /api/v1/callLegs/leg-1'] = OK;
    replies['PUT /api/v1/callLegs/leg-2'] = failure(500, '<databaseNotReady />');
    const e = await refusal(w.driver.setConferenceLayout('c1', 'stacked'));
    expect(e.message).toMatch(/^Layout not applied to 1 of 2 participants: B: /);
    expect(e.params).toEqual({ reason: 'participants_partly_failed', failed: 1, total: 2 });
  });
});

describe('layouts and URIs as a real CMS reports them', () => {
  it('a layout the console cannot set is kept by name, and the roster keeps working', async () => {
    await setUp([{ participant: 'p1', name: 'A', layout: 'onePlusN' }, { participant: 'p2', name: 'B', layout: 'onePlusN' }]);
    expect(w.driver.conferences()[0]).toMatchObject({ layout: 'onePlusN', participants: [{ layout: 'onePlusN' }, { layout: 'onePlusN' }] });
    roster([{ participant: 'p2', updateType: 'update', layout: 'allEqualTwentyFifths', audioMuted: true }]);
    await w.until('p2 updated', () => w.driver.conferences()[0]!.participants[1]!.audioMuted === true);
    expect(w.driver.conferences()[0]).toMatchObject({ layout: null, participants: [{ layout: 'onePlusN' }, { layout: 'allEqualTwentyFifths' }] });
  });

  it('a removal is logged with the reason the MCU gave', async () => {
    await setUp([{ participant: 'p1', name: 'Ba Bể', uri: '1001@example.vn;x-cisco-number=1001' }]);
    roster([{ participant: 'p1', updateType: 'remove', reason: 'remoteTeardown' }]);
    await w.until('p1 gone', () => w.driver.conferences()[0]!.participants.length === 0);
    expect(w.logs).toContain('[cms] participant "Ba Bể" 1001@example.vn;x-cisco-number=1001 left call "Giao ban" (remoteTeardown)');
  });
});
