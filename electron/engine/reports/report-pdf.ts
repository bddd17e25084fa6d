import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { HealthReport } from './health-report.js';
import { chart } from './pdf-availability-chart.js';
import { A4, M, MUTED, RULE, W, Painter, type Doc } from './pdf-page.js';
import { header, keyFigures } from './pdf-summary.js';
import { tables } from './pdf-tables.js';
import { fill, formatter, periodTitle, wordsFor, type Formatter, type Words } from './report-words.js';

/**
 * The report as a PDF (A4 portrait), drawn by the engine with pdfkit: a title with the province
 * and the period, the report's details, four key figures with their change against the previous
 * period, a bar chart of availability per row against the target (vector shapes), the tables
 * (availability and outages; link quality and meetings; the worst sites; the meetings; the time
 * left out), how the figures are counted, and on every page the time it was generated and
 * "page n of N".
 *
 * The font is Be Vietnam Pro, the console's own typeface, embedded (subset) from the TrueType files
 * of @expo-google-fonts/be-vietnam-pro: the @fontsource package the console uses ships only web
 * fonts split by Unicode range, which pdfkit cannot embed as one font. The typeface has no ▲ / ▼,
 * so changes are drawn as triangles (shapes, not colour alone) beside a signed figure (+0,35 /
 * −0,35) that reads the same without them.
 */

// Not named `require`: the main bundle already declares one (electron-vite's CommonJS shim).
const packages = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf',
  bold: '@expo-google-fonts/be-vietnam-pro/600SemiBold/BeVietnamPro_600SemiBold.ttf',
} as const;
let fonts: { regular: string; bold: string } | null = null;

/** The font files, found once (a missing package fails the report, not the engine's start). */
export function reportFonts(): { regular: string; bold: string } {
  fonts ??= { regular: packages.resolve(FONT_FILES.regular), bold: packages.resolve(FONT_FILES.bold) };
  return fonts;
}

export async function healthReportPdf(r: HealthReport): Promise<Buffer> {
  const w = wordsFor(r.language);
  const f = formatter(r.language, r.timeZone);
  const { regular, bold } = reportFonts();
  const title = fill(w.title, { province: r.province });
  const doc = new PDFDocument({
    size: 'A4',
    margins: M,
    bufferPages: true,
    lang: r.language === 'vi' ? 'vi-VN' : 'en-GB',
    displayTitle: true,
    font: regular,
    info: { Title: `${title} — ${periodTitle(w, r.period, r.current)}`, Author: w.appName, Creator: w.appName, CreationDate: new Date(r.generatedAt) },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const p = new Painter(doc);
  header(p, r, w, f, title);
  keyFigures(p, r, w, f);
  chart(p, r, w, f);
  tables(p, r, w, f);
  notes(p, w);
  footers(doc, r, w, f);
  doc.end();
  return done;
}

function notes(p: Painter, w: Words): void {
  p.heading(w.sections.notes);
  for (const n of w.notes) {
    // The typeface has no ▲ / ▼: a note that starts with them gets them drawn.
    const arrows = n.startsWith('▲ / ▼');
    p.room(20);
    p.doc.font('regular').fontSize(7.5).fillColor(MUTED).text('•', M.left, p.y, { lineBreak: false });
    if (arrows) {
      const y = p.y;
      p.triangle('up', M.left + 8, y + 1.5, 5, MUTED);
      p.doc.text('/', M.left + 15.5, y, { lineBreak: false });
      p.triangle('down', M.left + 21, y + 1.5, 5, MUTED);
    }
    const x = arrows ? 28 : 8;
    p.text(arrows ? n.slice('▲ / ▼'.length).trimStart() : n, { size: 7.5, color: MUTED, gap: 2, x: M.left + x, width: W - x });
  }
}

/** "Generated at … · Bridgepoint" and "Page n of N" at the foot of every page. */
function footers(doc: Doc, r: HealthReport, w: Words, f: Formatter): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page: the margin is lifted for the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - M.bottom + 18;
    doc.save().moveTo(M.left, y - 5).lineTo(M.left + W, y - 5).lineWidth(0.5).stroke(RULE).restore();
    doc.font('regular').fontSize(7).fillColor(MUTED);
    doc.text(fill(w.footer, { at: f.at(r.generatedAt), app: w.appName }), M.left, y, { width: W / 2, lineBreak: false });
    doc.text(fill(w.page, { page: i - range.start + 1, pages: range.count }), M.left + W / 2, y, { width: W / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
