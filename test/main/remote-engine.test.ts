import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteEngine, remoteTarget } from '../../electron/main/remote/remote-engine.js';
import { normaliseFingerprint } from '../../electron/main/remote/pinned-tls.js';
import { certificateFingerprint, loadTlsFiles } from '../../electron/server/tls.js';
import { NOT_USER_ACTIVITY } from '../../shared/api/transport.js';
import { PASSWORD, tinyEngine, withFakeAuth, type FakeAuthEngine } from '../server/fake-engine.js';
import { startServer, until, type Harness } from '../server/server-harness.js';

const fixture = (name: string): string => join(import.meta.dirname, '..', 'server', 'fixtures', name);
const tls = loadTlsFiles(fixture('tls-cert.pem'), fixture('tls-key.pem'));
const PIN = certificateFingerprint(tls);
const DESKTOP = { source: 'desktop', client: 'desktop' } as const;

const inner = tinyEngine();
let engine: FakeAuthEngine;
let h: Harness;
beforeAll(async () => {
  engine = withFakeAuth(inner);
  h = await startServer({ engine, tls });
});
afterAll(() => h.close());

const remote = (pin = PIN, port = h.port): RemoteEngine => new RemoteEngine(remoteTarget({ url: `https://127.0.0.1:${port}`, certSha256: pin }));
describe('the desktop on a remote bridgepoint serve, certificate pinned', () => {
  it('prints and reads the fingerprint the same way', () => {
    expect(PIN).toBe(new X509Certificate(readFileSync(fixture('tls-cert.pem'))).fingerprint256);
    expect(normaliseFingerprint(PIN.replace(/:/g, '').toLowerCase())).toBe(PIN);
    expect(normaliseFingerprint(`sha256 Fingerprint=${PIN}`)).toBe(PIN);
    expect(normaliseFingerprint('AB:CD')).toBeNull();
  });

  it('refuses a setting it cannot trust, naming what is wrong', () => {
    expect(() => remoteTarget({ url: 'http://console.lan:8740', certSha256: PIN })).toThrow(/only https/);
    expect(() => remoteTarget({ url: 'console.lan', certSha256: PIN })).toThrow(/not a URL/);
    expect(() => remoteTarget({ url: 'https://console.lan:8740', certSha256: '' })).toThrow(/fingerprint is missing or malformed/);
    expect(remoteTarget({ url: 'https://[::1]:8740', certSha256: PIN })).toEqual({ host: '::1', port: 8740, fingerprint: PIN });
    expect(remoteTarget({ url: 'https://console.lan', certSha256: PIN }).port).toBe(443);
  });

  it('logs in, calls and watches a stream through the server, as the logged-in user', async () => {
    const r = remote();
    const wrong = await r.callAnonymous(DESKTOP, 'login', { user: 'dieuhanh', password: 'sai' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    const login = await r.callAnonymous(DESKTOP, 'login', { user: 'dieuhanh', password: PASSWORD });
    expect(login.ok).toBe(true);
    const { token, identity } = (login as { result: { token: string; identity: { sessionId: string } } }).result;
    expect(r.authenticate(token)).toMatchObject({ user: 'dieuhanh', role: 'operator' });
    expect(r.authenticate('another-token')).toBeNull();

    expect(await r.call(r.authenticate(token)!, 'whoami', {})).toEqual({ ok: true, result: { user: 'dieuhanh', role: 'operator' } });
    expect(await r.call(r.authenticate(token)!, 'echo', { tên: 'Ba Bể' })).toEqual({ ok: true, result: { tên: 'Ba Bể' } });
    expect(engine.calls.at(-1)).toMatchObject({ caller: { user: 'dieuhanh', sessionId: identity.sessionId }, method: 'echo' });
    // The server's own refusal comes back as it is.
    expect(await r.call(r.authenticate(token)!, 'nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });

    const got: unknown[] = [];
    const off = r.subscribe(r.authenticate(token)!, 'status', (p) => got.push(p));
    await until(() => got.length >= 1);
    expect(got[0]).toEqual({ kind: 'snapshot', seq: 0 });
    inner.emit({ kind: 'delta', seq: 1 });
    await until(() => got.length >= 2);
    expect(got[1]).toEqual({ kind: 'delta', seq: 1 });
    off();
    // A stream the contract does not have is refused at once, as the embedded engine does.
    expect(() => r.subscribe(r.authenticate(token)!, 'nonsense', () => {})).toThrow(/unknown stream/);
    await r.close();
    expect(r.authenticate(token)).toBeNull();
  });

  it("relays the window user's last activity to the server's idle expiry, never the polling as activity", async () => {
    const clock = { now: 1_000_000 };
    const r = new RemoteEngine(remoteTarget({ url: `https://127.0.0.1:${h.port}`, certSha256: PIN }), () => clock.now);
    const login = await r.callAnonymous(DESKTOP, 'login', { user: 'dieuhanh', password: PASSWORD });
    const { token } = (login as { result: { token: string } }).result;
    engine.activity.length = 0;
    clock.now += 40_000;
    // The window's request says its user touched it 15 s ago; then polls say nobody has since.
    await r.call(r.authenticate(token, DESKTOP, { userIdleMs: 15_000 })!, 'whoami', {});
    clock.now += 5_000;
    await r.call(r.authenticate(token, DESKTOP, { userIdleMs: 20_000 })!, 'whoami', {});
    clock.now += 5_000;
    // A subscription check is not activity: the next call still reports the same input, now 30 s ago.
    r.authenticate(token, DESKTOP, NOT_USER_ACTIVITY);
    await r.call(r.authenticate(token, DESKTOP, { userIdleMs: 25_000 })!, 'whoami', {});
    expect(engine.activity.slice(-3)).toEqual([{ userIdleMs: 15_000 }, { userIdleMs: 20_000 }, { userIdleMs: 25_000 }]);
    await r.close();
  });

  it('hears at once when the server ends the session (revoke), and forgets the token', async () => {
    const r = remote();
    const ended: string[] = [];
    r.onSessionEnded((id) => ended.push(id));
    const login = await r.callAnonymous(DESKTOP, 'login', { user: 'dieuhanh', password: PASSWORD });
    const { token, identity } = (login as { result: { token: string; identity: { sessionId: string } } }).result;
    const got: unknown[] = [];
    r.subscribe(r.authenticate(token)!, 'status', (p) => got.push(p));
    await until(() => got.length >= 1); // the event socket is open
    engine.endSession(identity.sessionId);
    await until(() => ended.length === 1);
    expect(ended).toEqual([identity.sessionId]);
    expect(r.authenticate(token)).toBeNull();
    expect(await r.call({ user: 'dieuhanh', role: 'operator', sessionId: identity.sessionId }, 'whoami', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('sends nothing to a server whose certificate is not the pinned one', async () => {
    const before = engine.origins.length;
    const other = PIN.replace(/^../, PIN.startsWith('00') ? '11' : '00');
    const reply = await remote(other).callAnonymous(DESKTOP, 'login', { user: 'dieuhanh', password: PASSWORD });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable', params: { reason: 'certificate_mismatch', expected: other, actual: PIN } } });
    expect(engine.origins.length).toBe(before); // the password never reached the server
  });

  it('answers unavailable, naming the server, when nothing listens there', async () => {
    const probe = await startServer({ engine: withFakeAuth(tinyEngine()), tls });
    const port = probe.port;
    await probe.close();
    const reply = await remote(PIN, port).callAnonymous(DESKTOP, 'login', { user: 'dieuhanh', password: PASSWORD });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unavailable', params: { reason: 'unreachable', server: `127.0.0.1:${port}` } } });
  });
});
