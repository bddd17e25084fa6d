import type { RequestName } from '../../../shared/api/contract.js';
import { can } from '../../../shared/api/permissions.js';
import { useConnectionStore } from '../../stores/connection-store.js';

/** Whether the person logged in may make this request (the contract's roles), for showing a control. */
export function useCan(method: RequestName): boolean {
  return useConnectionStore((s) => can(s.identity, method));
}
