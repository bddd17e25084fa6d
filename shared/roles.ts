/** Who may do what. Requests in the contract name the roles allowed to call them. */
export const ROLES = ['technician', 'operator', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  readonly user: string;
  readonly role: Role;
}

/** Until accounts exist, the person at the desktop (or on loopback) is the technician. */
export const LOCAL_IDENTITY: Identity = { user: 'local', role: 'technician' };

export const ALL_ROLES: readonly Role[] = ROLES;

export function mayCall(identity: Identity, allowed: readonly Role[]): boolean {
  return allowed.includes(identity.role);
}
