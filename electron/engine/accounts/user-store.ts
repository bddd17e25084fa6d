import type { User } from '../../../shared/accounts.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { Role } from '../../../shared/roles.js';
import type { Database } from '../db/database.js';

/** An account as stored, with what never leaves the engine (the hash, the one-time flag). */
export interface StoredUser extends User {
  readonly passwordHash: string;
  readonly mustChange: boolean;
}

interface Row {
  user: string;
  display_name: string;
  role: Role;
  scope: string;
  disabled: number;
  password_hash: string;
  must_change: number;
  created_at: string;
  last_login_at: string | null;
}

const fromRow = (r: Row): StoredUser => ({
  user: r.user,
  displayName: r.display_name,
  role: r.role,
  scope: JSON.parse(r.scope) as string[],
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  lastLoginAt: r.last_login_at,
  passwordHash: r.password_hash,
  mustChange: r.must_change === 1,
});

/** The public view of an account: never the hash. */
export function publicUser(u: StoredUser): User {
  return { user: u.user, displayName: u.displayName, role: u.role, scope: [...u.scope], disabled: u.disabled, createdAt: u.createdAt, lastLoginAt: u.lastLoginAt };
}

export interface NewUser {
  readonly user: string;
  readonly displayName: string;
  readonly role: Role;
  readonly scope: readonly string[];
  readonly passwordHash: string;
  readonly mustChange: boolean;
}

export interface UserChange {
  readonly displayName?: string;
  readonly role?: Role;
  readonly scope?: readonly string[];
  readonly disabled?: boolean;
}

/**
 * The users table (migration 3) and the invariants that keep the console administrable: there is
 * always at least one enabled technician, and scopes name sites the inventory has.
 */
export class UserStore {
  constructor(
    private readonly db: Database,
    /** The inventory's site ids, read at each check (the inventory can be reloaded). */
    private readonly siteIds: () => Iterable<string>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  get(user: string): StoredUser | null {
    const row = this.db.prepare('SELECT * FROM users WHERE user = ?').get(user) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** Like get, but a missing account is a not_found error naming it. */
  require(user: string): StoredUser {
    const found = this.get(user);
    if (!found) throw new ApiError('not_found', `no account "${user}"`, undefined, { user });
    return found;
  }

  list(): StoredUser[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY user').all() as unknown as Row[]).map(fromRow);
  }

  create(u: NewUser): StoredUser {
    const scope = this.checkScope(u.role, u.scope);
    if (this.get(u.user)) throw new ApiError('conflict', `the account "${u.user}" exists already`, undefined, { user: u.user });
    this.db
      .prepare('INSERT INTO users (user, display_name, role, scope, disabled, password_hash, must_change, created_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)')
      .run(u.user, u.displayName, u.role, JSON.stringify(scope), u.passwordHash, u.mustChange ? 1 : 0, this.now().toISOString());
    return this.require(u.user);
  }

  /** Applies a change; refuses to leave no enabled technician. */
  update(user: string, change: UserChange): StoredUser {
    const before = this.require(user);
    const role = change.role ?? before.role;
    // Only supervisors are scoped: a role change away from supervisor drops an old scope.
    const scope = this.checkScope(role, change.scope ?? (role === 'supervisor' ? before.scope : []));
    const disabled = change.disabled ?? before.disabled;
    const stillTechnician = role === 'technician' && !disabled;
    if (before.role === 'technician' && !before.disabled && !stillTechnician) this.keepOneTechnician(user, disabled ? 'disable' : 'demote');
    this.db
      .prepare('UPDATE users SET display_name = ?, role = ?, scope = ?, disabled = ? WHERE user = ?')
      .run(change.displayName ?? before.displayName, role, JSON.stringify(scope), disabled ? 1 : 0, user);
    return this.require(user);
  }

  delete(user: string): void {
    const before = this.require(user);
    if (before.role === 'technician' && !before.disabled) this.keepOneTechnician(user, 'delete');
    this.db.prepare('DELETE FROM users WHERE user = ?').run(user);
  }

  setPasswordHash(user: string, passwordHash: string, mustChange: boolean): void {
    this.require(user);
    this.db.prepare('UPDATE users SET password_hash = ?, must_change = ? WHERE user = ?').run(passwordHash, mustChange ? 1 : 0, user);
  }

  mustChange(user: string): boolean {
    const row = this.db.prepare('SELECT must_change FROM users WHERE user = ?').get(user) as { must_change: number } | undefined;
    return row?.must_change === 1;
  }

  recordLogin(user: string): void {
    this.db.prepare('UPDATE users SET last_login_at = ? WHERE user = ?').run(this.now().toISOString(), user);
  }

  private keepOneTechnician(user: string, action: 'delete' | 'disable' | 'demote'): void {
    const others = this.db
      .prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'technician' AND disabled = 0 AND user <> ?")
      .get(user) as { n: number };
    if (others.n === 0) {
      throw new ApiError('conflict', `cannot ${action} "${user}": it is the last enabled technician`, undefined, { user, action, reason: 'last_technician' });
    }
  }

  /** Scope only for supervisors, and only with site ids the inventory has (duplicates dropped). */
  private checkScope(role: Role, scope: readonly string[]): string[] {
    const unique = [...new Set(scope)];
    if (unique.length === 0) return [];
    if (role !== 'supervisor') {
      throw new ApiError('bad_request', `only supervisors can be scoped, not a ${role}`, undefined, { field: 'scope', role });
    }
    const known = new Set(this.siteIds());
    const unknown = unique.filter((id) => !known.has(id));
    if (unknown.length) {
      throw new ApiError('bad_request', `unknown site ids in scope: ${unknown.join(', ')}`, unknown.map((id) => `scope: unknown site "${id}"`), {
        field: 'scope',
        unknown: unknown.join(', '),
      });
    }
    return unique;
  }
}
