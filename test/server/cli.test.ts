import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDatabasePath, main, parseServeArgs } from '../../electron/server/cli.js';
import { boundAddresses } from '../../electron/server/serve.js';
import { parseSimulateArgs } from '../../electron/server/simulate.js';
import { smallInventory, writeInventory } from '../fixtures/inventory.js';

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

describe('bridgepoint CLI', () => {
  it('parses serve flags with loopback defaults', () => {
    expect(parseServeArgs(['--demo'])).toEqual({ inventoryPath: null, demo: true, demoName: 'bac-kan', databasePath: undefined, host: '127.0.0.1', port: 8740 });
    expect(parseServeArgs(['--inventory', 'x.json', '--port', '9000', '--host', '::1', '--db', '/tmp/x.db'])).toEqual({
      inventoryPath: 'x.json', demo: false, demoName: 'bac-kan', databasePath: '/tmp/x.db', host: '::1', port: 9000,
    });
    expect(parseServeArgs(['--inventory', 'x.json']).databasePath).toMatch(/bridgepoint\/bridgepoint\.db$/);
    expect(defaultDatabasePath({ XDG_DATA_HOME: '/srv/data' })).toBe('/srv/data/bridgepoint/bridgepoint.db');
  });

  it('takes an optional demo name after --demo', () => {
    expect(parseServeArgs(['--demo', 'thai-nguyen-2025', '--port', '9000'])).toMatchObject({ demo: true, demoName: 'thai-nguyen-2025', port: 9000 });
    expect(parseServeArgs(['--demo=thai-nguyen-2025'])).toMatchObject({ demo: true, demoName: 'thai-nguyen-2025' });
    expect(parseServeArgs(['--demo', '--port', '9000'])).toMatchObject({ demo: true, demoName: 'bac-kan', port: 9000 });
    expect(() => parseServeArgs(['--demo', 'ha-noi'])).toThrow(/bac-kan, thai-nguyen-2025.*"ha-noi"/);
    expect(() => parseServeArgs(['--inventory', 'x.json', '--demo', 'thai-nguyen-2025'])).toThrow(/without --inventory/);
  });

  it('takes the history retention per rollup level (--keep-1m …) and refuses nonsense in words', () => {
    expect(parseServeArgs(['--demo']).historyRetention).toBeUndefined();
    expect(parseServeArgs(['--demo', '--keep-1m', '24h', '--keep-15m', '21d']).historyRetention).toEqual({ '1m': 86_400_000, '15m': 21 * 86_400_000 });
    expect(() => parseServeArgs(['--demo', '--keep-1m', '40d'])).toThrow('--keep-1m 40d is longer than --keep-15m 35d: a finer level cannot be kept longer than a coarser one');
    expect(() => parseServeArgs(['--demo', '--keep-1h', '30m'])).toThrow('--keep-1h 30m keeps less than one 1h bucket: give at least 1h');
    expect(() => parseServeArgs(['--demo', '--keep-1d', 'forever'])).toThrow(/--keep-1d must be a duration such as 90m, 48h or 35d/);
  });

  it('simulates either demo, or an inventory', () => {
    expect(parseSimulateArgs([])).toMatchObject({ inventoryPath: null, demoName: 'bac-kan' });
    expect(parseSimulateArgs(['--demo', 'thai-nguyen-2025'])).toMatchObject({ inventoryPath: null, demoName: 'thai-nguyen-2025' });
    expect(() => parseSimulateArgs(['--demo', 'x'])).toThrow(/embedded demo/);
    expect(() => parseSimulateArgs(['--demo', 'bac-kan', '--inventory', 'x.json'])).toThrow(/not both/);
  });

  it('parses the LAN flags: TLS, allowed hosts and origins', () => {
    const cert = join(import.meta.dirname, 'fixtures', 'tls-cert.pem');
    expect(parseServeArgs(['--demo', '--host', '0.0.0.0', '--tls-cert', cert, '--tls-key', 'k.pem', '--allowed-host', 'Console.LAN', '--allowed-host', 'bp.tinh.vn', '--allowed-origin', 'https://wall.lan:9000/'])).toMatchObject({
      host: '0.0.0.0',
      tls: { certPath: cert, keyPath: 'k.pem' },
      allowedHosts: ['console.lan', 'bp.tinh.vn'],
      allowedOrigins: ['https://wall.lan:9000'],
    });
    expect(parseServeArgs(['--demo', '--host', '192.168.1.10', '--insecure-http']).tls).toBeUndefined();
    expect(parseServeArgs(['--demo', '--host', '127.0.0.2']).host).toBe('127.0.0.2');
  });

  it('lets the Host header name the bound address, or every interface address for a wildcard', () => {
    expect(boundAddresses('192.168.1.10')).toEqual(['192.168.1.10']);
    const interfaces = { lo: [{ address: '127.0.0.1' }], eth0: [{ address: '10.0.0.6' }, { address: 'fe80::1%eth0' }] } as unknown as Parameters<typeof boundAddresses>[1];
    expect(boundAddresses('0.0.0.0', interfaces)).toEqual(['127.0.0.1', '10.0.0.6', 'fe80::1']);
  });

  it('takes the session idle time in minutes, within a day', () => {
    expect(parseServeArgs(['--demo', '--session-idle-min', '480'])).toMatchObject({ sessionIdleMinutes: 480 });
    expect(parseServeArgs(['--demo'])).not.toHaveProperty('sessionIdleMinutes');
    for (const bad of ['0', '1441', '2.5', 'abc', '-5', '']) {
      expect(() => parseServeArgs(['--demo', `--session-idle-min=${bad}`]), bad).toThrow(/--session-idle-min must be whole minutes from 1 to 1440/);
    }
  });

  it('parses where the audit chain head goes', () => {
    expect(parseServeArgs(['--demo', '--audit-syslog', 'tcp://127.0.0.1:6514', '--audit-head-file', '/var/log/bp-heads'])).toMatchObject({
      auditSyslog: { protocol: 'tcp', host: '127.0.0.1', port: 6514 },
      auditHeadFile: '/var/log/bp-heads',
    });
  });

  it.each([
    [['serve', '--demo', '--host', '0.0.0.0'], /--host 0\.0\.0\.0 is reachable from other machines: give --tls-cert FILE and --tls-key FILE \(or --insecure-http\)/],
    [['serve', '--demo', '--host', '192.168.1.10', '--tls-cert', 'c.pem'], /--tls-cert and --tls-key go together/],
    [['serve', '--demo', '--allowed-host', 'http://console.lan'], /--allowed-host "http:\/\/console\.lan" is not a host name/],
    [['serve', '--demo', '--allowed-origin', 'console.lan'], /--allowed-origin "console\.lan" is not a URL/],
    [['serve', '--demo', '--allowed-origin', 'https://console.lan/app'], /must be a web origin/],
    [['serve', '--bogus'], /Unknown option '--bogus'/],
    [['serve', '--demo', '--port', 'abc'], /--port must be a number from 0 \(any free port\) to 65535, not "abc"/],
    [['serve', '--demo', '--port', '70000'], /--port must be a number/],
    [['serve'], /serve needs --inventory FILE or --demo/],
    [['serve', '--demo', 'extra'], /--demo must name an embedded demo \(bac-kan, thai-nguyen-2025\), not "extra"/],
    [['serve', '--demo', 'bac-kan', 'extra'], /Unexpected argument 'extra'/],
    [['launch'], /unknown command "launch"/],
    [['serve', '--demo', '--audit-syslog', 'smtp://x:1'], /--audit-syslog: the scheme must be udp or tcp, not "smtp"/],
    [['audit', 'verify'], /audit verify needs --db FILE/],
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

  it('reports an unusable TLS file by flag and path, exit 1, before starting anything', async () => {
    const { code, err } = await run(['serve', '--demo', '--port', '0', '--tls-cert', '/nonexistent/cert.pem', '--tls-key', '/nonexistent/key.pem']);
    expect(code).toBe(1);
    expect(err).toEqual(['bridgepoint: --tls-cert /nonexistent/cert.pem: cannot read: no such file']);
  });

  it('prints its version and help', async () => {
    expect((await run(['--version'])).out[0]).toMatch(/^\d+\.\d+\.\d+$/);
    const help = (await run(['--help'])).out[0]!;
    expect(help).toMatch(/bridgepoint serve/);
    for (const flag of ['--tls-cert FILE', '--tls-key FILE', '--insecure-http', '--allowed-host NAME', '--allowed-origin URL', 'Authorization: Bearer']) expect(help).toContain(flag);
  });
});
