import { z } from 'zod';

/**
 * Why an audited request did not succeed, as data the viewer words: an API error code
 * (shared/api/errors.ts) or one of the audit's own outcomes below, the values to word it with,
 * and the field of the request that was wrong (a plain name such as `title`, never a JSON path).
 */
export const AUDIT_OUTCOME_CODES = [
  /** The MCU refused or failed the action (`params.message` is its answer). */
  'mcu_refused',
  /** A bulk action where some targets failed: `params.failed` of `params.total`. */
  'partly_failed',
  /** A booking or edit refused by the province's rules: `params.rule`, `params.count`. */
  'booking_refused',
  /** A connection test that ran and did not get a clean answer: `params.failure` (shared/connection-test.ts). */
  'connection_failed',
  /** An inventory edit the rules refused: `params.count` problems, the first one's `params.problem` code. */
  'edit_refused',
] as const;

export const AuditErrorSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  field: z.string().optional(),
});
export type AuditError = z.infer<typeof AuditErrorSchema>;

/** One audited request: who, what, target, result, when, chained to the entry before it. */
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  user: z.string(),
  role: z.string(),
  /** Where the call came from (`127.0.0.1`, `desktop`); null when unknown (entries before accounts). */
  source: z.string().nullable(),
  client: z.string().nullable(),
  /** The login session's public id, never its token. */
  session: z.string().nullable(),
  action: z.string(),
  /** `meeting:<id>`, `conference:<id>`, `endpoint:<id>`, `site:<id>`, `user:<name>` … */
  target: z.string(),
  /** The target in words when it was recorded: the meeting's title, the site's name. */
  targetLabel: z.string().nullable(),
  /** The request's input as JSON, secrets removed. */
  params: z.string(),
  result: z.enum(['ok', 'failed']),
  error: AuditErrorSchema.nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const isoTime = z.iso.datetime({ offset: true });

/** listAudit: newest first, `limit` at a time, paged back with `beforeId`; every filter optional. */
export const AuditQuerySchema = z.strictObject({
  limit: z.number().int().min(1).max(1000).optional(),
  beforeId: z.number().int().optional(),
  user: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100).optional(),
  result: z.enum(['ok', 'failed']).optional(),
  /** ISO instants; `from` inclusive, `to` exclusive. */
  from: isoTime.optional(),
  to: isoTime.optional(),
  /** A target (`meeting:m-1`) or a word of its label (case-insensitive). */
  target: z.string().min(1).max(200).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** The chain's start: the previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
