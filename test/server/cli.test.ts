import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { defaultDatabasePath, main, parseServeArgs } from '../../electron/server/cli.js';
import { smallInventory, writeInventory } from '../fixtures/inventory.js';

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

describe('bridgepoint CLI', () => {
  it('parses serve flags with loopback defaults', () => {
    expect(parseServeArgs(['--demo'])).toEqual({ inventoryPath: null, demo: true, databasePath: undefined, host: '127.0.0.1', port: 8740 });
    expect(parseServeArgs(['--inventory', 'x.json', '--port', '9000', '--host', '::1', '--db', '/tmp/x.db'])).toEqual({
      inventoryPath: 'x.json', demo: false, databasePath: '/tmp/x.db', host: '::1', port: 9000,
    });
    expect(parseServeArgs(['--inventory', 'x.json']).databasePath).toMatch(/bridgepoint\/bridgepoint\.db$/);
    expect(defaultDatabasePath({ XDG_DATA_HOME: '/srv/data' })).toBe('/srv/data/bridgepoint/bridgepoint.db');
  });

  it.each([
    [['serve', '--bogus'], /Unknown option '--bogus'/],
    [['serve', '--demo', '--port', 'abc'], /--port must be a number from 0 \(any free port\) to 65535, not "abc"/],
    [['serve', '--demo', '--port', '70000'], /--port must be a number/],
    [['serve'], /serve needs --inventory FILE or --demo/],
    [['serve', '--demo', 'extra'], /Unexpected argument 'extra'/],
    [['launch'], /unknown command "launch"/],
  ])('%j is a usage error with one clear first line and exit code 2', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err[0]!.split('\n')[0]).toMatch(/^bridgepoint: /);
    expect(err[0]!.split('\n')[0]).toMatch(message);
  });

  it('reports an invalid inventory by file and JSON path, exit 1', async () => {
    const inv = smallInventory() as { sites: Record<string, unknown>[] };
    inv.sites[4]!.parent = 'nowhere';
    const file = writeInventory(inv);
    const { code, err } = await run(['serve', '--inventory', file, '--port', '0', '--db', ':memory:']);
    expect(code).toBe(1);
    expect(err).toEqual([`bridgepoint: ${file}: $.sites[4].parent: unknown parent "nowhere"`]);
  });

  it('reports an unreadable inventory', async () => {
    const { code, err } = await run(['serve', '--inventory', '/nonexistent/inv.json']);
    expect(code).toBe(1);
    expect(err).toEqual(['bridgepoint: /nonexistent/inv.json: $: cannot read: no such file']);
  });

  it('reports a port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, err } = await run(['serve', '--inventory', writeInventory(smallInventory()), '--port', String(port), '--db', ':memory:']);
      expect(code).toBe(1);
      expect(err).toEqual([`bridgepoint: port ${port} on 127.0.0.1 is already in use (choose another with --port)`]);
    } finally {
      blocker.close();
    }
  });

  it('prints its version and help', async () => {
    expect((await run(['--version'])).out[0]).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await run(['--help'])).out[0]).toMatch(/bridgepoint serve/);
  });
});
