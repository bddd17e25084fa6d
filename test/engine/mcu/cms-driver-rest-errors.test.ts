import { afterEach, describe, expect, it } from 'vitest';
import { McuActionError } from '../../../electron/engine/mcu/mcu-driver.js';
import type { CmsMcuDriver } from '../../../electron/engine/mcu/cms/cms-driver.js';
import { CREDENTIALS, watch, type Watched } from './harness.js';
import { lastSubscriptions, startFakeCms, type FakeCms, type RestReply } from './fake-cms.js';

// MCU answers the simulator does not give: 5xx with failure details, busy, a participant on another
// Call Bridge, unreadable XML, stale call-leg ids, no Location, no bulk layout node, token trouble.

let fake: FakeCms;
let w: Watched;
let requests: string[];
let replies: Record<string, RestReply | RestReply[]>;

afterEach(async () => {
  await w?.driver.destroy();
  await fake?.close();
});

const xml = (body: string, status = 200): RestReply => ({ status, body: `<?xml version="1.0"?>${body}` });
const legs = (...ids: string[]): RestReply => xml(`<callLegs total="${ids.length}">${ids.map((id) => `<callLeg id="${id}"><call>c1</call></callLeg>`).join('')}</callLegs>`);
const failure = (status: number, inner: string): RestReply => xml(`<failureDetails>${inner}</failureDetails>`, status);

/** A fake MCU with call c1 whose roster is p1 (and p2); REST answers come from `replies` ("PUT /api/v1/…"). */
async function setUp(): Promise<void> {
  fake = await startFakeCms();
  requests = [];
  replies = {};
  const defaultRest = fake.rest;
  fake.rest = (method, path, body) => {
    const key = `${method} ${path}`;
    if (path !== '/api/v1/authTokens') requests.push(body ? `${key} ${body}` : key);
    const reply = replies[key];
    if (Array.isArray(reply)) return reply.length > 1 ? reply.shift() : reply[0];
    return reply ?? defaultRest(method, path, body);
  };
  w = watch();
  const socket = fake.nextSocket();
  w.driver.init({ url: fake.url, ...CREDENTIALS });
  const ws = await socket;
  await w.until('ok', () => w.driver.status().state === 'ok');
  fake.message(ws, 1, 'callListUpdate', { subscriptionIndex: 1, updates: [{ call: 'c1', updateType: 'add', name: 'Hội nghị' }] });
  await w.until('roster subscribed', () => lastSubscriptions(fake).some((s) => s.call === 'c1'));
  const index = lastSubscriptions(fake).find((s) => s.call === 'c1')!.index;
  fake.message(ws, 2, 'rosterUpdate', {
    subscriptionIndex: index,
    updates: [
      { participant: 'p1', updateType: 'add', name: 'A', state: 'connected' },
      { participant: 'p2', updateType: 'add', name: 'B', state: 'connected' },
    ],
  });
  await w.until('roster', () => w.driver.conferences()[0]?.participants.length === 2);
}

const refusal = (p: Promise<unknown>): Promise<McuActionError> =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(McuActionError);
      return e as McuActionError;
    },
  );

describe('MCU error answers', () => {
  it('5xx and 4xx with failure details become McuActionError with the reason and status', async () => {
    await setUp();
    replies['GET /api/v1/participants/p1/callLegs'] = legs('leg-1');
    replies['PUT /api/v1/callLegs/leg-1'] = [failure(500, '<databaseNotReady />'), failure(400, '<parameterError parameter="chosenLayout" error="invalidValue" />'), { status: 503 }];
    const e500 = await refusal(w.driver.setMute('c1', 'p1', { audio: true }));
    expect(e500).toMatchObject({ message: 'MCU refused PUT /api/v1/callLegs/leg-1: 500 databaseNotReady', detail: 'databaseNotReady', status: 500 });
    const e400 = await refusal(w.driver.setParticipantLayout('c1', 'p1', 'stacked'));
    expect(e400.detail).toBe('parameterError (parameter=chosenLayout, error=invalidValue)');
    expect(e400.status).toBe(400);
    const e503 = await refusal(w.driver.setMute('c1', 'p1', { audio: true }));
    expect(e503.message).toBe('MCU refused PUT /api/v1/callLegs/leg-1: 503 busy, try again');
    expect(requests).toEqual([
      'GET /api/v1/participants/p1/callLegs',
      'PUT /api/v1/callLegs/leg-1 rxAudioMute=true',
      'PUT /api/v1/callLegs/leg-1 chosenLayout=stacked',
      'PUT /api/v1/callLegs/leg-1 rxAudioMute=true',
    ]);
    expect(w.driver.status().state).toBe('ok');
  });

  it('a stale cached call leg is looked up again once', async () => {
    await setUp();
    replies['GET /api/v1/participants/p1/callLegs'] = [legs('leg-1'), legs('leg-2')];
    replies['PUT /api/v1/callLegs/leg-1'] = [{ status: 200 }, failure(404, '<callLegDoesNotExist />')];
    replies['PUT /api/v1/callLegs/leg-2'] = { status: 200 };
    await w.driver.setMute('c1', 'p1', { audio: true });
    await w.driver.setMute('c1', 'p1', { video: false });
    expect(requests).toEqual([
      'GET /api/v1/participants/p1/callLegs',
      'PUT /api/v1/callLegs/leg-1 rxAudioMute=true',
      'PUT /api/v1/callLegs/leg-1 rxVideoMute=false',
      'GET /api/v1/participants/p1/callLegs',
      'PUT /api/v1/callLegs/leg-2 rxVideoMute=false',
    ]);
  });

  it('participants the MCU cannot act on here are explained', async () => {
    await setUp();
    replies['GET /api/v1/participants/p1/callLegs'] = xml('<callLegs total="0"><callBridge id="cb-2" /></callLegs>');
    replies['GET /api/v1/participants/p2/callLegs'] = xml('<callLegs total="1"><callLeg id="x"><name>unterminated');
    expect((await refusal(w.driver.disconnect('c1', 'p1'))).message).toBe('Participant p1 is hosted on another Call Bridge (cb-2); control it there');
    expect((await refusal(w.driver.disconnect('c1', 'p2'))).message).toMatch(/^Unreadable answer to GET \/api\/v1\/participants\/p2\/callLegs: /);
  });

  it('dial-out without a Location still succeeds, with no participant id', async () => {
    await setUp();
    replies['POST /api/v1/calls/c1/participants'] = { status: 200 };
    await expect(w.driver.dialOut('c1', 'sip:nari@vc.backan.gov.vn')).resolves.toEqual({ participantId: null });
    // The reference's remoteParty form: the bare address, no sip: scheme.
    expect(requests).toEqual(['POST /api/v1/calls/c1/participants remoteParty=nari%40vc.backan.gov.vn']);
  });

  it('without the bulk participants node, the call layout is set leg by leg', async () => {
    await setUp();
    replies['GET /api/v1/participants/p1/callLegs'] = legs('leg-1');
    replies['GET /api/v1/participants/p2/callLegs'] = legs('leg-2a', 'leg-2b');
    for (const leg of ['leg-1', 'leg-2a', 'leg-2b']) replies[`PUT /api/v1/callLegs/${leg}`] = { status: 200 };
    await w.driver.setConferenceLayout('c1', 'telepresence');
    expect(requests).toEqual([
      'PUT /api/v1/calls/c1/participants/* layout=telepresence',
      'GET /api/v1/participants/p1/callLegs',
      'PUT /api/v1/callLegs/leg-1 chosenLayout=telepresence',
      'GET /api/v1/participants/p2/callLegs',
      'PUT /api/v1/callLegs/leg-2a chosenLayout=telepresence',
      'PUT /api/v1/callLegs/leg-2b chosenLayout=telepresence',
    ]);
    expect(w.logs.join('\n')).toMatch(/participants\/\* not supported/);
  });

  it('without the bulk node, mute-all goes participant by participant, skipping the chair', async () => {
    await setUp();
    replies['GET /api/v1/participants/p2/callLegs'] = legs('leg-2');
    replies['PUT /api/v1/callLegs/leg-2'] = { status: 200 };
    await (w.driver as CmsMcuDriver).setMuteAll('c1', { audio: true }, ['p1']);
    expect(requests).toEqual([
      'PUT /api/v1/calls/c1/participants/* rxAudioMute=true&filterIds=p1&mode=exclude',
      'GET /api/v1/participants/p2/callLegs',
      'PUT /api/v1/callLegs/leg-2 rxAudioMute=true',
    ]);
  });

  it('a call that ended meanwhile: the call layout fails with callDoesNotExist, no fallback', async () => {
    await setUp();
    replies['PUT /api/v1/calls/c1/participants/*'] = failure(404, '<callDoesNotExist />');
    expect(await refusal(w.driver.setConferenceLayout('c1', 'stacked'))).toMatchObject({ detail: 'callDoesNotExist', status: 404 });
    expect(requests).toHaveLength(1);
  });
});

describe('token trouble', () => {
  it('a token answer without the header, or a 5xx, is a disconnection, not an auth failure', async () => {
    fake = await startFakeCms();
    let calls = 0;
    fake.rest = () => (++calls === 1 ? { status: 200 } : failure(500, '<databaseNotReady />'));
    w = watch();
    w.driver.init({ url: fake.url, ...CREDENTIALS });
    await w.until('two attempts', () => w.statuses.filter((s) => s.state === 'disconnected').length >= 2);
    const messages = w.statuses.filter((s) => s.state === 'disconnected').map((s) => s.message);
    expect(messages[0]).toMatch(/^no X-Cisco-CMS-Auth-Token header from POST \/api\/v1\/authTokens; retrying in/);
    expect(messages[1]).toMatch(/^500 databaseNotReady from POST \/api\/v1\/authTokens; retrying in/);
    expect(w.statuses.some((s) => s.state === 'auth_failed')).toBe(false);
  });

  it('configUpdated to another MCU forgets the old one\'s conferences and reconnects', async () => {
    await setUp();
    const other = await startFakeCms();
    try {
      w.driver.configUpdated({ url: other.url, ...CREDENTIALS });
      expect(w.driver.conferences()).toEqual([]);
      await w.until('ok on the other MCU', () => w.driver.status().state === 'ok' && other.tokensIssued === 1);
      expect(fake.sockets).toHaveLength(0);
    } finally {
      await w.driver.destroy();
      await other.close();
    }
  });
});
