/**
 * Blocks → PDF (A4, pdfkit). DejaVu is embedded so å ä ö − × print; figures are the SVGs rasterised
 * by librsvg (see rasterise.ts); every page has a footer with the status and "Sida n av m" ("Page n
 * of m"), and a draft carries an UTKAST (DRAFT) watermark on every page so a printed draft is never
 * mistaken for the published edition.
 */
import PDFDocument from 'pdfkit';
import { findFonts } from './fonts.ts';
import { cellText, WRITER_WORDS, type Block, type Cell, type FigureBlock, type ReportDocument, type TableBlock } from './model.ts';
import { fill } from '../../core/i18n/terms.ts';

type Words = (typeof WRITER_WORDS)[keyof typeof WRITER_WORDS];
import { svgToPng } from './rasterise.ts';

type Pdf = PDFKit.PDFDocument;

const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const COLOURS = { text: '#1d1d1b', muted: '#555555', rule: '#b9c4ce', header: '#e6edf3', accent: '#1f4e79' };

const contentWidth = (doc: Pdf) => doc.page.width - MARGIN.left - MARGIN.right;
const bottom = (doc: Pdf) => doc.page.height - MARGIN.bottom;
const remaining = (doc: Pdf) => bottom(doc) - doc.y;

function ensureSpace(doc: Pdf, needed: number): void {
  if (remaining(doc) < needed) doc.addPage();
}

function heading(doc: Pdf, level: 1 | 2 | 3, text: string): void {
  const size = level === 1 ? 17 : level === 2 ? 13.5 : 11.5;
  // Keep a heading with at least a few lines of what follows it.
  ensureSpace(doc, size * 2 + 60);
  if (doc.y > MARGIN.top + 1) doc.moveDown(level === 1 ? 0.9 : 0.6);
  doc.font('bold').fontSize(size).fillColor(level === 1 ? COLOURS.accent : COLOURS.text)
    .text(text, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.35);
}

function paragraph(doc: Pdf, text: string, style?: 'note' | 'lead'): void {
  doc.font(style === 'note' ? 'oblique' : 'body').fontSize(style === 'lead' ? 11.5 : style === 'note' ? 9 : 10)
    .fillColor(style === 'note' ? COLOURS.muted : COLOURS.text)
    .text(text, MARGIN.left, doc.y, { width: contentWidth(doc), lineGap: 1.5 });
  doc.moveDown(0.5);
}

function list(doc: Pdf, items: string[]): void {
  doc.font('body').fontSize(10).fillColor(COLOURS.text);
  for (const item of items) {
    ensureSpace(doc, 16);
    const y = doc.y;
    doc.text('•', MARGIN.left + 4, y, { width: 10 });
    doc.text(item, MARGIN.left + 16, y, { width: contentWidth(doc) - 16, lineGap: 1 });
    doc.moveDown(0.2);
  }
  doc.moveDown(0.4);
}

function tableRow(doc: Pdf, cells: Array<string | Cell>, widths: number[], aligns: Array<'left' | 'right'>, opts: { header?: boolean }): void {
  const pad = 4;
  const font = (c: string | Cell) => (opts.header || (typeof c !== 'string' && c.bold) ? 'bold' : 'body');
  const size = 8.5;
  const heights = cells.map((c, i) => doc.font(font(c)).fontSize(size).heightOfString(cellText(c) || ' ', { width: widths[i] - 2 * pad }));
  const h = Math.max(...heights) + 2 * pad;
  const y = doc.y;
  let x = MARGIN.left;
  if (opts.header) doc.rect(MARGIN.left, y, widths.reduce((a, b) => a + b, 0), h).fill(COLOURS.header);
  cells.forEach((c, i) => {
    if (typeof c !== 'string' && c.fill) doc.rect(x, y, widths[i], h).fill(c.fill);
    doc.font(font(c)).fontSize(size).fillColor(COLOURS.text).text(cellText(c), x + pad, y + pad, { width: widths[i] - 2 * pad, align: aligns[i] });
    x += widths[i];
  });
  doc.moveTo(MARGIN.left, y + h).lineTo(x, y + h).lineWidth(0.5).strokeColor(COLOURS.rule).stroke();
  doc.x = MARGIN.left;
  doc.y = y + h;
}

function rowHeight(doc: Pdf, cells: Array<string | Cell>, widths: number[]): number {
  return Math.max(...cells.map((c, i) => doc.font('body').fontSize(8.5).heightOfString(cellText(c) || ' ', { width: widths[i] - 8 }))) + 8;
}

function table(doc: Pdf, t: TableBlock, w: Words): void {
  const total = t.columns.reduce((a, c) => a + (c.width ?? 1), 0);
  const widths = t.columns.map((c) => ((c.width ?? 1) / total) * contentWidth(doc));
  const aligns = t.columns.map((c) => c.align ?? 'left');
  const header = t.columns.map((c) => c.header);
  ensureSpace(doc, 16 + rowHeight(doc, header, widths) + (t.rows[0] ? rowHeight(doc, t.rows[0], widths) : 14));
  doc.font('bold').fontSize(9).fillColor(COLOURS.muted).text(t.caption, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.2);
  if (!t.rows.length) {
    paragraph(doc, t.empty ?? w.noData, 'note');
    return;
  }
  tableRow(doc, header, widths, aligns, { header: true });
  for (const row of t.rows) {
    if (remaining(doc) < rowHeight(doc, row, widths)) {
      doc.addPage();
      tableRow(doc, header, widths, aligns, { header: true });
    }
    tableRow(doc, row, widths, aligns, {});
  }
  doc.moveDown(0.8);
}

function keyValues(doc: Pdf, caption: string, items: Array<{ label: string; value: string }>, w: Words): void {
  table(doc, { kind: 'table', caption, columns: [{ header: w.item, width: 1 }, { header: w.value, width: 2 }], rows: items.map((i) => [{ text: i.label, bold: true }, i.value]) }, w);
}

function figureSize(doc: Pdf, f: FigureBlock): { width: number; height: number } {
  const width = contentWidth(doc);
  const height = (width * f.height) / f.width;
  const maxHeight = bottom(doc) - MARGIN.top - 40;
  return height > maxHeight ? { width: width * (maxHeight / height), height: maxHeight } : { width, height };
}
const figureHeight = (doc: Pdf, f: FigureBlock) => figureSize(doc, f).height + 30;

function figure(doc: Pdf, f: FigureBlock, png: Buffer): void {
  const { width, height } = figureSize(doc, f);
  ensureSpace(doc, height + 30);
  const y = doc.y;
  doc.image(png, MARGIN.left, y, { width, height });
  doc.y = y + height + 4;
  doc.font('oblique').fontSize(8.5).fillColor(COLOURS.muted).text(f.caption, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.8);
}

function titlePage(doc: Pdf, d: ReportDocument): void {
  doc.rect(0, 0, doc.page.width, 10).fill(COLOURS.accent);
  doc.y = 200;
  doc.font('bold').fontSize(26).fillColor(COLOURS.accent).text(d.title, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.8);
  for (const s of d.subtitle) doc.font('body').fontSize(13).fillColor(COLOURS.text).text(s, { width: contentWidth(doc) });
  doc.moveDown(1.5);
  doc.font('bold').fontSize(14).fillColor(d.draft ? '#b00020' : COLOURS.text).text(d.draft ? `${WRITER_WORDS[d.lang].draft} – ${d.status}` : d.status, { width: contentWidth(doc) });
  doc.moveDown(0.5);
  doc.font('body').fontSize(10).fillColor(COLOURS.muted).text(d.author, { width: contentWidth(doc) });
}

function decoratePages(doc: Pdf, d: ReportDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would otherwise make pdfkit start a new page.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 40;
    doc.moveTo(MARGIN.left, y - 6).lineTo(doc.page.width - MARGIN.right, y - 6).lineWidth(0.5).strokeColor(COLOURS.rule).stroke();
    doc.font('body').fontSize(8).fillColor(COLOURS.muted)
      .text(`${d.title} · ${d.status}`, MARGIN.left, y, { width: contentWidth(doc) - 80, lineBreak: false, ellipsis: true })
      .text(fill(WRITER_WORDS[d.lang].page, { page: i + 1, pages: range.count }), doc.page.width - MARGIN.right - 80, y, { width: 80, align: 'right', lineBreak: false });
    if (d.draft) {
      doc.save();
      doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc.font('bold').fontSize(110).fillColor('#8a8a8a', 0.18)
        .text(WRITER_WORDS[d.lang].draft, 0, doc.page.height / 2 - 60, { width: doc.page.width, align: 'center', lineBreak: false });
      doc.restore();
    }
    doc.page.margins.bottom = saved;
  }
}

/** Renders the document as a PDF file. */
export async function renderPdf(d: ReportDocument): Promise<Buffer> {
  const fonts = findFonts();
  // Rasterise every figure first (in parallel); drawing is synchronous.
  const figures = d.blocks.filter((b): b is FigureBlock => b.kind === 'figure');
  const pngs = new Map<FigureBlock, Buffer>(await Promise.all(figures.map(async (f) => [f, await svgToPng(f.svg)] as const)));
  const doc = new PDFDocument({
    size: 'A4', margins: MARGIN, bufferPages: true, lang: d.lang === 'sv' ? 'sv-SE' : 'en-GB', displayTitle: true,
    info: { Title: d.title, Author: d.author, Subject: d.subtitle.join(' – '), Creator: 'Lägesbild' },
  });
  doc.registerFont('body', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('oblique', fonts.oblique);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { doc.on('end', () => resolve()); doc.on('error', reject); });

  titlePage(doc, d);
  doc.addPage();
  d.blocks.forEach((b, i) => {
    const next = d.blocks[i + 1];
    // A heading right before a figure moves with it to the next page rather than stay behind alone.
    if (b.kind === 'heading' && next?.kind === 'figure') ensureSpace(doc, 60 + figureHeight(doc, next));
    block(doc, b, pngs, WRITER_WORDS[d.lang]);
  });
  decoratePages(doc, d);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function block(doc: Pdf, b: Block, pngs: Map<FigureBlock, Buffer>, w: Words): void {
  switch (b.kind) {
    case 'heading': return heading(doc, b.level, b.text);
    case 'paragraph': return paragraph(doc, b.text, b.style);
    case 'list': return list(doc, b.items);
    case 'keyValues': return keyValues(doc, b.caption, b.items, w);
    case 'table': return table(doc, b, w);
    case 'figure': return figure(doc, b, pngs.get(b)!);
    case 'pageBreak': if (doc.y > MARGIN.top + 1) doc.addPage(); return;
  }
}
