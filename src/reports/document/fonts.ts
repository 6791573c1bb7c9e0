/**
 * The TrueType fonts embedded in the PDF. pdfkit's built-in Helvetica has no − (U+2212) or × and
 * would not embed anything; DejaVu has every character Swedish text and statistics need. Debian
 * ships it in fonts-dejavu-core (the CI script installs it); LAGESBILD_FONT_DIR points elsewhere.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const CANDIDATES = [
  process.env.LAGESBILD_FONT_DIR,
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/local/share/fonts/dejavu',
].filter((d): d is string => Boolean(d));

export interface FontFiles {
  regular: string;
  bold: string;
  oblique: string;
}

export function findFonts(): FontFiles {
  for (const dir of CANDIDATES) {
    const files = { regular: join(dir, 'DejaVuSans.ttf'), bold: join(dir, 'DejaVuSans-Bold.ttf'), oblique: join(dir, 'DejaVuSans-Oblique.ttf') };
    if (existsSync(files.regular) && existsSync(files.bold)) return { ...files, oblique: existsSync(files.oblique) ? files.oblique : files.regular };
  }
  throw new Error(`DejaVu Sans hittades inte (letade i ${CANDIDATES.join(', ')}). Installera Debian-paketet fonts-dejavu-core eller sätt LAGESBILD_FONT_DIR.`);
}
