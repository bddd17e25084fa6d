import { z } from 'zod';
import { CLIENT_KINDS, ROLES } from './roles.js';

/**
 * Accounts and login sessions as they cross the ConsoleApi boundary. Password hashes and session
 * tokens never appear here except the token handed once to the person who logged in.
 */
export const UserNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash and underscore');

/** Site ids whose subtrees the account sees; empty = the whole network. Only supervisors are scoped. */
export const ScopeSchema = z.array(z.string().min(1).max(200)).max(500);

export const PasswordSchema = z.string().min(10, 'at least 10 characters').max(1024);

export const UserSchema = z.object({
  user: UserNameSchema,
  displayName: z.string(),
  role: z.enum(ROLES),
  scope: ScopeSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const IdentitySchema = z.object({
  user: z.string(),
  role: z.enum(ROLES),
  displayName: z.string().optional(),
  scope: ScopeSchema.optional(),
  sessionId: z.string().optional(),
  /** Logged in with a one-time password (first run, or set by a technician): change it first. */
  mustChangePassword: z.boolean().optional(),
  /** A login session's idle expiry (seconds without input), so the console can warn before it. */
  idleTimeoutS: z.number().int().positive().optional(),
});
export type IdentityView = z.infer<typeof IdentitySchema>;

export const LoginInputSchema = z.strictObject({
  user: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
  client: z.enum(CLIENT_KINDS).optional(),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

export const LoginResultSchema = z.object({
  /** The bearer token (at least 128 random bits, base64url). Sent as `Authorization: Bearer …`. */
  token: z.string(),
  identity: IdentitySchema,
  idleTimeoutS: z.number().int().positive(),
  absoluteExpiresAt: z.string(),
});
export type LoginResult = z.infer<typeof LoginResultSchema>;

export const SessionInfoSchema = z.object({
  /** Public id of the session (not the token). */
  id: z.string(),
  user: z.string(),
  role: z.enum(ROLES),
  source: z.string(),
  client: z.enum(CLIENT_KINDS),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  /** This is the caller's own session. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const CreateUserInputSchema = z.strictObject({
  user: UserNameSchema,
  displayName: z.string().min(1).max(120),
  role: z.enum(ROLES),
  scope: ScopeSchema.default([]),
  password: PasswordSchema,
});
export const UpdateUserInputSchema = z.strictObject({
  user: UserNameSchema,
  displayName: z.string().min(1).max(120).optional(),
  role: z.enum(ROLES).optional(),
  scope: ScopeSchema.optional(),
  /** Disabling ends every session of the user at once, open WebSockets included. */
  disabled: z.boolean().optional(),
});
export const SetPasswordInputSchema = z.strictObject({
  user: UserNameSchema,
  password: PasswordSchema,
  /** Required when changing one's own password. */
  currentPassword: z.string().max(1024).optional(),
});

/** Only supervisors are scoped: the engine refuses a scope for any other role. */
export function mayBeScoped(role: (typeof ROLES)[number]): boolean {
  return role === 'supervisor';
}
