import { ApiError } from '../../../shared/api/errors.js';
import type { Inventory, SnmpSettings } from '../../../shared/inventory.js';
import { applyInventoryEdit } from '../../../shared/inventory-edit/apply-edit.js';
import type { EditBase, EndpointSettingsView } from '../../../shared/inventory-edit/edit-api.js';
import type { EditProblem } from '../../../shared/inventory-edit/edit-problems.js';
import type { Handlers } from '../rpc/dispatch.js';
import { inventoryVersion } from './inventory-admin.js';
import type { InventoryCommitter } from './inventory-commit.js';

type EditorRequest = 'editInventory' | 'getInventoryEditBase';

export interface InventoryEditorDeps {
  readonly current: () => Inventory;
  readonly profiles: ReadonlySet<string>;
  readonly committer: InventoryCommitter;
}

/** An edit the rules refused: nothing was written; the problems go back to the form. */
class EditRefused extends Error {
  constructor(readonly problems: readonly EditProblem[]) {
    super('the edit has problems');
  }
}

/** An endpoint's SNMP settings without the secrets: only whether each is set. */
function settingsView(snmp: SnmpSettings, interfaceName: string | undefined): EndpointSettingsView {
  const iface = interfaceName ?? null;
  if (snmp.version !== '3') return { snmp: { version: snmp.version, hasCommunity: snmp.community !== '' }, interfaceName: iface };
  return {
    snmp: {
      version: '3',
      user: snmp.user,
      level: snmp.level ?? (snmp.privKey ? 'authPriv' : snmp.authKey ? 'authNoPriv' : 'noAuthNoPriv'),
      authProtocol: snmp.authProtocol ?? 'sha',
      privProtocol: snmp.privProtocol ?? 'aes',
      hasAuthKey: !!snmp.authKey,
      hasPrivKey: !!snmp.privKey,
    },
    interfaceName: iface,
  };
}

/**
 * The inventory editor (issue 12 item 1): technicians add, edit, move and delete one site or one
 * codec at a time, live. Each edit is judged by the shared rules against the inventory as it is
 * when its turn comes, and refused whole, with its problems, or made through the committer
 * (backup, atomic write, adoption: the poller, the map and every view follow; ids never change,
 * so alarms and history stay attached). An edit made on an older inventory is a conflict.
 */
export function inventoryEditor(deps: InventoryEditorDeps): Pick<Handlers, EditorRequest> {
  return {
    getInventoryEditBase: ({ site, endpoint }): EditBase => {
      const inv = deps.current();
      const s = site === undefined ? undefined : inv.sites.find((x) => x.id === site);
      const e = endpoint === undefined ? undefined : inv.sites.flatMap((x) => x.endpoints).find((x) => x.id === endpoint);
      if ((site !== undefined && !s) || (endpoint !== undefined && !e)) {
        throw new ApiError('not_found', `no ${s ? 'endpoint' : 'site'} "${s ? endpoint : site}" in the inventory`, undefined, { reason: 'not_in_inventory' });
      }
      return {
        baseVersion: inventoryVersion(inv),
        profiles: [...deps.profiles].sort(),
        site: s ? { district: s.district ?? null } : null,
        endpoint: e ? settingsView(e.snmp, e.interface?.name) : null,
      };
    },
    editInventory: async ({ baseVersion, edit }, caller) => {
      try {
        const applied = await deps.committer.commit(caller.user, (before) => {
          if (inventoryVersion(before) !== baseVersion) {
            throw new ApiError('conflict', 'the inventory changed since the form was opened: open it again', undefined, { reason: 'inventory_edited_meanwhile' });
          }
          const outcome = applyInventoryEdit(before, edit, deps.profiles);
          if (!outcome.ok) throw new EditRefused(outcome.problems);
          return outcome.inventory;
        });
        return { problems: [], applied };
      } catch (e) {
        if (e instanceof EditRefused) return { problems: e.problems.map((p) => ({ code: p.code, field: p.field, params: { ...p.params } })), applied: null };
        throw e;
      }
    },
  };
}
