import type { z } from 'zod';
import type { DiscoveryStartInputSchema } from '../../shared/discovery.js';
import type { ConnectionTestInput } from '../../shared/connection-test.js';
import type { InventoryFormat } from '../../shared/inventory-import-api.js';
import type { ReorgOperation } from '../../shared/inventory-reorg/reorg-api.js';
import type { InventoryEdit } from '../../shared/inventory-edit/edit-api.js';
import { apiHolder } from '../api/api-holder.js';

/** The inventory import and export requests, for the Inventory view (technicians). */
const holder = apiHolder();

/** What the discovery panel sends (port and rate are always given). */
type DiscoveryStartRequest = z.input<typeof DiscoveryStartInputSchema>;

export const setInventoryApi = holder.set;
export const previewImport = (format: InventoryFormat, content: string) => holder.ask((api) => api.call('previewInventoryImport', { format, content }));
export const applyImport = (format: InventoryFormat, content: string, baseVersion: string) => holder.ask((api) => api.call('applyInventoryImport', { format, content, baseVersion }));
export const exportInventory = (format: InventoryFormat) => holder.ask((api) => api.call('exportInventory', { format }));
export const undoChange = () => holder.ask((api) => api.call('undoInventoryChange', {}));
export const getUndo = () => holder.ask((api) => api.call('getInventoryUndo', {}));
export const testConnection = (input: ConnectionTestInput) => holder.ask((api) => api.call('testEndpointConnection', input));
export const startDiscovery = (input: DiscoveryStartRequest) => holder.ask((api) => api.call('startDiscovery', input));
export const getDiscovery = (sweepId: string) => holder.ask((api) => api.call('getDiscovery', { sweepId }));
export const cancelDiscovery = (sweepId: string) => holder.ask((api) => api.call('cancelDiscovery', { sweepId }));
export const addDiscovered = (sweepId: string, siteId: string, addresses: string[]) => holder.ask((api) => api.call('addDiscovered', { sweepId, siteId, addresses }));
export const previewReorg = (operation: ReorgOperation) => holder.ask((api) => api.call('previewInventoryReorganisation', { operation }));
export const applyReorg = (operation: ReorgOperation, baseVersion: string) => holder.ask((api) => api.call('applyInventoryReorganisation', { operation, baseVersion }));
export const getEditBase = (input: { site?: string; endpoint?: string }) => holder.ask((api) => api.call('getInventoryEditBase', input));
export const editInventory = (baseVersion: string, edit: InventoryEdit) => holder.ask((api) => api.call('editInventory', { baseVersion, edit }));
/** After an edit: the network as it is now (a rename or a move does not change the status count the session watches). */
export const reloadNetwork = () => holder.ask((api) => api.call('getNetwork', {}));
