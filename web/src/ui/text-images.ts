/**
 * Text on the map without a glyph server: MapLibre needs glyph PBFs for `text-field`, and the offline
 * base map may fetch nothing from elsewhere. Labels are therefore drawn as small images on a 2D canvas
 * with the system font and used as `icon-image` of symbol layers (`text:<style>:<text>`), made on
 * demand when MapLibre asks for a missing image (every map from ui/maplibre.ts answers it).
 * Collision handling and placement stay MapLibre's.
 */
export type TextStyle = 'count' | 'place' | 'area' | 'district' | 'town';
const STYLES: readonly TextStyle[] = ['count', 'place', 'area', 'district', 'town'];

/** The icon-image id of a text. */
export function textImageId(style: TextStyle, text: string): string {
  return `text:${style}:${text}`;
}

/** The style and text of an id made by textImageId, or null for any other image id. */
export function parseTextImageId(id: string): { style: TextStyle; text: string } | null {
  const m = /^text:([a-z]+):([\s\S]*)$/.exec(id);
  if (!m || !(STYLES as readonly string[]).includes(m[1]) || m[2] === '') return null;
  return { style: m[1] as TextStyle, text: m[2] };
}

/** Expression: the icon-image of a feature's string property in a text style. */
export function textImageExpression(style: TextStyle, property: string): unknown[] {
  return ['concat', `text:${style}:`, ['to-string', ['get', property]]];
}

interface Look { font: string; fill: string; halo: string; haloWidth: number }
const LOOKS: Record<TextStyle, Look> = {
  count: { font: '700 13px system-ui, "DejaVu Sans", sans-serif', fill: '#ffffff', halo: '#1b1f24', haloWidth: 3 },
  place: { font: '700 13px system-ui, "DejaVu Sans", sans-serif', fill: '#1b1f24', halo: '#ffffff', haloWidth: 3.5 },
  area: { font: '600 12px system-ui, "DejaVu Sans", sans-serif', fill: '#1b1f24', halo: '#ffffff', haloWidth: 3.5 },
  district: { font: 'italic 600 12px system-ui, "DejaVu Sans", sans-serif', fill: '#3d4750', halo: '#ffffff', haloWidth: 3 },
  town: { font: '700 14px system-ui, "DejaVu Sans", sans-serif', fill: '#2b3540', halo: '#ffffff', haloWidth: 3.5 },
};

/** Draws a text image (browser only): one line per '\n', centred, with a halo for contrast on any background. */
export function drawText(style: TextStyle, text: string, pixelRatio: number): { width: number; height: number; data: Uint8ClampedArray } {
  const look = LOOKS[style];
  const lines = text.split('\n');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  ctx.font = look.font;
  const lineHeight = 16;
  const pad = Math.ceil(look.haloWidth);
  const w = Math.ceil(Math.max(...lines.map((l) => ctx.measureText(l).width)) + pad * 2);
  const h = lines.length * lineHeight + pad * 2;
  canvas.width = Math.max(1, Math.ceil(w * pixelRatio));
  canvas.height = Math.max(1, Math.ceil(h * pixelRatio));
  ctx.scale(pixelRatio, pixelRatio);
  ctx.font = look.font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = look.haloWidth * 2;
  ctx.strokeStyle = look.halo;
  ctx.fillStyle = look.fill;
  lines.forEach((line, i) => {
    const y = pad + lineHeight * i + lineHeight / 2;
    ctx.strokeText(line, w / 2, y);
    ctx.fillText(line, w / 2, y);
  });
  const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return { width: canvas.width, height: canvas.height, data: img.data };
}
