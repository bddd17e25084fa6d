import type { Handlers } from '../rpc/dispatch.js';
import { buildHealthReport, type HealthReportDeps } from './health-report.js';
import { healthReportCsv } from './report-csv.js';
import { reportFilename, wordsFor } from './report-words.js';

/**
 * getHealthReport: the figures over the caller's part of the network (health-report.ts), written
 * as the file asked for and returned base64 with its name and media type. The role and the
 * input's shape are the RPC gate's; dates, the scope and the data are checked here.
 */
export function reportHandlers(d: HealthReportDeps): Pick<Handlers, 'getHealthReport'> {
  return {
    getHealthReport: async (input, caller) => {
      const r = buildHealthReport(d, caller, input);
      const w = wordsFor(r.language);
      if (input.format === 'csv') {
        return { filename: reportFilename(w, r, 'csv'), mediaType: 'text/csv; charset=utf-8', content: Buffer.from(healthReportCsv(r), 'utf8').toString('base64') };
      }
      // pdfkit and its font engine are loaded with the first PDF, not at start: an engine that
      // never writes one keeps their code and tables out of its memory.
      const { healthReportPdf } = await import('./report-pdf.js');
      return { filename: reportFilename(w, r, 'pdf'), mediaType: 'application/pdf', content: (await healthReportPdf(r)).toString('base64') };
    },
  };
}
