/**
 * Looking inside generated documents in tests: every PDF page rendered to an image with pdftoppm
 * (Debian poppler-utils) and measured, the PDF's text via pdftotext, the DOCX parts via jszip.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';

export interface PageImage {
  page: number;
  width: number;
  height: number;
  /** Variance of the grey level: near 0 for a blank page. */
  variance: number;
  /** Pixels that are clearly red (the hot end of the Gi* colours). */
  redPixels: number;
  /** Pixels that are clearly blue (cold spots, the weekly bars). */
  bluePixels: number;
}

export async function pdfPages(pdf: Buffer, dpi = 50): Promise<PageImage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lb-pdf-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'doc.pdf'), join(dir, 'page')]);
    const files = readdirSync(dir).filter((f) => f.endsWith('.png')).sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]));
    return await Promise.all(files.map(async (f, i) => {
      const { data, info } = await sharp(join(dir, f)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      let sum = 0, sum2 = 0, red = 0, blue = 0;
      const n = info.width * info.height;
      for (let p = 0; p < data.length; p += 3) {
        const r = data[p], g = data[p + 1], b = data[p + 2];
        const grey = (r + g + b) / 3;
        sum += grey;
        sum2 += grey * grey;
        if (r > 170 && g < 110 && b < 100) red++;
        if (b > 120 && r < 90 && g < 130) blue++;
      }
      return { page: i + 1, width: info.width, height: info.height, variance: sum2 / n - (sum / n) ** 2, redPixels: red, bluePixels: blue };
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text, one string per page (pdftotext separates pages with form feeds), whitespace runs as one space. */
export function pdfText(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'lb-pdf-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'doc.pdf'), '-'], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
    // Thin and no-break spaces in Swedish numbers read as plain spaces in assertions.
    return text.split('\f').slice(0, -1).map((p) => p.replace(/\s+/g, ' '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface DocxParts {
  documentXml: string;
  media: string[];
  /** Paragraph texts of the Heading 1/2/3 paragraphs, in order. */
  headings: Array<{ level: number; text: string }>;
  /** Each table as rows of cell texts. */
  tables: string[][][];
}

const xmlText = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
  .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");

export async function docxParts(docx: Buffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(docx);
  const documentXml = await zip.file('word/document.xml')!.async('string');
  const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
  const headings = [...documentXml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading(\d)"\/>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map((m) => ({ level: Number(m[1]), text: xmlText(m[0]) }));
  const tables = [...documentXml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((t) => [...t[0].matchAll(/<w:tr(?: [^>]*)?>.*?<\/w:tr>/gs)].map((r) => [...r[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((c) => xmlText(c[0]))));
  return { documentXml, media, headings, tables };
}
