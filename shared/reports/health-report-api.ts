import { z } from 'zod';

/**
 * The link-health report (issue 10 item 4) as the API carries it: one request, a file back. The
 * engine builds the figures (availability, outages, p95 quality, meetings, maintenance left out,
 * the change against the previous period) over the caller's part of the network and writes them
 * as CSV (Excel) or PDF (A4), in Vietnamese or English.
 *
 * Dates are checked by the engine, not here, so a wrong one is refused with a reason the console
 * can word (`invalid_date`, `date_in_future`) rather than a schema dump.
 */

export const REPORT_PERIODS = ['day', 'week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export const REPORT_FORMATS = ['csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_LANGUAGES = ['vi', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** The scope that means the whole province (or, for a scoped supervisor, the whole of their part). */
export const PROVINCE_SCOPE = 'province';

/** The availability the report's chart and words measure against: the Health view's target, one truth. */
export { AVAILABILITY_TARGET_PCT } from '../history/health-targets.js';

/** How many sites the "worst sites" table lists at most. */
export const WORST_SITES = 5;

export const HealthReportInputSchema = z.strictObject({
  period: z.enum(REPORT_PERIODS),
  /**
   * A local day (YYYY-MM-DD, the inventory's zone) in the period wanted: that day, its week
   * (Monday to Sunday) or its calendar month. Absent: yesterday, the last full week, the last
   * full month.
   */
  end: z.string().min(1).max(32).optional(),
  /** 'province', or the id of a district (its communes then make the rows). */
  scope: z.string().min(1).max(200).default(PROVINCE_SCOPE),
  format: z.enum(REPORT_FORMATS),
  language: z.enum(REPORT_LANGUAGES).default('vi'),
  /** Count only working hours (Mon–Fri 07:00–17:00 in the inventory's zone unless configured). */
  workingHours: z.boolean().optional(),
});
export type HealthReportInput = z.input<typeof HealthReportInputSchema>;

export const ReportFileSchema = z.object({
  filename: z.string(),
  /** `text/csv; charset=utf-8` or `application/pdf`. */
  mediaType: z.string(),
  /** The file's bytes, base64. */
  content: z.string(),
});
export type ReportFile = z.infer<typeof ReportFileSchema>;
