import type { ConnectionTestInput } from '../../shared/connection-test.js';
import type { InventoryFormat } from '../../shared/inventory-import-api.js';
import type { InventoryEdit } from '../../shared/inventory-edit/edit-api.js';
import { apiHolder } from '../api/api-holder.js';

/** The inventory import and export requests, for the Inventory view (technicians). */
const holder = apiHolder();

export const setInventoryApi = holder.set;
export const previewImport = (format: InventoryFormat, content: string) => holder.ask((api) => api.call('previewInventoryImport', { format, content }));
export const applyImport = (format: InventoryFormat, content: string, baseVersion: string) => holder.ask((api) => api.call('applyInventoryImport', { format, content, baseVersion }));
export const exportInventory = (format: InventoryFormat) => holder.ask((api) => api.call('exportInventory', { format }));
export const undoChange = () => holder.ask((api) => api.call('undoInventoryChange', {}));
export const getUndo = () => holder.ask((api) => api.call('getInventoryUndo', {}));
export const testConnection = (input: ConnectionTestInput) => holder.ask((api) => api.call('testEndpointConnection', input));
export const getEditBase = (input: { site?: string; endpoint?: string }) => holder.ask((api) => api.call('getInventoryEditBase', input));
export const editInventory = (baseVersion: string, edit: InventoryEdit) => holder.ask((api) => api.call('editInventory', { baseVersion, edit }));
/** After an edit: the network as it is now (a rename or a move does not change the status count the session watches). */
export const reloadNetwork = () => holder.ask((api) => api.call('getNetwork', {}));
