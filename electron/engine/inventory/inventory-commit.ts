import type { Inventory } from '../../../shared/inventory.js';
import type { InventoryDiffView } from '../../../shared/inventory-import-api.js';
import { ApiError } from '../../../shared/api/errors.js';
import { encryptInventorySecrets } from '../secrets/inventory-secrets.js';
import type { SecretKeySource } from '../secrets/key-source.js';
import { atomicWrite, InventoryBackups } from './inventory-backups.js';
import { diffInventories } from './import/inventory-diff.js';

export interface InventoryCommitDeps {
  readonly current: () => Inventory;
  /** The inventory file; null for the embedded demo, whose changes live in memory only. */
  readonly file: string | null;
  /** When given, secrets are written to the file encrypted under this key. */
  readonly secretKey: SecretKeySource | null;
  /** Make the new inventory the running one (poller, map, alarms follow; ids stay). */
  readonly replace: (inventory: Inventory) => void;
}

export interface CommitResult {
  sites: number;
  endpoints: number;
  /** Where the change was kept: the inventory file, or only in memory (the embedded demo). */
  savedTo: 'file' | 'memory';
  diff: InventoryDiffView;
  /** Earlier inventories kept to undo to, after this change. */
  undoable: number;
}

/** The diff as the API carries it (plain arrays, no undefined fields). */
export const diffView = (before: Inventory, after: Inventory): InventoryDiffView =>
  JSON.parse(JSON.stringify(diffInventories(before, after))) as InventoryDiffView;

const count = (inv: Inventory) => ({ sites: inv.sites.length, endpoints: inv.sites.reduce((n, s) => n + s.endpoints.length, 0) });

/**
 * The one way an inventory change becomes the running inventory (an import, an edit in the
 * editor, a reorganisation, codecs added from a discovery): the inventory it replaces is kept as
 * a numbered backup, the file is written atomically, then the engine adopts it. Changes are taken
 * one at a time, in order; a change that cannot be saved leaves the running inventory as it was.
 */
export class InventoryCommitter {
  private readonly backups: InventoryBackups;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: InventoryCommitDeps) {
    this.backups = new InventoryBackups(deps.file, deps.secretKey);
  }

  current(): Inventory {
    return this.deps.current();
  }

  /**
   * Make what `change` returns the running inventory. `change` sees the inventory as it is when
   * this change's turn comes (after earlier queued changes), and may throw an ApiError to refuse.
   */
  commit(by: string, change: (current: Inventory) => Inventory): Promise<CommitResult> {
    return this.serial(async () => {
      const before = this.deps.current();
      const next = change(before);
      try {
        await this.backups.push(before, by, new Date());
        await this.save(next);
      } catch (e) {
        throw notSaved(e);
      }
      this.deps.replace(next);
      return { ...count(next), savedTo: this.savedTo, diff: diffView(before, next), undoable: (await this.backups.list()).length };
    });
  }

  /** Go back to the inventory the last change replaced. */
  undo(): Promise<CommitResult> {
    return this.serial(async () => {
      const before = this.deps.current();
      const last = await this.backups.pop().catch((e: unknown) => {
        throw new ApiError('unavailable', `the backup could not be read: ${(e as Error).message}`, undefined, { reason: 'backup_unreadable' });
      });
      if (!last) throw new ApiError('not_found', 'there is no earlier inventory to go back to', undefined, { reason: 'nothing_to_undo' });
      try {
        await this.save(last.inventory);
      } catch (e) {
        throw notSaved(e);
      }
      this.deps.replace(last.inventory);
      return { ...count(last.inventory), savedTo: this.savedTo, diff: diffView(before, last.inventory), undoable: (await this.backups.list()).length };
    });
  }

  async undoInfo(): Promise<{ available: number; last: { at: string; by: string } | null }> {
    const all = await this.backups.list();
    const last = all.at(-1);
    return { available: all.length, last: last ? { at: last.at, by: last.by } : null };
  }

  private get savedTo(): 'file' | 'memory' {
    return this.deps.file === null ? 'memory' : 'file';
  }

  private async save(inv: Inventory): Promise<void> {
    if (this.deps.file === null) return;
    const raw = structuredClone(inv) as unknown;
    if (this.deps.secretKey) await encryptInventorySecrets(raw, this.deps.secretKey);
    await atomicWrite(this.deps.file, `${JSON.stringify(raw, null, 2)}\n`);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

const notSaved = (e: unknown) =>
  new ApiError('unavailable', `the inventory file could not be written: ${(e as Error).message}`, undefined, { reason: 'inventory_not_saved' });
