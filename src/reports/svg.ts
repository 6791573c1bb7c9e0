/** Small helpers for writing SVG by hand: escaping, rounding and the one font every renderer has. */

/** DejaVu renders å ä ö − × in librsvg (PNG for PDF/DOCX) and in browsers; the fallbacks are for the HTML page. */
export const FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Two decimals are sub-pixel at any size we print; more only bloats the file. */
export const r2 = (n: number): string => String(Math.round(n * 100) / 100);

export function text(x: number, y: number, s: string, attrs: Record<string, string | number> = {}): string {
  const a = Object.entries({ 'font-family': FONT, 'font-size': 11, fill: '#222', ...attrs }).map(([k, v]) => `${k}="${esc(String(v))}"`).join(' ');
  return `<text x="${r2(x)}" y="${r2(y)}" ${a}>${esc(s)}</text>`;
}

export function svgDocument(width: number, height: number, body: string, title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}">`
    + `<title>${esc(title)}</title><rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`;
}

/** 1, 2 or 5 × 10^k, the largest not above `max`: the steps of scale bars and chart axes. */
export function niceStep(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [5, 2, 1]) if (m * p <= max) return m * p;
  return p;
}
