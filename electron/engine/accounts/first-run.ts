import { randomInt } from 'node:crypto';
import { PasswordSchema } from '../../../shared/accounts.js';
import { ApiError, describeZodError } from '../../../shared/api/errors.js';
import type { Role } from '../../../shared/roles.js';

/** An account made at first run, with its password to show once (null: the administrator chose it). */
export interface CreatedAccount {
  readonly user: string;
  readonly displayName: string;
  readonly role: Role;
  readonly scope: readonly string[];
  readonly password: string | null;
  /** The password must be changed at the first login. */
  readonly mustChange: boolean;
}

export interface PlannedAccount {
  readonly user: string;
  readonly displayName: string;
  readonly role: Role;
  readonly scope: readonly string[];
  readonly password: string;
  readonly chosen: boolean;
  readonly mustChange: boolean;
}

/** No 0/O, 1/l/I: read off a screen and typed by hand. 32 symbols, 16 of them = 80 bits. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random password such as `k7pq-x3md-9vfa-w2ne` (16 random characters in four groups). */
export function randomPassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
  return groups.join('-');
}

export interface FirstRunOptions {
  /** BRIDGEPOINT_ADMIN_PASSWORD; otherwise a random one-time password. */
  readonly adminPassword?: string;
  /** Also one account per role (the demo), so a newcomer can try each view. */
  readonly demoAccounts?: boolean;
  /** Does the inventory have this site (for the Ba Bể supervisor)? */
  readonly hasSite: (id: string) => boolean;
}

/** The accounts to create on a database without users. */
export function planFirstRun(options: FirstRunOptions): PlannedAccount[] {
  const chosen = options.adminPassword !== undefined && options.adminPassword !== '';
  if (chosen) {
    const check = PasswordSchema.safeParse(options.adminPassword);
    if (!check.success) {
      throw new ApiError('bad_request', `BRIDGEPOINT_ADMIN_PASSWORD is not usable: ${describeZodError(check.error).join('; ')}`, undefined, {
        field: 'BRIDGEPOINT_ADMIN_PASSWORD',
      });
    }
  }
  const accounts: PlannedAccount[] = [
    {
      user: 'admin',
      displayName: 'Quản trị hệ thống',
      role: 'technician',
      scope: [],
      password: chosen ? options.adminPassword! : randomPassword(),
      chosen,
      mustChange: !chosen,
    },
  ];
  if (!options.demoAccounts) return accounts;
  const demo = (user: string, displayName: string, role: Role, scope: string[] = []): PlannedAccount => ({
    user,
    displayName,
    role,
    scope,
    password: randomPassword(),
    chosen: false,
    mustChange: false,
  });
  accounts.push(demo('kythuat', 'Kỹ thuật viên', 'technician'), demo('dieuhanh', 'Điều hành viên', 'operator'), demo('giamsat', 'Giám sát toàn tỉnh', 'supervisor'));
  if (options.hasSite('ba-be')) accounts.push(demo('giamsat-babe', 'Giám sát huyện Ba Bể', 'supervisor', ['ba-be']));
  return accounts;
}

/** The line `serve` prints once per created account (never for a password the administrator chose). */
export function describeCreatedAccount(a: CreatedAccount): string {
  const scope = a.scope.length ? ` scope ${a.scope.join(',')}` : '';
  if (a.password === null) return `account ${a.user} (${a.role})${scope} created with the password from BRIDGEPOINT_ADMIN_PASSWORD`;
  return `account ${a.user} (${a.role}): password ${a.password}${scope}`;
}
