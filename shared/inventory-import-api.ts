import { z } from 'zod';

/**
 * The inventory import and export as the API carries them (issue 12): a file's bytes in base64,
 * every problem of the file at once (row and column for CSV, path and line for JSON, a code and
 * parameters for the catalogue), and the preview of what it would change.
 */
export const INVENTORY_FORMATS = ['csv', 'json'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

/** 5 MiB of file: far above a province's inventory (the 121-site demo is ~40 KB as CSV). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const base64 = z
  .string()
  .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const ImportFileInputSchema = z.strictObject({
  format: z.enum(INVENTORY_FORMATS),
  /** The file's bytes, base64: the engine detects the encoding (UTF-8, UTF-16, windows-1258). */
  content: base64,
});

export const ApplyImportInputSchema = ImportFileInputSchema.extend({
  /** The version the preview was made against: a change in between refuses the apply. */
  baseVersion: z.string().min(1).max(100),
});

const params = z.record(z.string(), z.union([z.string(), z.number()]));
export const ImportProblemSchema = z.object({
  /** CSV: the row as Excel numbers it (header = 1) and the column's header; null for the whole file. */
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  /** JSON: where in the document, and the line for a syntax error. */
  path: z.string().nullable(),
  line: z.number().int().nullable(),
  code: z.string(),
  params,
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const fieldChange = z.object({ field: z.string(), from: value.optional(), to: value.optional(), secret: z.literal(true).optional() });
const recordDiff = <T extends z.ZodType>(ref: T) =>
  z.object({
    added: z.array(ref),
    changed: z.array(z.object({ ref, changes: z.array(fieldChange) })),
    moved: z.array(z.object({ ref, from: z.string().nullable(), to: z.string().nullable() })),
    removed: z.array(ref),
  });
export const InventoryDiffSchema = z.object({
  network: z.array(fieldChange),
  sites: recordDiff(z.object({ id: z.string(), name: z.string(), parent: z.string().nullable() })),
  endpoints: recordDiff(z.object({ id: z.string(), name: z.string(), site: z.string() })),
  empty: z.boolean(),
});
export type InventoryDiffView = z.infer<typeof InventoryDiffSchema>;

export const ImportPreviewSchema = z.object({
  /** The running inventory's version; give it back to apply. */
  baseVersion: z.string(),
  /** How the file was read (CSV): its encoding and delimiter. */
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  /** Every problem of the file (at most MAX_PROBLEMS; `more` counts the rest). Empty: it can be applied. */
  problems: z.array(ImportProblemSchema),
  more: z.number().int(),
  /** What applying it would change; null when the file has problems. */
  diff: InventoryDiffSchema.nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const MAX_PROBLEMS = 1000;

export const ApplyImportResultSchema = z.object({
  sites: z.number().int(),
  endpoints: z.number().int(),
  /** Where the change was kept: the inventory file, or only in memory (the embedded demo). */
  savedTo: z.enum(['file', 'memory']),
  diff: InventoryDiffSchema,
  /** Earlier inventories kept to undo to, after this change. */
  undoable: z.number().int(),
});

export const InventoryUndoSchema = z.object({
  available: z.number().int(),
  /** The newest change that can be undone: when and by whom. */
  last: z.object({ at: z.string(), by: z.string() }).nullable(),
});

export const ExportInputSchema = z.strictObject({ format: z.enum(INVENTORY_FORMATS) });
export const ExportResultSchema = z.object({ filename: z.string(), mediaType: z.string(), content: z.string() });
