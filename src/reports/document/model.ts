/**
 * A document as a list of blocks, independent of the file format. The lägesbild and the action plan
 * are built once as blocks; the PDF, HTML and DOCX writers each render the same blocks, so the three
 * formats cannot drift apart in content.
 */
import type { Language } from '../../core/i18n/errors.ts';

export interface Cell {
  text: string;
  /** Background colour (status levels, significant changes). */
  fill?: string;
  bold?: boolean;
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Relative width (default 1). */
  width?: number;
}

export interface TableBlock {
  kind: 'table';
  caption: string;
  columns: Column[];
  rows: Array<Array<string | Cell>>;
  /** Shown instead of an empty table. */
  empty?: string;
}

export interface FigureBlock {
  kind: 'figure';
  /** A complete SVG document; its width/height give the aspect ratio. */
  svg: string;
  width: number;
  height: number;
  caption: string;
  /** Text alternative for readers who do not see the image. */
  alt: string;
  /** The figure's data as a table, for screen readers on the web page. */
  data?: TableBlock;
  /** Marks the map figures (the tests look for hotspot colours on their pages). */
  role?: 'map' | 'chart';
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; style?: 'note' | 'lead' }
  | { kind: 'list'; items: string[] }
  | { kind: 'keyValues'; caption: string; items: Array<{ label: string; value: string }> }
  | TableBlock
  | FigureBlock
  | { kind: 'pageBreak' };

export interface ReportDocument {
  /** The language the document is written in; the writers' own words (page numbers, the draft mark) follow it. */
  lang: Language;
  /** Shown on the title page and in the metadata. */
  title: string;
  subtitle: string[];
  /** "Utkast" or "Publicerad 2026-11-24" ("Draft", "Published 24 Nov 2026"): on the title page and in every page footer. */
  status: string;
  /** A draft gets an UTKAST watermark on every page. */
  draft: boolean;
  author: string;
  /** File name stem, without extension. */
  fileName: string;
  blocks: Block[];
}

export const cellText = (c: string | Cell): string => (typeof c === 'string' ? c : c.text);

/** The words the PDF, HTML and DOCX writers add around the blocks. */
export const WRITER_WORDS = {
  sv: { draft: 'UTKAST', draftLower: 'utkast', noData: 'Inga uppgifter.', item: 'Uppgift', value: 'Värde', figureData: 'Tabell med uppgifterna i figuren', page: 'Sida {page} av {pages}', pageWord: 'Sida ', of: ' av ' },
  en: { draft: 'DRAFT', draftLower: 'draft', noData: 'No data.', item: 'Item', value: 'Value', figureData: 'Table with the figure\'s data', page: 'Page {page} of {pages}', pageWord: 'Page ', of: ' of ' },
} satisfies Record<Language, Record<string, string>>;
