import { z } from 'zod';

/**
 * The CMS events protocol (WebSocket `/events/v1?authToken=…`, JSON text frames), as pure
 * functions: parse and validate what the server sends, build what we send.
 *
 * Envelope: `{"type":"message","message":{"messageId":N,"type":…,…}}` both ways; every server
 * message is acknowledged with `{"type":"messageAck","messageAck":{"messageId":N,"status":"success"}}`
 * and the server acknowledges ours the same way. A `subscribeRequest` carries the client's whole
 * set of subscriptions (each with an `index` the server echoes as `subscriptionIndex`), so adding
 * one call's roster means resending the list. See cms-driver.ts for the sources of these facts.
 */

const MessageId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const MessageEnvelope = z.object({
  type: z.literal('message'),
  message: z.looseObject({ messageId: MessageId, type: z.string().min(1).max(100) }),
});
const AckEnvelope = z.object({
  type: z.literal('messageAck'),
  messageAck: z.looseObject({ messageId: MessageId, status: z.string().max(100).optional() }),
});

export type ServerFrame =
  | { readonly kind: 'message'; readonly messageId: number; readonly type: string; readonly message: Readonly<Record<string, unknown>> }
  | { readonly kind: 'ack'; readonly messageId: number; readonly status: string }
  /** Not usable; `messageId` is set when one could still be read, so the frame can be acked. */
  | { readonly kind: 'invalid'; readonly reason: string; readonly messageId: number | null };

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'frame'}: ${issue.message}` : 'invalid';
}

/** Parse one text frame from the server. Never throws. */
export function parseServerFrame(text: string): ServerFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { kind: 'invalid', reason: `malformed JSON (${(e as Error).message})`, messageId: null };
  }
  const message = MessageEnvelope.safeParse(json);
  if (message.success) {
    const m = message.data.message;
    return { kind: 'message', messageId: m.messageId, type: m.type, message: m };
  }
  const ack = AckEnvelope.safeParse(json);
  if (ack.success) {
    return { kind: 'ack', messageId: ack.data.messageAck.messageId, status: ack.data.messageAck.status ?? '' };
  }
  const id = (json as { message?: { messageId?: unknown } } | null)?.message?.messageId;
  const usableId = MessageId.safeParse(id);
  return { kind: 'invalid', reason: `unexpected frame (${describe(message.error)})`, messageId: usableId.success ? usableId.data : null };
}

export function ackFrame(messageId: number): string {
  return JSON.stringify({ type: 'messageAck', messageAck: { messageId, status: 'success' } });
}

export type Subscription =
  | { readonly index: number; readonly type: 'calls'; readonly elements: readonly string[] }
  | { readonly index: number; readonly type: 'callRoster'; readonly call: string; readonly elements: readonly string[] };

export const CALL_ELEMENTS = ['name', 'participants'] as const;
export const ROSTER_ELEMENTS = ['name', 'uri', 'state', 'direction', 'audioMuted', 'videoMuted', 'importance', 'layout', 'activeSpeaker', 'presenter'] as const;

export const callsSubscription = (index: number): Subscription => ({ index, type: 'calls', elements: CALL_ELEMENTS });
export const rosterSubscription = (index: number, call: string): Subscription => ({ index, type: 'callRoster', call, elements: ROSTER_ELEMENTS });

export function subscribeRequestFrame(messageId: number, subscriptions: readonly Subscription[]): string {
  return JSON.stringify({ type: 'message', message: { messageId, type: 'subscribeRequest', subscriptions } });
}

// --- Server message bodies. Entries are validated one by one so one bad entry costs only itself.

const UpdateType = z.enum(['add', 'update', 'remove']);
const Id = z.string().min(1).max(200);

/** Only what the call table uses is checked: an odd count of participants must not cost the call. */
export const CallUpdateSchema = z.looseObject({
  call: Id,
  updateType: UpdateType,
  name: z.string().max(1000).optional(),
});
export type CallUpdate = z.infer<typeof CallUpdateSchema>;

/** Fields are loose (`unknown`): the roster applier keeps what is valid and logs the rest. */
export const RosterUpdateSchema = z.looseObject({
  participant: Id,
  updateType: UpdateType,
});
export type RosterUpdate = z.infer<typeof RosterUpdateSchema> & Readonly<Record<string, unknown>>;

const Updates = z.object({ subscriptionIndex: z.number().int().nonnegative(), updates: z.array(z.unknown()).max(10_000) });

const SubscriptionStateSchema = z.looseObject({ index: z.number().int().nonnegative(), type: z.string().optional(), state: z.string().optional() });
export type SubscriptionState = z.infer<typeof SubscriptionStateSchema>;

export interface Parsed<T> {
  readonly subscriptionIndex: number;
  readonly updates: readonly T[];
  /** One line per entry that was dropped. */
  readonly problems: readonly string[];
}

function parseUpdates<T>(message: Readonly<Record<string, unknown>>, entry: z.ZodType<T>): Parsed<T> | string {
  const body = Updates.safeParse(message);
  if (!body.success) return describe(body.error);
  const updates: T[] = [];
  const problems: string[] = [];
  body.data.updates.forEach((raw, i) => {
    const r = entry.safeParse(raw);
    if (r.success) updates.push(r.data);
    else problems.push(`updates[${i}] dropped (${describe(r.error)})`);
  });
  return { subscriptionIndex: body.data.subscriptionIndex, updates, problems };
}

/** `callListUpdate`: the parsed body, or why it is unusable. */
export const parseCallListUpdate = (m: Readonly<Record<string, unknown>>): Parsed<CallUpdate> | string => parseUpdates(m, CallUpdateSchema);

/** `rosterUpdate`: the parsed body, or why it is unusable. */
export const parseRosterUpdate = (m: Readonly<Record<string, unknown>>): Parsed<RosterUpdate> | string =>
  parseUpdates(m, RosterUpdateSchema as z.ZodType<RosterUpdate>);

/** `subscriptionUpdate`: the subscriptions' states (pending, active, deactivated …), or why unusable. */
export function parseSubscriptionUpdate(m: Readonly<Record<string, unknown>>): readonly SubscriptionState[] | string {
  const r = z.object({ subscriptions: z.array(SubscriptionStateSchema).max(10_000) }).safeParse(m);
  return r.success ? r.data.subscriptions : describe(r.error);
}
