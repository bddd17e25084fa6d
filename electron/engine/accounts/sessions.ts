import { createHash, randomBytes } from 'node:crypto';
import type { SessionInfo } from '../../../shared/accounts.js';
import { MAX_USER_IDLE_MS, type RequestMeta } from '../../../shared/api/transport.js';
import type { Identity, Role } from '../../../shared/roles.js';
import type { CallOrigin } from '../engine-api.js';

/**
 * Login sessions, in memory (a restart logs everyone out). The bearer token is 32 random bytes
 * handed once to the person who logged in; only its SHA-256 is kept, so a memory dump or a log
 * of this map cannot be replayed. The public session id is a separate random value.
 */
export interface SessionOwner {
  readonly user: string;
  readonly role: Role;
  readonly scope: readonly string[];
  readonly displayName: string;
}

export interface SessionOptions {
  /** Idle expiry in seconds (default 30 minutes). */
  readonly idleTimeoutS?: number;
  /** Absolute expiry in seconds (default 12 hours). */
  readonly absoluteTimeoutS?: number;
  readonly now?: () => number;
}

export type SessionEndReason = 'logout' | 'revoked' | 'expired' | 'user_changed' | 'password_changed';

interface Session {
  readonly id: string;
  readonly tokenHash: string;
  readonly owner: SessionOwner;
  readonly source: string;
  readonly client: CallOrigin['client'];
  readonly createdAt: number;
  readonly absoluteExpiresAt: number;
  lastSeenAt: number;
}

export interface CreatedSession {
  readonly token: string;
  readonly id: string;
  readonly identity: Identity;
  readonly absoluteExpiresAt: number;
}

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class SessionStore {
  private readonly byHash = new Map<string, Session>();
  private readonly byId = new Map<string, Session>();
  private readonly listeners = new Set<(id: string, reason: SessionEndReason) => void>();
  readonly idleTimeoutS: number;
  readonly absoluteTimeoutS: number;
  private readonly now: () => number;

  constructor(options: SessionOptions = {}) {
    this.idleTimeoutS = options.idleTimeoutS ?? 30 * 60;
    this.absoluteTimeoutS = options.absoluteTimeoutS ?? 12 * 60 * 60;
    this.now = options.now ?? Date.now;
  }

  create(owner: SessionOwner, origin: CallOrigin): CreatedSession {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const session: Session = {
      id: randomBytes(16).toString('base64url'),
      tokenHash: sha256(token),
      owner,
      source: origin.source,
      client: origin.client,
      createdAt: now,
      absoluteExpiresAt: now + this.absoluteTimeoutS * 1000,
      lastSeenAt: now,
    };
    this.byHash.set(session.tokenHash, session);
    this.byId.set(session.id, session);
    return { token, id: session.id, identity: this.identity(session, origin), absoluteExpiresAt: session.absoluteExpiresAt };
  }

  /**
   * The caller behind a token, or null. A hit pushes the idle expiry back to the user's last
   * activity: `meta.userIdleMs` before now (a console that only polls by itself states how long
   * its user has been away), or now when the request does not say.
   */
  authenticate(token: string, origin: CallOrigin, meta: RequestMeta = {}): Identity | null {
    if (!TOKEN_PATTERN.test(token)) return null;
    const session = this.byHash.get(sha256(token));
    if (!session) return null;
    const now = this.now();
    if (this.expired(session, now)) {
      this.end(session.id, 'expired');
      return null;
    }
    const idleMs = Math.min(MAX_USER_IDLE_MS, Math.max(0, meta.userIdleMs ?? 0));
    session.lastSeenAt = Math.max(session.lastSeenAt, now - idleMs);
    return this.identity(session, origin);
  }

  /** The session's user, for checks such as "is this my own session". */
  owner(id: string): SessionOwner | null {
    return this.byId.get(id)?.owner ?? null;
  }

  /** Ends one session; false when there is no such (live) session. */
  end(id: string, reason: SessionEndReason): boolean {
    const session = this.byId.get(id);
    if (!session) return false;
    this.byId.delete(id);
    this.byHash.delete(session.tokenHash);
    for (const listener of [...this.listeners]) {
      try {
        listener(id, reason);
      } catch (e) {
        console.error('bridgepoint: a session-ended listener failed:', e);
      }
    }
    return true;
  }

  /** Ends every session of a user (but `except`, the caller's own, when given); returns how many. */
  endForUser(user: string, reason: SessionEndReason, except?: string): number {
    const ids = [...this.byId.values()].filter((s) => s.owner.user === user && s.id !== except).map((s) => s.id);
    for (const id of ids) this.end(id, reason);
    return ids.length;
  }

  /** Ends the sessions past their idle or absolute expiry. */
  sweep(): number {
    const now = this.now();
    const ids = [...this.byId.values()].filter((s) => this.expired(s, now)).map((s) => s.id);
    for (const id of ids) this.end(id, 'expired');
    return ids.length;
  }

  list(currentId: string | undefined): SessionInfo[] {
    this.sweep();
    const iso = (ms: number): string => new Date(ms).toISOString();
    return [...this.byId.values()]
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((s) => ({
        id: s.id,
        user: s.owner.user,
        role: s.owner.role,
        source: s.source,
        client: s.client,
        createdAt: iso(s.createdAt),
        lastSeenAt: iso(s.lastSeenAt),
        expiresAt: iso(this.expiresAt(s)),
        current: s.id === currentId,
      }));
  }

  get size(): number {
    return this.byId.size;
  }

  onEnded(listener: (id: string, reason: SessionEndReason) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private expiresAt(s: Session): number {
    return Math.min(s.lastSeenAt + this.idleTimeoutS * 1000, s.absoluteExpiresAt);
  }

  private expired(s: Session, now: number): boolean {
    return now >= this.expiresAt(s);
  }

  private identity(s: Session, origin: CallOrigin): Identity {
    return {
      user: s.owner.user,
      role: s.owner.role,
      scope: [...s.owner.scope],
      sessionId: s.id,
      source: origin.source,
      client: origin.client,
    };
  }
}
