import { z } from 'zod';
import { InventoryDiffSchema } from '../inventory-import-api.js';

/**
 * Reorganising the network as the API carries it (issue 12, item 7): the 2025 reform in Vietnam
 * removed the district tier and merged provinces and communes. Three operations, each on site
 * ids; the engine previews the change (a diff) and applies it against the version it previewed.
 */

const siteId = z.string().min(1).max(100);
/** A province has a few hundred sites; a selection longer than any inventory is refused. */
const siteIds = z.array(siteId).min(1).max(20_000);

export const ReorgOperationSchema = z.discriminatedUnion('kind', [
  /** Several sites of one tier become one (the target): children and codecs move to it. */
  z.strictObject({ kind: z.literal('merge'), sources: siteIds, target: siteId }),
  /** Sites (communes, usually) move under another parent. */
  z.strictObject({ kind: z.literal('move'), sites: siteIds, parent: siteId }),
  /** A whole tier goes: children to the grandparent, the tier's own codecs to its parent site. */
  z.strictObject({ kind: z.literal('removeTier'), tier: z.string().min(1).max(500) }),
]);
export type ReorgOperation = z.infer<typeof ReorgOperationSchema>;
export type ReorgKind = ReorgOperation['kind'];

export const REORG_PROBLEM_CODES = [
  'unknown_site',
  'unknown_tier',
  'duplicate_site',
  'target_in_sources',
  'wrong_tier',
  'parent_in_selection',
  'parent_not_above',
  'cycle',
  'last_tier',
  'top_tier',
  'codecs_without_parent',
  'invalid_result',
] as const;
export type ReorgProblemCode = (typeof REORG_PROBLEM_CODES)[number];

export const ReorgProblemSchema = z.object({
  code: z.enum(REORG_PROBLEM_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ReorgProblem = z.infer<typeof ReorgProblemSchema>;

export const ReorgPreviewInputSchema = z.strictObject({ operation: ReorgOperationSchema });
export const ReorgApplyInputSchema = ReorgPreviewInputSchema.extend({
  /** The version the preview was made against: a change in between refuses the apply. */
  baseVersion: z.string().min(1).max(100),
});

/** An account whose scope names sites the change removes: after it, those ids stand for nothing. */
export const ScopeLossSchema = z.object({ user: z.string(), lost: z.array(z.string()) });
export type ScopeLoss = z.infer<typeof ScopeLossSchema>;

export const ReorgPreviewSchema = z.object({
  /** The running inventory's version; give it back to apply. */
  baseVersion: z.string(),
  /** Every reason the operation cannot be done; empty when it can. */
  problems: z.array(ReorgProblemSchema),
  /** What applying it would change; null when there are problems. */
  diff: InventoryDiffSchema.nullable(),
  /** Scoped accounts that would lose sites of their scope (to fix in Accounts, before or after). */
  scopes: z.array(ScopeLossSchema),
});
export type ReorgPreview = z.infer<typeof ReorgPreviewSchema>;
