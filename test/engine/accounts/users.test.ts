import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine.js';
import { LOCAL_IDENTITY } from '../../../shared/roles.js';
import { DESK_A, DESK_B, accountsEngine, err, login, ok, passwordOf } from './helpers.js';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

const newUser = { user: 'giamsat-nari', displayName: 'Giám sát Na Rì', role: 'supervisor', scope: ['na-ri'], password: 'mat-khau-ban-dau' };

describe('first run', () => {
  it('creates the administrator with a one-time password, and the demo one account per role', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'bp-acc-')), 'bp.db');
    engine = await accountsEngine({}, db);
    expect(engine.createdAccounts.map((a) => [a.user, a.role, a.scope, a.mustChange])).toEqual([
      ['admin', 'technician', [], true],
      ['kythuat', 'technician', [], false],
      ['dieuhanh', 'operator', [], false],
      ['giamsat', 'supervisor', [], false],
      ['giamsat-babe', 'supervisor', ['ba-be'], false],
    ]);
    const passwords = engine.createdAccounts.map((a) => a.password!);
    expect(new Set(passwords).size).toBe(5);
    for (const pw of passwords) expect(pw).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const { result, identity } = await login(engine, 'admin');
    expect(result.identity.mustChangePassword).toBe(true);
    // A one-time password opens only the way to change it.
    expect(err(await engine.call(identity, 'getNetwork', {}))).toMatchObject({ code: 'forbidden', params: { reason: 'must_change_password' } });
    expect(ok(await engine.call(identity, 'whoami', {}))).toMatchObject({ user: 'admin', mustChangePassword: true });
    expect(() => engine!.subscribe(identity, 'status', () => {})).toThrow('change your one-time password first');
    ok(await engine.call(identity, 'setPassword', { user: 'admin', password: 'mat-khau-rieng-2026', currentPassword: passwordOf(engine, 'admin') }));
    expect(ok(await engine.call(identity, 'getNetwork', {}))).toMatchObject({ name: 'Tỉnh Thử' });
    await engine.close();
    // A later start on the same file creates nothing and shows nothing.
    engine = await accountsEngine({}, db);
    expect(engine.createdAccounts).toEqual([]);
    expect(ok<unknown[]>(await engine.call(LOCAL_IDENTITY, 'listUsers', {}))).toHaveLength(5);
  });

  it('takes the administrator password from the option, and refuses a short one', async () => {
    engine = await accountsEngine({ adminPassword: 'quan-tri-bac-kan', demoAccounts: false });
    expect(engine.createdAccounts).toEqual([{ user: 'admin', displayName: 'Quản trị hệ thống', role: 'technician', scope: [], password: null, mustChange: false }]);
    const reply = ok<{ identity: { mustChangePassword: boolean } }>(await engine.callAnonymous(DESK_A, 'login', { user: 'admin', password: 'quan-tri-bac-kan' }));
    expect(reply.identity.mustChangePassword).toBe(false);
    await engine.close();
    engine = null;
    await expect(accountsEngine({ adminPassword: 'short' })).rejects.toThrow(/BRIDGEPOINT_ADMIN_PASSWORD is not usable: \(root\): at least 10 characters/);
  });
});

describe('account rules', () => {
  it('creates a scoped supervisor, refusing unknown site ids by name and scopes on other roles', async () => {
    engine = await accountsEngine();
    const { identity: tech } = await login(engine, 'kythuat');
    expect(ok(await engine.call(tech, 'createUser', newUser))).toMatchObject({ user: 'giamsat-nari', role: 'supervisor', scope: ['na-ri'], disabled: false, lastLoginAt: null });
    expect(err(await engine.call(tech, 'createUser', newUser))).toMatchObject({ code: 'conflict', params: { user: 'giamsat-nari' } });
    const unknown = err(await engine.call(tech, 'createUser', { ...newUser, user: 'x1', scope: ['na-ri', 'cho-don', 'pac-nam'] }));
    expect(unknown).toMatchObject({ code: 'bad_request', params: { field: 'scope', unknown: 'cho-don, pac-nam' } });
    expect(unknown.message).toBe('unknown site ids in scope: cho-don, pac-nam');
    expect(err(await engine.call(tech, 'createUser', { ...newUser, user: 'x2', role: 'operator' }))).toMatchObject({ code: 'bad_request', params: { field: 'scope' } });
    expect(err(await engine.call(tech, 'updateUser', { user: 'giamsat-babe', scope: ['nowhere'] }))).toMatchObject({ code: 'bad_request', params: { unknown: 'nowhere' } });
    const listed = ok<{ user: string }[]>(await engine.call(tech, 'listUsers', {}));
    expect(listed.map((u) => u.user)).not.toContain('x1');
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|hash/i);
    // Only technicians manage accounts.
    const { identity: op } = await login(engine, 'dieuhanh');
    expect(err(await engine.call(op, 'createUser', { ...newUser, user: 'x3' }))).toMatchObject({ code: 'forbidden' });
  });

  it('keeps the last enabled technician: no delete, disable or demotion (409)', async () => {
    engine = await accountsEngine({ demoAccounts: false });
    const local = LOCAL_IDENTITY; // the transports' caller before they log in; not an account
    for (const [method, input, action] of [
      ['deleteUser', { user: 'admin' }, 'delete'],
      ['updateUser', { user: 'admin', disabled: true }, 'disable'],
      ['updateUser', { user: 'admin', role: 'operator' }, 'demote'],
    ] as const) {
      expect(err(await engine.call(local, method, input))).toMatchObject({ code: 'conflict', params: { user: 'admin', action, reason: 'last_technician' } });
    }
    ok(await engine.call(local, 'createUser', { ...newUser, user: 'kt2', role: 'technician', scope: [] }));
    ok(await engine.call(local, 'updateUser', { user: 'admin', role: 'operator' }));
    expect(err(await engine.call(local, 'updateUser', { user: 'kt2', disabled: true }))).toMatchObject({ code: 'conflict' });
  });

  it("refuses changing one's own role, disabling or deleting oneself (403), and changes nothing", async () => {
    engine = await accountsEngine();
    const { identity: tech } = await login(engine, 'kythuat');
    expect(err(await engine.call(tech, 'updateUser', { user: 'kythuat', role: 'operator' }))).toMatchObject({ code: 'forbidden', params: { field: 'role' } });
    expect(err(await engine.call(tech, 'updateUser', { user: 'kythuat', disabled: true }))).toMatchObject({ code: 'forbidden' });
    expect(err(await engine.call(tech, 'deleteUser', { user: 'kythuat' }))).toMatchObject({ code: 'forbidden' });
    expect(ok(await engine.call(tech, 'updateUser', { user: 'kythuat', displayName: 'Anh Tuấn' }))).toMatchObject({ role: 'technician', displayName: 'Anh Tuấn' });
    expect(engine.authenticate('x', DESK_A)).toBeNull();
    expect(err(await engine.call(tech, 'deleteUser', { user: 'khong-co' }))).toMatchObject({ code: 'not_found', params: { user: 'khong-co' } });
  });
});

describe('sessions through the engine', () => {
  it('ends sessions when the user is disabled, re-roled, re-scoped or deleted, and tells the listeners', async () => {
    engine = await accountsEngine();
    const ended: string[] = [];
    engine.onSessionEnded((id) => ended.push(id));
    const { identity: tech } = await login(engine, 'kythuat');
    const cases = [
      ['dieuhanh', { disabled: true }],
      ['giamsat', { role: 'operator' }],
      ['giamsat-babe', { scope: ['na-ri'] }],
    ] as const;
    for (const [user, change] of cases) {
      const { result, identity } = await login(engine, user, DESK_B);
      ok(await engine.call(tech, 'updateUser', { user, ...change }));
      expect(engine.authenticate(result.token, DESK_B)).toBeNull();
      expect(ended.at(-1)).toBe(identity.sessionId);
    }
    // A display name alone leaves the session be.
    const { result: admin, identity: adminId } = await login(engine, 'admin');
    ok(await engine.call(tech, 'updateUser', { user: 'admin', displayName: 'Quản trị' }));
    expect(engine.authenticate(admin.token, DESK_A)).not.toBeNull();
    ok(await engine.call(tech, 'deleteUser', { user: 'admin' }));
    expect(engine.authenticate(admin.token, DESK_A)).toBeNull();
    expect(ended.at(-1)).toBe(adminId.sessionId);
  });

  it("streams the end of the caller's own session only", async () => {
    engine = await accountsEngine();
    const a = await login(engine, 'dieuhanh');
    const b = await login(engine, 'giamsat');
    const seen: [string, unknown][] = [];
    engine.subscribe(a.identity, 'session', (p) => seen.push(['a', p]));
    engine.subscribe(b.identity, 'session', (p) => seen.push(['b', p]));
    ok(await engine.call(a.identity, 'logout', {}));
    expect(seen).toEqual([['a', { ended: true }]]);
  });

  it('lists sessions with current marked, revokes one, and logs out', async () => {
    engine = await accountsEngine();
    const { identity: tech } = await login(engine, 'kythuat');
    const { result: op, identity: opId } = await login(engine, 'dieuhanh', { source: 'desktop', client: 'desktop' });
    const list = ok<{ id: string; user: string; current: boolean; client: string }[]>(await engine.call(tech, 'listSessions', {}));
    expect(list.map((s) => [s.user, s.client, s.current])).toEqual([
      ['kythuat', 'browser', true],
      ['dieuhanh', 'desktop', false],
    ]);
    expect(JSON.stringify(list)).not.toContain(op.token);
    ok(await engine.call(tech, 'revokeSession', { id: opId.sessionId! }));
    expect(engine.authenticate(op.token, DESK_A)).toBeNull();
    expect(err(await engine.call(tech, 'revokeSession', { id: opId.sessionId! }))).toMatchObject({ code: 'not_found' });
    ok(await engine.call(tech, 'logout', {}));
    expect(err(await engine.call(LOCAL_IDENTITY, 'logout', {}))).toMatchObject({ code: 'unauthenticated' });
    expect(ok<unknown[]>(await engine.call(LOCAL_IDENTITY, 'listSessions', {}))).toEqual([]);
  });

  it('expires an idle session after the configured time', async () => {
    engine = await accountsEngine({ idleTimeoutS: 1 });
    const { result } = await login(engine, 'giamsat');
    expect(result.idleTimeoutS).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(engine.authenticate(result.token, DESK_A)).toBeNull();
  });
});

describe('passwords', () => {
  it("changes one's own password with the current one, ending the other sessions", async () => {
    engine = await accountsEngine();
    const first = await login(engine, 'dieuhanh', DESK_A);
    const second = await login(engine, 'dieuhanh', DESK_B);
    const old = passwordOf(engine, 'dieuhanh');
    expect(err(await engine.call(first.identity, 'setPassword', { user: 'dieuhanh', password: 'mat-khau-moi-2026' }))).toMatchObject({ code: 'bad_request', params: { field: 'currentPassword' } });
    expect(err(await engine.call(first.identity, 'setPassword', { user: 'dieuhanh', password: 'mat-khau-moi-2026', currentPassword: 'sai-roi-sai-roi' }))).toMatchObject({
      code: 'forbidden',
      params: { field: 'currentPassword' },
    });
    expect(err(await engine.call(first.identity, 'setPassword', { user: 'giamsat', password: 'mat-khau-moi-2026' }))).toMatchObject({ code: 'forbidden' });
    ok(await engine.call(first.identity, 'setPassword', { user: 'dieuhanh', password: 'mat-khau-moi-2026', currentPassword: old }));
    expect(engine.authenticate(first.result.token, DESK_A)).not.toBeNull();
    expect(engine.authenticate(second.result.token, DESK_B)).toBeNull();
    expect(err(await engine.callAnonymous(DESK_B, 'login', { user: 'dieuhanh', password: old })).code).toBe('unauthenticated');
    ok(await engine.callAnonymous(DESK_B, 'login', { user: 'dieuhanh', password: 'mat-khau-moi-2026' }));
  });

  it("lets a technician reset an account's password as a one-time password, ending its sessions", async () => {
    engine = await accountsEngine();
    const { identity: tech } = await login(engine, 'kythuat');
    const { result } = await login(engine, 'giamsat');
    ok(await engine.call(tech, 'setPassword', { user: 'giamsat', password: 'tam-thoi-123456' }));
    expect(engine.authenticate(result.token, DESK_A)).toBeNull();
    const again = ok<{ identity: { mustChangePassword: boolean } }>(await engine.callAnonymous(DESK_A, 'login', { user: 'giamsat', password: 'tam-thoi-123456' }));
    expect(again.identity.mustChangePassword).toBe(true);
  });
});
