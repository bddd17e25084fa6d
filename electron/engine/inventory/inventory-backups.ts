import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Inventory } from '../../../shared/inventory.js';
import { encryptInventorySecrets } from '../secrets/inventory-secrets.js';
import type { SecretKeySource } from '../secrets/key-source.js';
import { loadInventory } from './load-inventory.js';

/** How many earlier inventories are kept to undo to. */
export const KEEP_BACKUPS = 20;

export interface BackupInfo {
  readonly n: number;
  /** When the change that replaced it was made, and by whom. */
  readonly at: string;
  readonly by: string;
}

/**
 * The inventories a change replaced, numbered, newest last: undo takes the newest back. Beside
 * the inventory file as `<file>.backups/0007.json` (secrets encrypted like the file when a key is
 * set) with a small `0007.meta.json`; for the embedded demo, in memory. Writes are atomic
 * (temp file + rename); the oldest past KEEP_BACKUPS are removed.
 */
export class InventoryBackups {
  private readonly memory: { info: BackupInfo; inventory: Inventory }[] = [];

  constructor(
    private readonly file: string | null,
    private readonly secretKey: SecretKeySource | null,
  ) {}

  private get dir(): string {
    return `${this.file}.backups`;
  }

  async list(): Promise<BackupInfo[]> {
    if (this.file === null) return this.memory.map((m) => m.info);
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const infos: BackupInfo[] = [];
    for (const name of names.filter((n) => /^\d{4,}\.meta\.json$/.test(n)).sort()) {
      try {
        const meta = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as { at?: unknown; by?: unknown };
        infos.push({ n: Number(name.slice(0, name.indexOf('.'))), at: String(meta.at ?? ''), by: String(meta.by ?? '') });
      } catch {
        // A broken meta file: that backup is not offered (its inventory file stays on disk).
      }
    }
    return infos.sort((a, b) => a.n - b.n);
  }

  async push(inventory: Inventory, by: string, at: Date): Promise<void> {
    const all = await this.list();
    const n = (all.at(-1)?.n ?? 0) + 1;
    const info: BackupInfo = { n, at: at.toISOString(), by };
    if (this.file === null) {
      this.memory.push({ info, inventory: structuredClone(inventory) });
      this.memory.splice(0, Math.max(0, this.memory.length - KEEP_BACKUPS));
      return;
    }
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const raw = structuredClone(inventory) as unknown;
    if (this.secretKey) await encryptInventorySecrets(raw, this.secretKey);
    // Compact: a backup is read back by the engine, not by people (the live file stays indented).
    await atomicWrite(this.path(n), `${JSON.stringify(raw)}\n`);
    await atomicWrite(join(this.dir, `${pad(n)}.meta.json`), `${JSON.stringify({ at: info.at, by })}\n`);
    for (const old of all.slice(0, Math.max(0, all.length + 1 - KEEP_BACKUPS))) await this.remove(old.n);
  }

  /** The newest backup's inventory, taken off the list; null when there is none. */
  async pop(): Promise<{ info: BackupInfo; inventory: Inventory } | null> {
    if (this.file === null) return this.memory.pop() ?? null;
    const last = (await this.list()).at(-1);
    if (!last) return null;
    const inventory = await loadInventory(this.path(last.n), { secretKey: this.secretKey });
    await this.remove(last.n);
    return { info: last, inventory };
  }

  private path(n: number): string {
    return join(this.dir, `${pad(n)}.json`);
  }

  private async remove(n: number): Promise<void> {
    await rm(this.path(n), { force: true });
    await rm(join(this.dir, `${pad(n)}.meta.json`), { force: true });
  }
}

const pad = (n: number): string => String(n).padStart(4, '0');

/** Write a file whole or not at all: a temp file beside it, then a rename. */
export async function atomicWrite(file: string, text: string): Promise<void> {
  const tmp = join(dirname(file), `.${process.pid}-${Date.now()}.saving`);
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, file);
}
