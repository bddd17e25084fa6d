import type { Role } from '../roles.js';
import { REQUEST_SCOPE_RULES } from '../scope-rules.js';
import { requests, type RequestName } from './contract.js';

/** Who is asking, as far as permissions go: the role, and the subtrees when scoped. */
export interface Caller {
  readonly role: Role;
  readonly scope?: readonly string[];
}

/**
 * May this caller make this request? The contract's roles per request, and for an account
 * scoped to part of the network the scope table's `forbidden` rows, are the one answer: the
 * engine refuses by them, and the console shows a control only to those it would not refuse.
 */
export function can(who: Caller | null | undefined, method: RequestName): boolean {
  if (who === null || who === undefined || !requests[method].roles.includes(who.role)) return false;
  const scoped = who.scope !== undefined && who.scope.length > 0;
  return !(scoped && REQUEST_SCOPE_RULES[method].kind === 'forbidden');
}
