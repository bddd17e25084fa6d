import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../electron/engine/accounts/sessions.js';

const owner = { user: 'giamsat-babe', role: 'supervisor' as const, scope: ['ba-be'], displayName: 'Giám sát Ba Bể' };
const browser = { source: '10.1.2.3', client: 'browser' as const };

function store(options: { idleTimeoutS?: number } = {}) {
  const clock = { now: Date.parse('2026-12-07T01:00:00Z') };
  const sessions = new SessionStore({ ...options, now: () => clock.now });
  const ended: [string, string][] = [];
  sessions.onEnded((id, reason) => ended.push([id, reason]));
  return { clock, sessions, ended };
}

describe('sessions', () => {
  it('hands out a 256-bit token once and answers with the identity behind it', () => {
    const { sessions } = store();
    const s = sessions.create(owner, browser);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.id).not.toBe(s.token);
    expect(sessions.authenticate(s.token, { source: '10.1.2.4', client: 'browser' })).toEqual({
      user: 'giamsat-babe',
      role: 'supervisor',
      scope: ['ba-be'],
      sessionId: s.id,
      source: '10.1.2.4',
      client: 'browser',
    });
    expect(sessions.authenticate(s.token.slice(0, -1) + (s.token.endsWith('A') ? 'B' : 'A'), browser)).toBeNull();
    expect(sessions.authenticate('', browser)).toBeNull();
    expect(sessions.authenticate(s.id, browser)).toBeNull();
  });

  it('keeps only a SHA-256 of the token', () => {
    const { sessions } = store();
    const s = sessions.create(owner, browser);
    expect(JSON.stringify([...(sessions as unknown as { byHash: Map<string, unknown> }).byHash])).not.toContain(s.token);
  });

  it('expires after the idle time unless used, and after 12 hours regardless', () => {
    const { clock, sessions, ended } = store({ idleTimeoutS: 60 });
    const idle = sessions.create(owner, browser);
    const busy = sessions.create(owner, browser);
    for (let i = 0; i < 740; i++) {
      // 740 × 59 s ≈ 12.1 h
      clock.now += 59_000;
      if (i === 1) expect(sessions.authenticate(idle.token, browser)).toBeNull();
      const alive = sessions.authenticate(busy.token, browser);
      if (clock.now - busy.absoluteExpiresAt < 0) expect(alive).not.toBeNull();
      else expect(alive).toBeNull();
    }
    expect(ended).toEqual([
      [idle.id, 'expired'],
      [busy.id, 'expired'],
    ]);
  });

  it("counts idle time from the user's last input that requests state, not from the console's own polling", () => {
    const { clock, sessions, ended } = store({ idleTimeoutS: 60 });
    const s = sessions.create(owner, browser);
    // A console left alone polls every 5 s, each request saying how long its user has been away.
    let away = 0;
    for (let i = 0; i < 11; i++) {
      clock.now += 5_000;
      away += 5_000;
      expect(sessions.authenticate(s.token, browser, { userIdleMs: away })).not.toBeNull();
    }
    // 55 s without input: one more poll 6 s later finds the session 61 s idle.
    clock.now += 6_000;
    expect(sessions.authenticate(s.token, browser, { userIdleMs: away + 6_000 })).toBeNull();
    expect(ended).toEqual([[s.id, 'expired']]);
  });

  it('moves the idle expiry on when the user acts, never back, and without a statement the request is the activity', () => {
    const { clock, sessions } = store({ idleTimeoutS: 60 });
    const s = sessions.create(owner, browser);
    clock.now += 50_000;
    // The user clicked 10 s ago: the session is now 10 s idle, good for 50 s more.
    expect(sessions.authenticate(s.token, browser, { userIdleMs: 10_000 })).not.toBeNull();
    // A later request that states an older input (a frame queued while reconnecting) does not move it back.
    clock.now += 45_000;
    expect(sessions.authenticate(s.token, browser, { userIdleMs: 59_000 })).not.toBeNull();
    clock.now += 4_000; // 59 s after the click
    expect(sessions.sweep()).toBe(0);
    clock.now += 1_000; // 60 s
    expect(sessions.sweep()).toBe(1);
    // A script's request (no statement) counts as activity at once; an absurd idle time is capped.
    const script = sessions.create(owner, { source: '10.1.2.9', client: 'script' });
    clock.now += 59_000;
    expect(sessions.authenticate(script.token, browser)).not.toBeNull();
    clock.now += 59_000;
    expect(sessions.authenticate(script.token, browser, { userIdleMs: -5 })).not.toBeNull();
    clock.now += 59_000;
    expect(sessions.authenticate(script.token, browser, { userIdleMs: Number.MAX_SAFE_INTEGER })).not.toBeNull();
    clock.now += 1_000; // the statement above did not move the expiry
    expect(sessions.authenticate(script.token, browser, { userIdleMs: Number.MAX_SAFE_INTEGER })).toBeNull();
  });

  it('sweeps expired sessions and tells the listeners', () => {
    const { clock, sessions, ended } = store({ idleTimeoutS: 60 });
    const s = sessions.create(owner, browser);
    clock.now += 61_000;
    expect(sessions.sweep()).toBe(1);
    expect(ended).toEqual([[s.id, 'expired']]);
    expect(sessions.size).toBe(0);
  });

  it("ends a user's sessions but the caller's own, and lists with current marked", () => {
    const { sessions, ended } = store();
    const a = sessions.create(owner, browser);
    const b = sessions.create(owner, { source: 'desktop', client: 'desktop' });
    const other = sessions.create({ ...owner, user: 'dieuhanh', role: 'operator', scope: [] }, browser);
    const list = sessions.list(b.id);
    expect(list.map((s) => [s.user, s.client, s.current])).toEqual([
      ['giamsat-babe', 'browser', false],
      ['giamsat-babe', 'desktop', true],
      ['dieuhanh', 'browser', false],
    ]);
    expect(list[0]!.expiresAt).toBe('2026-12-07T01:30:00.000Z');
    expect(sessions.endForUser('giamsat-babe', 'password_changed', b.id)).toBe(1);
    expect(ended).toEqual([[a.id, 'password_changed']]);
    expect(sessions.authenticate(a.token, browser)).toBeNull();
    expect(sessions.authenticate(b.token, browser)).not.toBeNull();
    expect(sessions.end(other.id, 'revoked')).toBe(true);
    expect(sessions.end(other.id, 'revoked')).toBe(false);
  });
});
