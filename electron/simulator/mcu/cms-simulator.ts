import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createEventHub } from './cms-events.js';
import { CmsModel, effectiveLayout, type CallChange, type CmsLayout, type ParticipantState, type SimCodec } from './cms-model.js';
import { handleRest, type FaultState, type RestContext } from './cms-rest.js';

/**
 * A Cisco Meeting Server (CMS) look-alike for the console's MCU driver: REST on /api/v1 and the
 * events WebSocket on /events/v1, with the inventory's codecs as the parties it can dial.
 * Faithful to the real CMS API, not to our driver. Plain HTTP here; a real CMS serves both on
 * HTTPS on the Web Admin port (443, or 445 in many deployments), which the driver supports too.
 *
 * Confirmed from public sources:
 * - Cisco's CMS API blueprint (github.com/ciscocms/apiary, apiary.apib, API 2.4+):
 *   /api/v1 with HTTP Basic auth; POST/PUT bodies x-www-form-urlencoded; GET answers text/xml,
 *   collections `<calls total="N"><call id="…">…` with offset/limit; success is 200; a POST puts the
 *   new object in `Location` (`POST /calls/<id>/participants` → `Location: /api/v1/participants/<id>`);
 *   PUT: an omitted parameter is unchanged, an empty one unsets; DELETE → 200. An id that names no
 *   object → "404 Not Found" with `<failureDetails><…DoesNotExist /></failureDetails>` (callDoesNotExist,
 *   callLegDoesNotExist); bad parameters → parameterError with `parameter` and `error` attributes;
 *   unknown URI parts → unrecognizedObject; unsupported operation → invalidOperation.
 *   Participants and call legs are distinct objects with their own ids (a participant may own several
 *   legs); `GET /participants/<id>/callLegs` lists a participant's legs (hierarchy form; one heading
 *   spells it /participant/…). PUT /callLegs/<id> takes rxAudioMute, rxVideoMute, txAudioMute,
 *   txVideoMute (true|false), chosenLayout, defaultLayout and legacy `layout` (= defaultLayout, which
 *   wins). Layouts: allEqual speakerOnly telepresence stacked allEqualQuarters allEqualNinths
 *   allEqualSixteenths allEqualTwentyFifths onePlusFive onePlusSeven onePlusNine automatic onePlusN.
 *   Leg and participant status.state: initial|ringing|connected|onHold. Call-wide settings:
 *   `PUT /calls/<id>/participants/*` (2.4+) with rxAudioMute, txAudioMute, rxVideoMute, txVideoMute,
 *   layout, importance, filterIds (≤ 20, comma-separated) and mode (exclude by default | selected):
 *   "mute all but the chair" is rxAudioMute=true&filterIds=<chair participant>. There is no layout on
 *   PUT /calls/<id>. The XML of call, callLeg and participant follows the blueprint's examples.
 * - Cisco TAC document 213812 "Cisco Meeting Server Basic API Functions": `<?xml version="1.0"?>` then
 *   the body, Content-Type text/xml; PUT and DELETE answer 200 with Content-Length 0; GET of a deleted
 *   object answers `<failureDetails><coSpaceDoesNotExist /></failureDetails>`.
 * - Open-source CMS event clients (Python clients and mock servers on GitHub; the gist "Cisco Meeting
 *   Server Events Websocket using Python websocket-client"): `POST /api/v1/authTokens` → header
 *   `X-Cisco-CMS-Auth-Token`; `wss://host:port/events/v1?authToken=…`; the message/messageAck
 *   envelopes; subscribeRequest `subscriptions[{index, type: calls|callRoster|callInfo, call, elements}]`;
 *   roster elements name uri state direction audioMuted videoMuted importance layout activeSpeaker
 *   presenter endpointRecording canMove; `callListUpdate` with subscriptionIndex and
 *   updates[{call, updateType, name, participants}]; clients resend their whole list to add a call.
 * - Mividas' CMS client: `<parameterError parameter="streamUrl" error="invalidValue" />`.
 *
 * Assumed (not found in public material; kept simple and documented here):
 * - `X-Cisco-CMS-Auth-Token-Expiry` as an ISO-8601 time; a token opens any number of event sockets
 *   until it expires (tokenTtlMs); a bad or expired token gets HTTP 401 on the upgrade.
 * - `subscriptionUpdate` = `{subscriptions:[{index, type, call?, state: active|deactivated}]}`;
 *   a roster subscription is deactivated when its call ends or does not exist; callInfo is not served.
 * - `rosterUpdate` = `{subscriptionIndex, updates:[{participant, updateType, …elements}]}`; updates
 *   carry only changed elements. A new participant comes with an empty name, then an update with
 *   its display name. Removes carry participant, updateType and a `reason` in the words of CMS's
 *   call-leg end reasons (CDR guide: remoteTeardown, localTeardown, callDeactivated).
 * - Missing acks: what a real CMS does was not found; the simulator closes the socket (1008
 *   "messageAck timeout") when a message stays unacked longer than ackTimeoutMs.
 * - `participantDoesNotExist` (absent from the 2.4 table), error="required" for a missing
 *   remoteParty/name, 405 for an unsupported method, an empty 401 with WWW-Authenticate.
 * - Dialling an unknown or busy URI: the POST still succeeds; the participant appears (initial) and
 *   is removed after answerDelayMs, as when the far end answers SIP 404/486.
 * - Roster `uri` and leg `remoteParty` without the `sip:` scheme, as in the blueprint's examples.
 * - Bulk `layout` sets each leg's defaultLayout: a leg's own chosenLayout still wins. To force one
 *   layout on everyone, PUT chosenLayout per leg (an empty chosenLayout clears an override).
 */

export interface CmsSimulatorOptions {
  readonly host?: string;
  /** 0 = any free port. */
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** The inventory's endpoints the MCU can dial. */
  readonly codecs: readonly SimCodec[];
  /** The SNMP simulator's setCall: a dialled-out codec shows as in call there too (false = it did not answer). */
  readonly onCallChange?: CallChange;
  readonly seed?: number;
  readonly initialConferences?: readonly { readonly name: string; readonly participants: readonly string[] }[];
  /** How long a dialled codec rings before connecting; default 300. */
  readonly answerDelayMs?: number;
  /** How long the legs of a codec gone dark stay before ending with reason `timeout`; default 20000. */
  readonly mediaTimeoutMs?: number;
  /** How often the active speaker moves; default 3000. */
  readonly speakerIntervalMs?: number;
  /** Unacked event messages older than this close the socket; default 30000. */
  readonly ackTimeoutMs?: number;
  /** Lifetime of an auth token for opening event sockets; default 60000. */
  readonly tokenTtlMs?: number;
  /** Roster URIs with SIP parameters (`1001@example.vn;x-cisco-number=1001`), as a real CMS reports them; default off. */
  readonly uriParameters?: boolean;
}

export interface CmsSimCallSnapshot {
  readonly id: string;
  readonly name: string;
  readonly participants: readonly {
    readonly id: string;
    readonly legId: string;
    readonly name: string;
    readonly uri: string;
    readonly endpointId: string | null;
    readonly state: ParticipantState;
    readonly audioMuted: boolean;
    readonly videoMuted: boolean;
    readonly layout: CmsLayout;
    readonly activeSpeaker: boolean;
  }[];
}

export interface CmsSimEndedLeg {
  readonly callId: string;
  readonly participantId: string;
  readonly legId: string;
  readonly endpointId: string | null;
  readonly reason: string | null;
  readonly at: number;
}

export interface CmsSimulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly faults: {
    /** Close every event socket abruptly (no close frame). */
    dropSockets(): void;
    /** POST /api/v1/authTokens answers 401 while on. */
    refuseTokens(on: boolean): void;
    /** Every REST reply waits this long (0 = off). */
    slowReplies(ms: number): void;
    /** The next N event messages are each preceded by a broken frame: bad JSON, unknown type, duplicate id. */
    malformedMessages(count: number): void;
    /** Event sockets leave WebSocket pings unanswered while on (a quiet, healthy CMS may). */
    ignorePings(on: boolean): void;
    /**
     * The open event sockets go half-open: connected, but nothing is read (no pongs, no acks) or
     * sent on them any more. New sockets work. Not undone by reset().
     */
    halfOpen(): void;
    reset(): void;
  };
  /**
   * The SNMP side saw this codec go dark: its legs end after the media timeout (reason `timeout`)
   * and do not rejoin by themselves. Returns how many legs will end.
   */
  codecLost(endpointId: string): number;
  /** For tests: the live state. */
  calls(): readonly CmsSimCallSnapshot[];
  /** For tests: the legs that ended, oldest first (the last 200), with the reason when known. */
  endedLegs(): readonly CmsSimEndedLeg[];
  /** For tests: open event sockets and their unacked messages. */
  events(): { readonly sockets: number; readonly unacked: number };
  close(): Promise<void>;
}

export async function startCmsSimulator(options: CmsSimulatorOptions): Promise<CmsSimulator> {
  const model = new CmsModel({
    codecs: options.codecs,
    seed: options.seed ?? 1,
    answerDelayMs: options.answerDelayMs ?? 300,
    speakerIntervalMs: options.speakerIntervalMs ?? 3000,
    uriParameters: options.uriParameters ?? false,
    ...(options.mediaTimeoutMs !== undefined ? { mediaTimeoutMs: options.mediaTimeoutMs } : {}),
    ...(options.onCallChange ? { onCallChange: options.onCallChange } : {}),
  });
  const ended: CmsSimEndedLeg[] = [];
  model.on((e) => {
    if (e.kind !== 'participantRemoved') return;
    const p = e.participant;
    ended.push({ callId: p.callId, participantId: p.id, legId: p.legId, endpointId: p.endpointId, reason: e.reason ?? null, at: Date.now() });
    if (ended.length > 200) ended.shift();
  });
  try {
    for (const conf of options.initialConferences ?? []) {
      const call = model.createCall(conf.name);
      for (const endpointId of conf.participants) model.addConnected(call, endpointId);
    }
  } catch (e) {
    model.close();
    throw e;
  }

  const faults: FaultState = { refuseTokens: false, slowMs: 0, malformedLeft: 0, ignorePings: false };
  const tokens = new Map<string, number>();
  const ctx: RestContext = { model, username: options.username, password: options.password, tokens, tokenTtlMs: options.tokenTtlMs ?? 60_000, faults };
  const hub = createEventHub({ model, tokens, faults, ackTimeoutMs: options.ackTimeoutMs ?? 30_000 });

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cms.invalid');
    if (url.pathname !== '/api/v1' && !url.pathname.startsWith('/api/v1/')) {
      res.writeHead(404, { 'Content-Length': 0 }).end();
      return;
    }
    handleRest(ctx, req, res, url).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Length': 0 });
      res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
  server.on('clientError', (_err, socket: Socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  }).catch((e: unknown) => {
    hub.close();
    model.close();
    throw e;
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    faults: {
      dropSockets: () => hub.dropAll(),
      refuseTokens: (on) => void (faults.refuseTokens = on),
      slowReplies: (ms) => void (faults.slowMs = Math.max(0, ms)),
      malformedMessages: (count) => void (faults.malformedLeft = Math.max(0, Math.floor(count))),
      ignorePings: (on) => void (faults.ignorePings = on),
      halfOpen: () => hub.halfOpenAll(),
      reset: () => Object.assign(faults, { refuseTokens: false, slowMs: 0, malformedLeft: 0, ignorePings: false }),
    },
    codecLost: (endpointId) => model.codecLost(endpointId),
    endedLegs: () => [...ended],
    calls: () =>
      [...model.calls.values()].map((c) => ({
        id: c.id,
        name: c.name,
        participants: [...c.participants.values()].map((p) => ({
          id: p.id, legId: p.legId, name: p.name, uri: p.uri, endpointId: p.endpointId, state: p.state,
          audioMuted: p.leg.rxAudioMute, videoMuted: p.leg.rxVideoMute, layout: effectiveLayout(p.leg), activeSpeaker: p.activeSpeaker,
        })),
      })),
    events: () => hub.stats(),
    close: () =>
      (closing ??= (async () => {
        model.close();
        hub.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })()),
  };
}
