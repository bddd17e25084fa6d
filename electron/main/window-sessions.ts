import type { WebContents } from 'electron';
import { ApiError } from '../../shared/api/errors.js';
import type { RpcReply } from '../../shared/api/transport.js';
import type { Identity } from '../../shared/roles.js';
import type { CallOrigin, EngineApi } from '../engine/engine-api.js';
import { NOT_USER_ACTIVITY, type RequestMeta } from '../../shared/api/transport.js';

/** Every desktop call comes through IPC from this machine's window. */
export const DESKTOP_ORIGIN: CallOrigin = { source: 'desktop', client: 'desktop' };

interface WindowSession {
  readonly token: string;
  readonly sessionId: string;
}

/**
 * The login session of each desktop window, kept in main: the renderer logs in over IPC and
 * never has to hold or send the token; later requests from the same webContents are made as
 * the identity behind it. A shared control-room workstation logs out between shifts.
 */
export class WindowSessions {
  private readonly sessions = new Map<WebContents, WindowSession>();
  private readonly stopListening: () => void;

  constructor(
    private readonly engine: EngineApi,
    /** Told when a window's session ends (logout, expiry, revoke, user disabled). */
    private readonly onEnded: (contents: WebContents) => void,
  ) {
    this.stopListening = engine.onSessionEnded((id) => {
      for (const [contents, session] of this.sessions) {
        if (session.sessionId !== id) continue;
        this.sessions.delete(contents);
        onEnded(contents);
      }
    });
  }

  /** Logs the window in (ending a session it had); the reply is the engine's, token included. */
  async login(contents: WebContents, input: unknown): Promise<RpcReply> {
    await this.end(contents);
    const reply = await this.engine.callAnonymous(DESKTOP_ORIGIN, 'login', input);
    if (reply.ok) {
      const result = reply.result as { token: string; identity: { sessionId?: string } };
      if (result.identity.sessionId) this.sessions.set(contents, { token: result.token, sessionId: result.identity.sessionId });
    }
    return reply;
  }

  /**
   * Who this window is, or null when it has no live session (never logged in, expired, ended).
   * `meta` is what the window's request says of its user's activity; a check the window's user did
   * not ask for (a subscription, a notification) leaves the idle expiry alone.
   */
  identity(contents: WebContents, meta: RequestMeta = NOT_USER_ACTIVITY): Identity | null {
    const session = this.sessions.get(contents);
    if (!session) return null;
    const identity = this.engine.authenticate(session.token, DESKTOP_ORIGIN, meta);
    if (!identity) this.sessions.delete(contents);
    return identity;
  }

  /** Like identity, but an `unauthenticated` ApiError when there is none. */
  require(contents: WebContents, meta: RequestMeta = NOT_USER_ACTIVITY): Identity {
    const identity = this.identity(contents, meta);
    if (!identity) throw new ApiError('unauthenticated', 'log in first', undefined, { reason: 'no_session' });
    return identity;
  }

  /** Ends the window's session in the engine (the window closed, or logs in anew). */
  async end(contents: WebContents): Promise<void> {
    const identity = this.identity(contents);
    this.sessions.delete(contents);
    if (identity) await this.engine.call(identity, 'logout', {});
  }

  dispose(): void {
    this.stopListening();
    for (const contents of [...this.sessions.keys()]) void this.end(contents);
  }
}
