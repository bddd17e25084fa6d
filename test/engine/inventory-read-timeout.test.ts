import type * as FsPromises from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';

/** A file on a share that hangs: the open works, the read never finishes. */
const hung = vi.hoisted(() => ({ closed: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  return {
    ...real,
    open: async (path: string, flags: number) => {
      const handle = await real.open(path, flags);
      return {
        stat: () => handle.stat(),
        read: () => new Promise(() => {}),
        close: async () => {
          hung.closed++;
          await handle.close();
        },
      };
    },
  };
});

const { loadInventory } = await import('../../electron/engine/inventory/load-inventory.js');
const { smallInventory, writeInventory } = await import('../fixtures/inventory.js');

describe('bounded start-up reads: time', () => {
  it('gives up a read that does not finish in time, naming the path, and closes the file', async () => {
    const file = writeInventory(smallInventory());
    await expect(loadInventory(file, { timeoutMs: 200 })).rejects.toThrow(`${file}: $: cannot read: not read within 0.2 s`);
    expect(hung.closed).toBe(1);
  });
});
