import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/server/cli.js';
import { writeInventory } from '../fixtures/inventory.js';

/**
 * Data safety of `bridgepoint serve --db FILE` as a user runs it (the built bin, a child
 * process): meetings are booked in a loop, the process is killed with SIGKILL at random (seeded)
 * moments and restarted; every booking that was answered ok must be in the file, and SQLite's
 * integrity check must pass. Ports 24700-24799 (this suite's range); HTTP on a free port.
 */
const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'out/main/cli.js');
const ROUNDS = 12;
const ADMIN_PASSWORD = 'data-safety-admin-9f3c';

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const inventory = {
  name: 'Tỉnh Dữ Liệu',
  tiers: ['province', 'district'],
  traps: { port: 24792, fallbackPort: 24793, address: '127.0.0.1' },
  monitoring: { intervalS: 5, timeoutMs: 200, retries: 0 },
  sites: [
    { id: 'tinh', name: 'UBND tỉnh', tier: 'province', endpoints: [{ id: 'tinh-1', name: 'Hội trường', host: '127.0.0.1', port: 24721 }] },
    { id: 'huyen', name: 'UBND huyện', tier: 'district', parent: 'tinh', endpoints: [{ id: 'huyen-1', name: 'Phòng họp', host: '127.0.0.1', port: 24722 }] },
  ],
};

interface Served {
  readonly url: string;
  readonly child: ChildProcess;
  output: string;
  token: string | null;
}

function startServe(db: string, inv: string): Promise<Served> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/bridgepoint.mjs'), 'serve', '--inventory', inv, '--db', db, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, BRIDGEPOINT_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        const served: Served = { url: m[1]!, child, output, token: null };
        child.stdout!.on('data', (more: Buffer) => (served.output += more.toString()));
        resolve(served);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}):\n${output}`));
    });
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** A demo account from the output (`account NAME (ROLE): password PW`), else the admin. */
function credentials(output: string): { user: string; password: string } {
  for (const m of output.matchAll(/account (\S+) \((\w+)\): password (\S+)/g)) {
    if (m[2] === 'operator' || m[2] === 'technician') return { user: m[1]!, password: m[3]! };
  }
  return { user: 'admin', password: ADMIN_PASSWORD };
}

/** POST /api/v1/rpc/<method> as JSON; logs in once when the server answers 401. */
async function rpc(s: Served, method: string, input: unknown): Promise<{ status: number; body: unknown }> {
  const send = async () => {
    const res = await fetch(`${s.url}api/v1/rpc/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(s.token ? { authorization: `Bearer ${s.token}` } : {}) },
      body: JSON.stringify(input),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  let reply = await send();
  if (reply.status === 401 && method !== 'login') {
    await logIn(s);
    reply = await send();
  }
  return reply;
}

/** Logs in (scrypt at OWASP's cost: most of a second here), keeping the token on `s`. */
async function logIn(s: Served): Promise<void> {
  const login = await fetch(`${s.url}api/v1/rpc/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials(s.output)) });
  if (login.status !== 200) throw new Error(`login failed (${login.status}): ${await login.text()}`);
  s.token = ((await login.json()) as { token: string }).token;
}

/** The i-th booking: its own hour on its own day, far enough ahead for the 3-day notice. */
function booking(i: number): unknown {
  const day = new Date(Date.now() + (10 + Math.floor(i / 10)) * 86_400_000).toISOString().slice(0, 10);
  const hour = String(7 + (i % 10)).padStart(2, '0');
  return {
    request: {
      title: `Họp kiểm tra dữ liệu ${i}`,
      hostBody: 'UBND tỉnh',
      chairLevel: 'province',
      kind: 'briefing',
      hostSiteId: 'tinh',
      room: 'Hội trường',
      participants: { sites: ['huyen'], groups: [] },
      start: `${day}T${hour}:00`,
      end: `${day}T${hour}:45`,
    },
  };
}

let dir: string;
let inv: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('data-safety runs the built CLI: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'bp-data-'));
  inv = writeInventory(inventory);
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('data safety of serve --db', () => {
  it('every booking answered ok survives SIGKILL at random moments, and the file stays intact', async () => {
    const db = join(dir, 'bridgepoint.db');
    const random = seeded(14_07);
    const acknowledged: string[] = [];
    let next = 0;
    let failed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const s = await startServe(db, inv);
      children.push(s.child);
      // Logged in before the clock starts: the kill lands among bookings, not during the login.
      await logIn(s);
      let killed = false;
      const loop = async (): Promise<void> => {
        while (!killed) {
          const i = next++;
          try {
            const { status, body } = await rpc(s, 'bookMeeting', booking(i));
            const outcome = body as { ok?: boolean; meeting?: { id: string } | null };
            if (status === 200 && outcome.ok && outcome.meeting) acknowledged.push(outcome.meeting.id);
            else if (!killed) throw new Error(`booking ${i} refused (${status}): ${JSON.stringify(body)}`);
          } catch (e) {
            if (!killed) throw e;
            failed++;
          }
        }
      };
      const delay = 150 + Math.floor(random() * 900);
      const kill = new Promise<void>((resolve) =>
        setTimeout(() => {
          killed = true;
          s.child.kill('SIGKILL');
          resolve();
        }, delay),
      );
      await Promise.all([loop(), loop(), loop(), kill]);
      await exited(s.child);
      expect(s.child.signalCode).toBe('SIGKILL');
    }
    expect(acknowledged.length).toBeGreaterThan(ROUNDS * 5);

    // Restarted once more: every acknowledged meeting is there and reads through the API.
    const s = await startServe(db, inv);
    children.push(s.child);
    const sample = acknowledged.filter((_, k) => k % Math.max(1, Math.floor(acknowledged.length / 25)) === 0);
    for (const id of sample) expect((await rpc(s, 'getReadiness', { meetingId: id })).status, id).toBe(200);
    s.child.kill('SIGTERM');
    await exited(s.child);

    const file = new DatabaseSync(db, { readOnly: true });
    try {
      expect(file.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      const stored = new Set((file.prepare('SELECT id FROM meetings').all() as { id: string }[]).map((r) => r.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      console.log(`data safety: ${acknowledged.length} bookings acknowledged over ${ROUNDS} SIGKILLs, ${lost.length} lost, ${failed} cut off unanswered`);
    } finally {
      file.close();
    }
  }, 90_000);

  it('a stored meeting that no longer validates is a 422 naming it, not a 500', async () => {
    const db = join(dir, 'corrupt.db');
    const s = await startServe(db, inv);
    children.push(s.child);
    try {
      const { body } = await rpc(s, 'bookMeeting', booking(3));
      const id = (body as { meeting: { id: string } }).meeting.id;
      const writer = new DatabaseSync(db);
      writer.prepare(`UPDATE meetings SET data = json_set(data, '$.title', '') WHERE id = ?`).run(id);
      writer.close();
      const reply = await rpc(s, 'getReadiness', { meetingId: id });
      expect(reply.status).toBe(422);
      expect(reply.body).toMatchObject({ error: { code: 'unprocessable', params: { meetingId: id, field: 'title' } } });
      expect((reply.body as { error: { message: string } }).error.message).toContain(`meeting ${id}`);
    } finally {
      s.child.kill('SIGTERM');
      await exited(s.child);
    }
  }, 60_000);

  it('a --db path that is a directory is refused, naming the path', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['serve', '--inventory', inv, '--db', folder, '--port', '0'], (l) => out.push(l), (l) => err.push(l));
    expect(code).toBe(1);
    expect(err).toEqual([`bridgepoint: ${folder}: is a directory; --db names the database file (e.g. ${folder}/bridgepoint.db)`]);
  });
});
