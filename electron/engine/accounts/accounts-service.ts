import { randomBytes } from 'node:crypto';
import type { LoginInput, LoginResult } from '../../../shared/accounts.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { RequestMeta, Unsubscribe } from '../../../shared/api/transport.js';
import type { Identity } from '../../../shared/roles.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import type { CallOrigin } from '../engine-api.js';
import type { Handlers } from '../rpc/dispatch.js';
import { planFirstRun, type CreatedAccount } from './first-run.js';
import { LoginBackoff, type BackoffOptions } from './login-backoff.js';
import { OWASP_SCRYPT, hashCost, hashPassword, verifyPassword, type ScryptCost } from './password.js';
import { SessionStore } from './sessions.js';
import { UserStore, publicUser } from './user-store.js';

export interface AccountsOptions {
  readonly db: Database;
  readonly audit: AuditLog;
  /** The inventory's site ids (scopes are checked against them). */
  readonly siteIds: () => Iterable<string>;
  /** log2 of scrypt's N (default 17, OWASP); tests lower it. */
  readonly scryptCost?: number;
  readonly idleTimeoutS?: number;
  readonly absoluteTimeoutS?: number;
  readonly backoff?: BackoffOptions;
  readonly now?: () => number;
  /** How often expired sessions are swept (and their listeners told); default 30 s. */
  readonly sweepMs?: number;
}

type AccountHandlers = Pick<Handlers, 'logout' | 'listUsers' | 'createUser' | 'updateUser' | 'deleteUser' | 'setPassword' | 'listSessions' | 'revokeSession' | 'whoami'>;

const WRONG = 'wrong user name or password';
/** What a session with a one-time password may still do: change it, see who it is, leave. */
const BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set(['setPassword', 'whoami', 'logout', 'getHealth']);

/** Accounts, passwords and login sessions: the engine's answer to "who is calling". */
export class Accounts {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly backoff: LoginBackoff;
  private readonly cost: ScryptCost;
  private readonly audit: AuditLog;
  /** Verified against when the account does not exist, so an unknown name costs the same time. */
  private readonly dummyHash: Promise<string>;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(private readonly options: AccountsOptions) {
    const now = options.now ?? Date.now;
    this.cost = { ...OWASP_SCRYPT, log2N: options.scryptCost ?? OWASP_SCRYPT.log2N };
    this.audit = options.audit;
    this.users = new UserStore(options.db, options.siteIds, () => new Date(now()));
    this.sessions = new SessionStore({ idleTimeoutS: options.idleTimeoutS, absoluteTimeoutS: options.absoluteTimeoutS, now });
    this.backoff = new LoginBackoff({ now, ...options.backoff });
    this.dummyHash = hashPassword(randomBytes(18).toString('base64url'), this.cost);
    this.sweeper = setInterval(() => this.sessions.sweep(), options.sweepMs ?? 30_000);
    this.sweeper.unref();
  }

  /** On a database without accounts: the administrator (and with `demoAccounts` one per role). */
  async ensureFirstRun(options: { adminPassword?: string; demoAccounts?: boolean }): Promise<CreatedAccount[]> {
    if (this.users.count() > 0) return [];
    const sites = new Set(this.options.siteIds());
    const plan = planFirstRun({ ...options, hasSite: (id) => sites.has(id) });
    const hashes = await Promise.all(plan.map((a) => hashPassword(a.password, this.cost)));
    plan.forEach((a, i) => this.users.create({ ...a, passwordHash: hashes[i]! }));
    return plan.map((a) => ({ user: a.user, displayName: a.displayName, role: a.role, scope: a.scope, password: a.chosen ? null : a.password, mustChange: a.mustChange }));
  }

  /** Checks the password with back-off per (account, address); records every outcome in the audit log. */
  async login(input: LoginInput, origin: CallOrigin): Promise<LoginResult> {
    const name = input.user.trim().toLowerCase();
    const client = input.client && input.client !== 'desktop' && origin.client !== 'desktop' ? input.client : origin.client;
    const where = { source: origin.source, client };
    const retryAfterS = this.backoff.retryAfterS(name, origin.source);
    const account = this.users.get(name);
    const caller = { user: name, role: account?.role ?? ('-' as const), ...where };
    if (retryAfterS > 0) {
      if (this.backoff.noteRefusal(name, origin.source)) this.audit.record({ caller, action: 'login', target: name, params: { ...where, retryAfterS }, error: { code: 'too_many_requests', params: { retryAfterS } } });
      throw new ApiError('too_many_requests', `too many failed logins; try again in ${retryAfterS} s`, undefined, { retryAfterS });
    }
    // Counted before the (slow) check, so parallel guesses cannot all slip through the free tries.
    this.backoff.fail(name, origin.source);
    const matches = await verifyPassword(input.password, account?.passwordHash ?? (await this.dummyHash));
    if (!account || !matches || account.disabled) {
      const reason = !account ? 'unknown_user' : !matches ? 'wrong_password' : 'disabled';
      this.audit.record({ caller, action: 'login', target: name, params: { ...where, reason }, error: { code: 'unauthenticated', params: { reason: 'credentials' } } });
      throw new ApiError('unauthenticated', WRONG, undefined, { reason: 'credentials' });
    }
    this.backoff.succeed(name, origin.source);
    const current = hashCost(account.passwordHash);
    if (current && (current.log2N !== this.cost.log2N || current.r !== this.cost.r || current.p !== this.cost.p)) {
      this.users.setPasswordHash(name, await hashPassword(input.password, this.cost), account.mustChange);
    }
    this.users.recordLogin(name);
    const session = this.sessions.create({ user: account.user, role: account.role, scope: account.scope, displayName: account.displayName }, { source: origin.source, client });
    this.audit.record({ caller: session.identity, action: 'login', target: name, params: where, error: null });
    return {
      token: session.token,
      identity: { user: account.user, role: account.role, displayName: account.displayName, scope: [...account.scope], sessionId: session.id, mustChangePassword: account.mustChange },
      idleTimeoutS: this.sessions.idleTimeoutS,
      absoluteExpiresAt: new Date(session.absoluteExpiresAt).toISOString(),
    };
  }

  /**
   * Refuses (403, reason `must_change_password`) what a session logged in with a one-time password
   * may not do yet; null when the call may go on. Callers without a session are not accounts.
   */
  mustChangeRefusal(caller: Identity, method: string): ApiError | null {
    if (!caller.sessionId || BEFORE_PASSWORD_CHANGE.has(method)) return null;
    if (!this.users.mustChange(caller.user)) return null;
    return new ApiError('forbidden', 'change your one-time password first', undefined, { reason: 'must_change_password' });
  }

  authenticate(token: string, origin: CallOrigin, meta?: RequestMeta): Identity | null {
    return this.sessions.authenticate(token, origin, meta);
  }

  onSessionEnded(listener: (sessionId: string) => void): Unsubscribe {
    return this.sessions.onEnded((id) => listener(id));
  }

  handlers(): AccountHandlers {
    const self = (caller: Identity, user: string): boolean => caller.user === user;
    return {
      whoami: (_input, caller) => {
        const stored = caller.sessionId ? this.users.get(caller.user) : null;
        return {
          user: caller.user,
          role: caller.role,
          ...(caller.scope ? { scope: [...caller.scope] } : {}),
          ...(stored ? { displayName: stored.displayName, mustChangePassword: stored.mustChange } : {}),
          ...(caller.sessionId ? { sessionId: caller.sessionId, idleTimeoutS: this.sessions.idleTimeoutS } : {}),
        };
      },
      logout: (_input, caller) => {
        if (!caller.sessionId) throw new ApiError('unauthenticated', 'this caller has no login session to end');
        this.sessions.end(caller.sessionId, 'logout');
        return { ok: true as const };
      },
      listUsers: () => this.users.list().map(publicUser),
      createUser: async (input) => {
        if (this.users.get(input.user)) throw new ApiError('conflict', `the account "${input.user}" exists already`, undefined, { user: input.user });
        const passwordHash = await hashPassword(input.password, this.cost);
        // The technician chose the first password; its owner changes it at the first login.
        return publicUser(this.users.create({ ...input, passwordHash, mustChange: true }));
      },
      updateUser: (input, caller) => {
        const before = this.users.require(input.user);
        if (self(caller, input.user) && input.role !== undefined && input.role !== before.role) {
          throw new ApiError('forbidden', 'you cannot change your own role', undefined, { field: 'role', reason: 'own_role' });
        }
        if (self(caller, input.user) && input.disabled === true) {
          throw new ApiError('forbidden', 'you cannot disable your own account', undefined, { field: 'disabled', reason: 'own_account' });
        }
        const after = this.users.update(input.user, input);
        const changed = after.disabled !== before.disabled || after.role !== before.role || JSON.stringify(after.scope) !== JSON.stringify(before.scope);
        if (changed) this.sessions.endForUser(input.user, 'user_changed');
        return publicUser(after);
      },
      deleteUser: (input, caller) => {
        if (self(caller, input.user)) throw new ApiError('forbidden', 'you cannot delete your own account', undefined, { reason: 'own_account' });
        this.users.delete(input.user);
        this.sessions.endForUser(input.user, 'user_changed');
        return { ok: true as const };
      },
      setPassword: async (input, caller) => {
        const own = self(caller, input.user);
        if (!own && caller.role !== 'technician') {
          throw new ApiError('forbidden', "only a technician can set another account's password", undefined, { reason: 'not_technician' });
        }
        const target = this.users.require(input.user);
        if (own) await this.checkCurrentPassword(target.passwordHash, input.currentPassword, caller);
        this.users.setPasswordHash(input.user, await hashPassword(input.password, this.cost), !own);
        // A new password ends the other sessions: one's own except this one, everyone's when reset.
        this.sessions.endForUser(input.user, 'password_changed', own ? caller.sessionId : undefined);
        return { ok: true as const };
      },
      listSessions: (_input, caller) => this.sessions.list(caller.sessionId),
      revokeSession: (input) => {
        if (!this.sessions.end(input.id, 'revoked')) throw new ApiError('not_found', 'no such session (it may have ended already)', undefined, { id: input.id });
        return { ok: true as const };
      },
    };
  }

  /** Changing one's own password needs the current one; wrong guesses back off like logins. */
  private async checkCurrentPassword(hash: string, current: string | undefined, caller: Identity): Promise<void> {
    if (current === undefined) {
      throw new ApiError('bad_request', 'give your current password to change it', ['currentPassword: required'], { field: 'currentPassword' });
    }
    const source = caller.source ?? 'local';
    const retryAfterS = this.backoff.retryAfterS(caller.user, source);
    if (retryAfterS > 0) throw new ApiError('too_many_requests', `too many wrong passwords; try again in ${retryAfterS} s`, undefined, { retryAfterS });
    this.backoff.fail(caller.user, source);
    if (!(await verifyPassword(current, hash))) {
      throw new ApiError('forbidden', 'the current password is wrong', undefined, { field: 'currentPassword', reason: 'wrong_password' });
    }
    this.backoff.succeed(caller.user, source);
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
