import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryError, loadInventory, parseInventoryBytes } from '../../electron/engine/inventory/load-inventory.js';
import { decodeUtf8Marked, invalidTextIssues } from '../../electron/engine/inventory/utf8-text.js';
import { smallInventory, writeInventory } from '../fixtures/inventory.js';

const dir = () => mkdtempSync(join(tmpdir(), 'bp-invload-'));

async function refusal(p: Promise<unknown>): Promise<InventoryError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InventoryError);
  return e as InventoryError;
}

describe('bounded start-up reads', () => {
  it('refuses a FIFO at once, naming the path, without waiting for a writer', async () => {
    const fifo = join(dir(), 'inventory.json');
    execFileSync('mkfifo', [fifo]);
    const e = await refusal(loadInventory(fifo));
    expect(e.message).toBe(`${fifo}: $: cannot read: is a FIFO (named pipe), not a file`);
  });

  it('refuses a device and a directory, and names a missing file, naming the path', async () => {
    expect((await refusal(loadInventory('/dev/zero'))).message).toBe('/dev/zero: $: cannot read: is a device, not a file');
    const d = dir();
    expect((await refusal(loadInventory(d))).message).toBe(`${d}: $: cannot read: is a directory`);
    expect((await refusal(loadInventory(join(d, 'nope.json')))).message).toBe(`${join(d, 'nope.json')}: $: cannot read: no such file`);
  });

  it('refuses a file over the size cap before reading it', async () => {
    const file = writeInventory(smallInventory());
    const e = await refusal(loadInventory(file, { maxBytes: 100 }));
    expect(e.message).toMatch(new RegExp(`^${file}: \\$: cannot read: too large \\(\\d+ bytes; at most 100\\)$`));
  });

  it('reports an unreadable file as permission denied', async () => {
    if (process.getuid?.() === 0) return; // root reads anything
    const file = writeInventory(smallInventory());
    chmodSync(file, 0o000);
    expect((await refusal(loadInventory(file))).message).toBe(`${file}: $: cannot read: permission denied`);
  });

  it('reads a normal file, with a BOM, as before', async () => {
    const file = join(dir(), 'inv.json');
    writeFileSync(file, '\uFEFF' + JSON.stringify(smallInventory()));
    expect((await loadInventory(file)).sites).toHaveLength(6);
  });

  it('a path through a file (not a folder) is named too', async () => {
    const file = writeInventory(smallInventory());
    expect((await refusal(loadInventory(join(file, 'inv.json')))).message).toMatch(/cannot read: a part of the path is not a directory$/);
  });
});

describe('UTF-8', () => {
  const withBytes = (field: 'site' | 'key', bad: number[]): Buffer => {
    const text = JSON.stringify(smallInventory());
    const marker = field === 'site' ? 'UBND huyện Na Rì' : '"community"';
    const at = Buffer.from(text.slice(0, text.indexOf(marker) + (field === 'site' ? 5 : 3)));
    return Buffer.concat([at, Buffer.from(bad), Buffer.from(text.slice(text.indexOf(marker) + (field === 'site' ? 5 : 3)))]);
  };

  it.each([
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence', [0xe1, 0xba]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['Latin-1 text', [0xe0, 0x20]],
  ])('names the field that holds %s', async (_what, bad) => {
    const e = await refusal(parseInventoryBytes('inv.json', withBytes('site', bad)));
    expect(e.lines).toEqual(['inv.json: $.sites[2].name: not valid UTF-8 text (save the file as UTF-8)']);
  });

  it('names the object whose field name is not UTF-8', async () => {
    const e = await refusal(parseInventoryBytes('inv.json', withBytes('key', [0xff])));
    expect(e.lines[0]).toBe('inv.json: $.sites[0].endpoints[0].snmp: a field name is not valid UTF-8 text (save the file as UTF-8)');
  });

  it('bad bytes outside strings are a JSON error with a position', async () => {
    const e = await refusal(parseInventoryBytes('inv.json', Buffer.from([0x7b, 0xff, 0x7d])));
    expect(e.lines[0]).toMatch(/^inv\.json: \$: not valid JSON \(.*line 1, column 2\)$/);
  });

  it('decodes valid UTF-8 exactly and marks each invalid byte with one lone surrogate', () => {
    expect(decodeUtf8Marked(Buffer.from('Chợ Rã 🏔'))).toBe('Chợ Rã 🏔');
    expect(decodeUtf8Marked(Buffer.from([0x61, 0xff, 0xfe, 0x62]))).toBe('a\uD800\uD800b');
  });

  it('walks any depth without recursion', () => {
    const deep = JSON.parse('['.repeat(200_000) + '"\uD800"' + ']'.repeat(200_000)) as unknown;
    expect(invalidTextIssues(deep)[0]!.message).toMatch(/not valid UTF-8/);
  });

  it('a deeply nested file is a clear error, not a stack overflow', async () => {
    const e = await refusal(parseInventoryBytes('inv.json', Buffer.from('['.repeat(500_000) + ']'.repeat(499_999))));
    expect(e.lines[0]).toMatch(/^inv\.json: \$: not valid JSON/);
    const ok = await refusal(parseInventoryBytes('inv.json', Buffer.from('['.repeat(500_000) + ']'.repeat(500_000))));
    expect(ok.lines[0]).toMatch(/^inv\.json: \$: /);
  });
});
