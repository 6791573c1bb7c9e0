/**
 * Blocks → an editable Word document (docx package): real Heading 1/2/3 styles (so Word builds a table
 * of contents and the coordinator can restructure it), real tables with a repeating header row, and
 * the maps and charts as PNG images with alt text.
 */
import {
  AlignmentType, Document, Footer, Header, HeadingLevel, ImageRun, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { cellText, WRITER_WORDS, type Block, type Cell, type FigureBlock, type ReportDocument, type TableBlock } from './model.ts';

type Words = (typeof WRITER_WORDS)[keyof typeof WRITER_WORDS];
import { svgToPng } from './rasterise.ts';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
/** Width of an image in the A4 text column, in the docx package's pixels (96 per inch). */
const IMAGE_WIDTH = 600;

const hex = (c: string) => c.replace('#', '').toUpperCase();

function tableCell(c: string | Cell, align: 'left' | 'right' | undefined, header: boolean, width: number): TableCell {
  const fill = header ? 'E6EDF3' : typeof c !== 'string' && c.fill ? hex(c.fill) : undefined;
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
    children: [new Paragraph({
      alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      children: [new TextRun({ text: cellText(c), bold: header || (typeof c !== 'string' && c.bold), size: 18 })],
    })],
  });
}

function table(t: TableBlock, w: Words): Array<Paragraph | Table> {
  const caption = new Paragraph({ keepNext: true, spacing: { before: 200, after: 80 }, children: [new TextRun({ text: t.caption, bold: true, size: 18, color: '555555' })] });
  if (!t.rows.length) return [caption, new Paragraph({ children: [new TextRun({ text: t.empty ?? w.noData, italics: true })] })];
  const total = t.columns.reduce((a, c) => a + (c.width ?? 1), 0);
  const widths = t.columns.map((c) => Math.round(((c.width ?? 1) / total) * 100));
  const head = new TableRow({ tableHeader: true, children: t.columns.map((c, i) => tableCell(c.header, c.align, true, widths[i])) });
  const rows = t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => tableCell(c, t.columns[i]?.align, false, widths[i])) }));
  return [caption, new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [head, ...rows] }), new Paragraph({ text: '' })];
}

function figure(f: FigureBlock, png: Buffer): Paragraph[] {
  const height = Math.round((IMAGE_WIDTH * f.height) / f.width);
  return [
    new Paragraph({
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: IMAGE_WIDTH, height }, altText: { name: f.caption.slice(0, 60), title: f.caption, description: f.alt } })],
    }),
    new Paragraph({ spacing: { after: 200 }, children: [new TextRun({ text: f.caption, italics: true, size: 17, color: '555555' })] }),
  ];
}

function block(b: Block, pngs: Map<FigureBlock, Buffer>, w: Words): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'heading': return [new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun(b.text)] })];
    case 'paragraph':
      return b.text.split('\n').map((line) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: line, italics: b.style === 'note', size: b.style === 'note' ? 18 : b.style === 'lead' ? 24 : 21 })] }));
    case 'list': return b.items.map((i) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(i)] }));
    case 'keyValues':
      return table({ kind: 'table', caption: b.caption, columns: [{ header: w.item }, { header: w.value, width: 2 }], rows: b.items.map((i) => [{ text: i.label, bold: true }, i.value]) }, w);
    case 'table': return table(b, w);
    case 'figure': return figure(b, pngs.get(b)!);
    case 'pageBreak': return [new Paragraph({ pageBreakBefore: true, children: [] })];
  }
}

/** Renders the document as a .docx file. */
export async function renderDocx(d: ReportDocument): Promise<Buffer> {
  const w = WRITER_WORDS[d.lang];
  const figures = d.blocks.filter((b): b is FigureBlock => b.kind === 'figure');
  const pngs = new Map<FigureBlock, Buffer>(await Promise.all(figures.map(async (f) => [f, await svgToPng(f.svg, 2)] as const)));
  const title: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(d.title)] }),
    ...d.subtitle.map((s) => new Paragraph({ children: [new TextRun({ text: s, size: 26 })] })),
    new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: d.draft ? `${w.draft} – ${d.status}` : d.status, bold: true, color: d.draft ? 'B00020' : '1D1D1B', size: 26 })] }),
    new Paragraph({ children: [new TextRun({ text: d.author, color: '555555' })] }),
  ];
  const doc = new Document({
    creator: d.author,
    title: d.title,
    description: d.subtitle.join(' – '),
    sections: [{
      headers: d.draft ? { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: w.draft, bold: true, color: 'B00020' })] })] }) } : undefined,
      footers: {
        default: new Footer({
          children: [new Paragraph({ children: [new TextRun({ text: `${d.title} · ${d.status} · `, size: 16, color: '555555' }), new TextRun({ children: [w.pageWord, PageNumber.CURRENT, w.of, PageNumber.TOTAL_PAGES], size: 16, color: '555555' })] })],
        }),
      },
      children: [...title, new Paragraph({ pageBreakBefore: true, children: [] }), ...d.blocks.flatMap((b) => block(b, pngs, w))],
    }],
  });
  return Packer.toBuffer(doc);
}
