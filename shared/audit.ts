import { z } from 'zod';

/** One control action as the audit log keeps it: who, what, target, result, when. */
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  user: z.string(),
  role: z.string(),
  action: z.string(),
  target: z.string(),
  /** The request's input as JSON (secrets never appear in control actions). */
  params: z.string(),
  result: z.enum(['ok', 'failed']),
  error: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
