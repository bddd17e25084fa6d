import { z } from 'zod';

/**
 * A fault a trainer (or a test) injects, as `POST /api/v1/simulator/faults` carries it:
 * `{ target, kind, value?, durationS? }`. `value` is required for loss (%, 0–100), jitter and
 * latency (ms, 0–60000) and ignored for down and clear; without `durationS` a fault lasts until
 * `clear`.
 */

export const FAULT_KINDS = ['down', 'loss', 'jitter', 'latency', 'clear'] as const;
const LIMITS = { loss: [100, '%'], jitter: [60_000, 'ms'], latency: [60_000, 'ms'] } as const;

export const FaultRequestSchema = z
  .strictObject({
    target: z.string().min(1, 'name a site or endpoint id').max(100),
    kind: z.enum(FAULT_KINDS),
    value: z.number().finite().min(0, 'must not be negative').optional(),
    durationS: z.number().finite().positive('must be more than 0 seconds').max(7 * 86400, 'at most a week').optional(),
  })
  .superRefine((f, ctx) => {
    if (f.kind !== 'loss' && f.kind !== 'jitter' && f.kind !== 'latency') return;
    const [max, unit] = LIMITS[f.kind];
    if (f.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `a ${f.kind} fault needs a value in ${unit} (0–${max})` });
    else if (f.value > max) ctx.addIssue({ code: 'custom', path: ['value'], message: `${f.kind} is at most ${max} ${unit}` });
  });
export type FaultRequest = z.infer<typeof FaultRequestSchema>;

export function parseFaultRequest(raw: unknown): { ok: true; fault: FaultRequest } | { ok: false; error: string } {
  const parsed = FaultRequestSchema.safeParse(raw);
  if (parsed.success) return { ok: true, fault: parsed.data };
  const issues = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return { ok: false, error: `bad fault request: ${issues.join('; ')}` };
}
