import { ApiError } from '../../../shared/api/errors.js';
import { reorganise } from '../../../shared/inventory-reorg/reorganise.js';
import { scopeLosses } from '../../../shared/inventory-reorg/scope-loss.js';
import type { Handlers } from '../rpc/dispatch.js';
import { inventoryVersion } from './inventory-admin.js';
import { diffView, type InventoryCommitter } from './inventory-commit.js';

type ReorgRequest = 'previewInventoryReorganisation' | 'applyInventoryReorganisation';

/**
 * Reorganising the network (issue 12, item 7): merge sites, move sites, remove a tier. The
 * operation itself is pure (shared/inventory-reorg); here it is previewed against the running
 * inventory and applied through the committer, like every inventory change (backup, atomic
 * write, adoption, undo), against the version the preview saw. The preview also names the scoped
 * accounts that would lose sites of their scope (accounts are not changed by it).
 */
export function inventoryReorg(committer: InventoryCommitter, accounts: () => readonly { readonly user: string; readonly scope: readonly string[] }[]): Pick<Handlers, ReorgRequest> {
  return {
    previewInventoryReorganisation: ({ operation }) => {
      const current = committer.current();
      const r = reorganise(current, operation);
      if (!r.ok) return { baseVersion: inventoryVersion(current), problems: [...r.problems], diff: null, scopes: [] };
      return { baseVersion: inventoryVersion(current), problems: [], diff: diffView(current, r.inventory), scopes: scopeLosses(accounts(), current, r.inventory) };
    },
    applyInventoryReorganisation: ({ operation, baseVersion }, caller) =>
      committer.commit(caller.user, (before) => {
        if (inventoryVersion(before) !== baseVersion) {
          throw new ApiError('conflict', 'the inventory changed since the preview: preview the reorganisation again', undefined, { reason: 'inventory_changed' });
        }
        const r = reorganise(before, operation);
        if (!r.ok) {
          throw new ApiError('bad_request', 'the reorganisation has problems: preview it to see them all', undefined, { reason: 'reorg_has_problems', count: r.problems.length });
        }
        return r.inventory;
      }),
  };
}
