import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import { ApiError, describeZodError, type ApiErrorData } from '../../shared/api/errors.js';
import type { RpcReply, Unsubscribe } from '../../shared/api/transport.js';
import { IPC_CHANNELS } from '../../shared/api/ipc-channels.js';
import type { EngineApi } from '../engine/engine-api.js';
import { isAppUrl } from './window.js';
import { WindowSessions } from './window-sessions.js';
import { DesktopNotifier, NotificationSchema } from './notifications.js';
import { chooseTextSize } from './window-zoom.js';
import { MAX_USER_IDLE_MS } from '../../shared/api/transport.js';

/**
 * The console API over Electron IPC: the only place in main that touches ipcMain. Every message
 * is checked to come from our window's top frame showing our own renderer, and every payload is
 * validated before the engine sees it. The engine does roles and input schemas; this file only
 * decides *who* is calling: the account the window logged in as (WindowSessions).
 *
 * Frames: the renderer sends `{ method, input, idleMs? }` on IPC_CHANNELS.request; `login` goes
 * to the engine anonymously (origin desktop) and main keeps the token for that webContents, so
 * later requests need no token. Without a session every other request answers `unauthenticated`.
 * When the session ends, main sends `{ stream: 'session', payload: { ended: true } }` on
 * IPC_CHANNELS.event; 'session' is main's own stream (subscribing needs no login).
 */

const RequestPayloadSchema = z.object({
  method: z.string().min(1),
  input: z.unknown(),
  /** RequestMeta.userIdleMs: how long ago the window's user last touched it. */
  idleMs: z.number().int().nonnegative().max(MAX_USER_IDLE_MS).optional(),
});
const StreamSchema = z.string().min(1).max(100);
/** The contract's session stream, served by main itself for a window (its session lives here). */
export const SESSION_STREAM = 'session';

/** What main sends on IPC_CHANNELS.event: a payload, or why the subscription could not start. */
export type StreamMessage =
  | { readonly stream: string; readonly payload: unknown }
  | { readonly stream: string; readonly error: ApiErrorData };

function errorData(err: unknown): ApiErrorData {
  if (err instanceof ApiError) return err.toData();
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** The sender must be our window's webContents, its main frame, showing our renderer. */
export function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent, win: BrowserWindow): boolean {
  if (win.isDestroyed() || event.sender !== win.webContents) return false;
  const frame = event.senderFrame;
  const main = win.webContents.mainFrame;
  if (!frame || frame.parent !== null) return false;
  // Compared by id: WebFrameMain wrappers need not be the same JS object for the same frame.
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url);
}

export function serveConsoleApi(engine: EngineApi, win: BrowserWindow): () => void {
  const subscriptions = new Map<WebContents, Map<string, Unsubscribe>>();
  const cleanups = new Map<WebContents, () => void>();
  // The engine's streams end with the session; the window hears it on the 'session' stream.
  const sessions = new WindowSessions(engine, (contents) => {
    dropAll(contents);
    send(contents, { stream: SESSION_STREAM, payload: { ended: true } });
  });

  const dropAll = (contents: WebContents): void => {
    const subs = subscriptions.get(contents);
    subscriptions.delete(contents);
    for (const unsubscribe of subs?.values() ?? []) unsubscribe();
  };

  const forget = (contents: WebContents): void => {
    dropAll(contents);
    void sessions.end(contents);
    cleanups.get(contents)?.();
    cleanups.delete(contents);
  };

  /**
   * Subscriptions die with their webContents or its renderer process. A reload keeps the
   * webContents: the new page's subscribe replaces the old subscription (see onSubscribe).
   */
  const watch = (contents: WebContents): void => {
    if (cleanups.has(contents)) return;
    const onDestroyed = (): void => forget(contents);
    const onGone = (): void => dropAll(contents);
    contents.once('destroyed', onDestroyed);
    contents.on('render-process-gone', onGone);
    cleanups.set(contents, () => {
      contents.removeListener('destroyed', onDestroyed);
      contents.removeListener('render-process-gone', onGone);
    });
  };

  const send = (contents: WebContents, message: StreamMessage): void => {
    if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, message);
  };

  const onRequest = async (event: IpcMainInvokeEvent, payload: unknown): Promise<RpcReply> => {
    if (!isTrustedSender(event, win)) {
      return { ok: false, error: new ApiError('forbidden', 'request from an unknown sender refused').toData() };
    }
    const parsed = RequestPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      return {
        ok: false,
        error: new ApiError('bad_request', 'malformed IPC request: expected { method, input }', describeZodError(parsed.error)).toData(),
      };
    }
    const { method, input, idleMs } = parsed.data;
    try {
      watch(event.sender);
      if (method === 'login') return await sessions.login(event.sender, input);
      return await engine.call(sessions.require(event.sender, { userIdleMs: idleMs }), method, input);
    } catch (err) {
      // engine.call promises never to throw; if it does, the renderer still gets an answer.
      return { ok: false, error: errorData(err) };
    }
  };

  const onSubscribe = (event: IpcMainEvent, stream: unknown): void => {
    if (!isTrustedSender(event, win)) {
      console.warn('bridgepoint: subscription from an unknown sender ignored');
      return;
    }
    const contents = event.sender;
    const parsed = StreamSchema.safeParse(stream);
    if (!parsed.success) {
      send(contents, { stream: String(stream), error: new ApiError('bad_request', 'stream name must be a non-empty string').toData() });
      return;
    }
    const name = parsed.data;
    if (name === SESSION_STREAM) return; // main sends on it when the session ends; nothing to start
    watch(contents);
    let subs = subscriptions.get(contents);
    if (!subs) subscriptions.set(contents, (subs = new Map()));
    // A repeated subscribe restarts the stream, so a newly added listener gets a fresh snapshot.
    subs.get(name)?.();
    subs.delete(name);
    try {
      const unsubscribe = engine.subscribe(sessions.require(contents), name, (payload) => send(contents, { stream: name, payload }));
      subs.set(name, unsubscribe);
    } catch (err) {
      send(contents, { stream: name, error: errorData(err) });
    }
  };

  const notifier = new DesktopNotifier(win);
  /** A new alarm to tell a person who is looking elsewhere: only from our page, only once logged in. */
  const onNotify = (event: IpcMainEvent, payload: unknown): void => {
    if (!isTrustedSender(event, win) || sessions.identity(event.sender) === null) return;
    const parsed = NotificationSchema.safeParse(payload);
    if (parsed.success) notifier.show(parsed.data);
  };

  /** The desk's text-size choice: a display preference of this window, so the login page may send it too. */
  const onTextSize = (event: IpcMainEvent, choice: unknown): void => {
    if (isTrustedSender(event, win)) chooseTextSize(win, choice);
  };

  const onUnsubscribe = (event: IpcMainEvent, stream: unknown): void => {
    if (typeof stream !== 'string') return;
    const subs = subscriptions.get(event.sender);
    subs?.get(stream)?.();
    subs?.delete(stream);
  };

  ipcMain.handle(IPC_CHANNELS.request, onRequest);
  ipcMain.on(IPC_CHANNELS.subscribe, onSubscribe);
  ipcMain.on(IPC_CHANNELS.unsubscribe, onUnsubscribe);
  ipcMain.on(IPC_CHANNELS.notify, onNotify);
  ipcMain.on(IPC_CHANNELS.textSize, onTextSize);

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.request);
    ipcMain.removeListener(IPC_CHANNELS.subscribe, onSubscribe);
    ipcMain.removeListener(IPC_CHANNELS.unsubscribe, onUnsubscribe);
    ipcMain.removeListener(IPC_CHANNELS.notify, onNotify);
    ipcMain.removeListener(IPC_CHANNELS.textSize, onTextSize);
    for (const contents of [...new Set([...subscriptions.keys(), ...cleanups.keys()])]) forget(contents);
    sessions.dispose();
  };
}
