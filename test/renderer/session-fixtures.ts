import type { ConsoleApi } from '../../shared/api/console-api.js';
import type { RequestName } from '../../shared/api/contract.js';
import type { Conference, ConferencesView, Participant } from '../../shared/conference.js';

/** Participants of the test conference, named by the MCU; endpoints are the fixture network's. */
export function participant(id: string, endpointId: string | null, patch: Partial<Participant> = {}): Participant {
  return {
    id,
    endpointId,
    name: `MCU name ${id}`,
    uri: `${endpointId ?? id}@vc.example.vn`,
    state: 'connected',
    audioMuted: false,
    videoMuted: false,
    activeSpeaker: false,
    layout: 'automatic',
    ...patch,
  };
}

export const CONF_ID = 'c1';

export function conference(patch: Partial<Conference> = {}): Conference {
  return {
    id: CONF_ID,
    name: 'Giao ban trực tuyến UBND tỉnh',
    layout: 'automatic',
    rosterKnown: true,
    participants: [
      participant('p-tinh', 'ubnd-tinh-1', { activeSpeaker: true }),
      participant('p-tttt', 'so-tttt-1'),
      participant('p-babe', 'ba-be-1'),
      participant('p-chora', 'ba-be-cho-ra-1'),
      participant('p-guest', null, { name: 'Khách mời Hà Nội', uri: 'guest@hanoi.example.vn' }),
    ],
    ...patch,
  };
}

export function view(conferences: Conference[] = [conference()], mcu: Partial<ConferencesView['mcu']> = {}): ConferencesView {
  return { mcu: { state: 'ok', message: '', since: '2025-11-22T07:00:00Z', ...mcu }, conferences };
}

/** A participant changed in a view (a new view object, as the stream sends). */
export function withParticipant(v: ConferencesView, id: string, patch: Partial<Participant>): ConferencesView {
  return {
    ...v,
    conferences: v.conferences.map((c) => ({ ...c, participants: c.participants.map((p) => (p.id === id ? { ...p, ...patch } : p)) })),
  };
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Handler = (input: Record<string, unknown>) => unknown;

/** A ConsoleApi whose requests answer from handlers (a value, a promise, or a throw), recording every call. */
export function fakeApi(handlers: Partial<Record<RequestName, Handler>> = {}) {
  const calls: { method: RequestName; input: Record<string, unknown> }[] = [];
  const api: ConsoleApi = {
    call: (async (method: RequestName, input: Record<string, unknown>) => {
      calls.push({ method, input });
      const h = handlers[method];
      if (!h) return method === 'listAudit' ? [] : { target: 'x', ok: true, error: null };
      return h(input);
    }) as ConsoleApi['call'],
    on: () => () => undefined,
  };
  return { api, calls, handlers };
}

export const settle = () => new Promise((r) => setTimeout(r, 0));
