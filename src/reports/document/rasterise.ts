/**
 * SVG → PNG for the PDF and DOCX. Why raster and not pdfkit's vector paths: one renderer (librsvg,
 * inside sharp) draws the same SVG the web page shows, text included, so maps and charts look the
 * same in all three formats; writing a second, vector renderer for pdfkit would double the code that
 * can go wrong. At 2.5× (180 dpi on A4) lines and 8-point labels stay sharp on paper.
 */
import sharp from 'sharp';

export async function svgToPng(svg: string, scale = 2.5): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: 72 * scale }).png({ compressionLevel: 9, palette: false }).toBuffer();
}
