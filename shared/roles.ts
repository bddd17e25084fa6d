/** Who may do what. Requests in the contract name the roles allowed to call them. */
export const ROLES = ['technician', 'operator', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

/** Which window a call came through: the desktop app, a browser on the LAN, or a script. */
export const CLIENT_KINDS = ['desktop', 'browser', 'script'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export interface Identity {
  readonly user: string;
  readonly role: Role;
  /**
   * The subtrees this caller may see, as site ids (each root with everything below it). Absent or
   * empty: the whole network. Only supervisors are scoped; the engine filters every answer by it.
   */
  readonly scope?: readonly string[];
  /** The login session this call belongs to (its public id, never the token). */
  readonly sessionId?: string;
  /** Where the call came from, for the audit log: an address such as `127.0.0.1`, or `desktop`. */
  readonly source?: string;
  readonly client?: ClientKind;
}

/** Until accounts exist, the person at the desktop (or on loopback) is the technician. */
export const LOCAL_IDENTITY: Identity = { user: 'local', role: 'technician' };

export const ALL_ROLES: readonly Role[] = ROLES;

export function mayCall(identity: Identity, allowed: readonly Role[]): boolean {
  return allowed.includes(identity.role);
}

/** True when the identity sees only part of the network. */
export function isScoped(identity: Identity): boolean {
  return identity.scope !== undefined && identity.scope.length > 0;
}
