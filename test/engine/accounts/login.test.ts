import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine.js';
import { DESK_A, DESK_B, accountsEngine, err, login, ok, passwordOf } from './helpers.js';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

interface AuditRow {
  user: string;
  role: string;
  action: string;
  target: string;
  params: string;
  result: string;
  error: { code: string } | null;
}
const TECH = { user: 'admin', role: 'technician' as const };
const auditOf = async (e: Engine, limit = 100): Promise<AuditRow[]> => ok<AuditRow[]>(await e.call(TECH, 'listAudit', { limit }));

describe('login', () => {
  it('logs in with the right password and answers whoami with scope and session', async () => {
    engine = await accountsEngine();
    const { result, identity } = await login(engine, 'giamsat-babe');
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.idleTimeoutS).toBe(1800);
    expect(result.identity).toMatchObject({ user: 'giamsat-babe', role: 'supervisor', scope: ['ba-be'], sessionId: identity.sessionId, mustChangePassword: false });
    expect(identity).toEqual({ user: 'giamsat-babe', role: 'supervisor', scope: ['ba-be'], sessionId: result.identity.sessionId, source: '10.0.0.21', client: 'browser' });
    expect(ok(await engine.call(identity, 'whoami', {}))).toEqual({
      user: 'giamsat-babe',
      role: 'supervisor',
      displayName: 'Giám sát huyện Ba Bể',
      scope: ['ba-be'],
      sessionId: identity.sessionId,
      mustChangePassword: false,
      idleTimeoutS: 1800,
    });
    const users = ok<{ user: string; lastLoginAt: string | null }[]>(await engine.call(TECH, 'listUsers', {}));
    expect(users.find((u) => u.user === 'giamsat-babe')!.lastLoginAt).not.toBeNull();
  });

  it('refuses a wrong password and an unknown user alike, and audits both without the password', async () => {
    engine = await accountsEngine();
    const wrong = err(await engine.callAnonymous(DESK_A, 'login', { user: 'dieuhanh', password: 'sai-mat-khau-1' }));
    const unknown = err(await engine.callAnonymous(DESK_A, 'login', { user: 'khong-co', password: 'sai-mat-khau-2' }));
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ code: 'unauthenticated', params: { reason: 'credentials' } });
    const entries = await auditOf(engine);
    expect(entries.map((e) => [e.user, e.role, e.action, e.target, e.result, e.error?.code])).toEqual([
      ['khong-co', '-', 'login', 'khong-co', 'failed', 'unauthenticated'],
      ['dieuhanh', 'operator', 'login', 'dieuhanh', 'failed', 'unauthenticated'],
    ]);
    expect(JSON.parse(entries[1]!.params)).toEqual({ source: '10.0.0.21', client: 'browser', reason: 'wrong_password' });
    expect(JSON.stringify(entries)).not.toContain('sai-mat-khau');
  });

  it('audits a success with the session, and never the token or the password', async () => {
    engine = await accountsEngine();
    const { result } = await login(engine, 'dieuhanh', DESK_B);
    const [entry] = await auditOf(engine);
    expect(entry).toMatchObject({ user: 'dieuhanh', role: 'operator', action: 'login', target: 'dieuhanh', result: 'ok' });
    expect(JSON.parse(entry!.params)).toEqual({ source: '10.0.0.22', client: 'browser' });
    expect(JSON.stringify(entry)).not.toContain(result.token);
    expect(JSON.stringify(entry)).not.toContain(passwordOf(engine, 'dieuhanh'));
  });

  it('answers only login without a session, and checks its input with the contract', async () => {
    engine = await accountsEngine();
    expect(err(await engine.callAnonymous(DESK_A, 'getNetwork', {}))).toMatchObject({ code: 'unauthenticated' });
    expect(err(await engine.callAnonymous(DESK_A, 'login', { user: 'admin' }))).toMatchObject({ code: 'bad_request', details: ['password: Invalid input: expected string, received undefined'] });
    expect(err(await engine.callAnonymous(DESK_A, 'login', { user: 'admin', password: 'x'.repeat(5000) }))).toMatchObject({ code: 'bad_request' });
    expect(err(await engine.callAnonymous(DESK_A, 'login', 'admin:pw'))).toMatchObject({ code: 'bad_request' });
    expect(err(await engine.callAnonymous(DESK_A, 'login', null))).toMatchObject({ code: 'bad_request' });
    const entries = await auditOf(engine);
    expect(entries.filter((e) => e.action === 'login' && e.error?.code === 'bad_request')).toHaveLength(4);
    // A logged-in caller cannot log in again through the session gate.
    const { identity } = await login(engine, 'kythuat');
    expect(err(await engine.call(identity, 'login', { user: 'kythuat', password: passwordOf(engine, 'kythuat') }))).toMatchObject({ code: 'bad_request' });
  });

  it('refuses a disabled account with the same answer as a wrong password', async () => {
    engine = await accountsEngine();
    const { identity: tech } = await login(engine, 'kythuat');
    ok(await engine.call(tech, 'updateUser', { user: 'dieuhanh', disabled: true }));
    const reply = err(await engine.callAnonymous(DESK_B, 'login', { user: 'dieuhanh', password: passwordOf(engine, 'dieuhanh') }));
    expect(reply).toMatchObject({ code: 'unauthenticated', message: 'wrong user name or password' });
  });

  it('lets the operator in from another desk while 1,000 bad logins hammer from one address', async () => {
    engine = await accountsEngine();
    const attacker = { source: '10.9.9.9', client: 'script' as const };
    const codes = new Map<string, number>();
    let retryAfterS = 0;
    for (let i = 0; i < 1000; i++) {
      const e = err(await engine.callAnonymous(attacker, 'login', { user: 'dieuhanh', password: `doan-mo-${i}-xxxx` }));
      codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
      if (e.code === 'too_many_requests') retryAfterS = Number(e.params?.['retryAfterS']);
    }
    expect(codes.get('unauthenticated')).toBe(4);
    expect(codes.get('too_many_requests')).toBe(996);
    expect(retryAfterS).toBe(1);
    const { identity } = await login(engine, 'dieuhanh', DESK_B);
    expect(identity.role).toBe('operator');
    // The attacker's address stays slowed even with the right password, until the wait is over.
    expect(err(await engine.callAnonymous(attacker, 'login', { user: 'dieuhanh', password: passwordOf(engine, 'dieuhanh') })).code).toBe('too_many_requests');
    // Refusals are audited once per wait, so the hammering cannot flood the audit log.
    const refusals = (await auditOf(engine, 500)).filter((e) => e.error?.code === 'too_many_requests');
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0]!.params)).toMatchObject({ source: '10.9.9.9', retryAfterS: 1 });
  });

  it('resets the back-off after a successful login', async () => {
    engine = await accountsEngine();
    for (let i = 0; i < 3; i++) err(await engine.callAnonymous(DESK_A, 'login', { user: 'giamsat', password: 'wrong-wrong-1' }));
    await login(engine, 'giamsat');
    for (let i = 0; i < 3; i++) expect(err(await engine.callAnonymous(DESK_A, 'login', { user: 'giamsat', password: 'wrong-wrong-1' })).code).toBe('unauthenticated');
  });

  it("costs an unknown user the same time as a wrong password at OWASP's parameters", async () => {
    engine = await accountsEngine({ scryptCost: undefined, demoAccounts: false, adminPassword: 'mat-khau-quan-tri-2026' });
    const time = async (user: string, origin: typeof DESK_A): Promise<number> => {
      const t0 = performance.now();
      expect(err(await engine!.callAnonymous(origin, 'login', { user, password: 'khong-dung-dau' })).code).toBe('unauthenticated');
      return performance.now() - t0;
    };
    const wrong = await time('admin', DESK_A);
    const unknown = await time('nguoi-la', DESK_B);
    expect(wrong).toBeGreaterThan(40);
    expect(unknown / wrong).toBeGreaterThan(0.4);
    expect(unknown / wrong).toBeLessThan(2.5);
    ok(await engine.callAnonymous(DESK_A, 'login', { user: 'admin', password: 'mat-khau-quan-tri-2026' }));
  }, 30_000);
});
