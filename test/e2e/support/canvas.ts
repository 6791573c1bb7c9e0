/**
 * What a map's canvas shows, read from a screenshot of it (WebGL's buffer is not readable after the
 * frame): the share of each colour, with the map's controls hidden and the container's border cut off.
 */
import type { Page } from 'playwright-core';

/** Colours of the canvas as [r, g, b] (each rounded down to a multiple of 8) and their share, commonest first. */
export async function canvasColours(page: Page, scope: string): Promise<Array<{ rgb: [number, number, number]; share: number }>> {
  const canvas = page.locator(`${scope} canvas.maplibregl-canvas`).first();
  await canvas.waitFor({ state: 'visible' });
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const png = await page.screenshot({
    clip: { x: box.x + 8, y: box.y + 8, width: box.width - 16, height: box.height - 16 },
    style: '.maplibregl-control-container, .crosshair { display: none !important; }',
  });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < px.length; i += 4) {
      const k = ((px[i] >> 3) << 10) | ((px[i + 1] >> 3) << 5) | (px[i + 2] >> 3);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const total = px.length / 4;
    return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => ({ rgb: [(k >> 10) << 3, ((k >> 5) & 31) << 3, (k & 31) << 3] as [number, number, number], share: n / total }));
  }, png.toString('base64'));
}

/** Polls `check` on the canvas's colours until it holds or `ms` pass; returns the last colours either way. */
export async function waitForCanvas(page: Page, scope: string, check: (colours: Awaited<ReturnType<typeof canvasColours>>) => boolean, ms = 20_000): Promise<{ ok: boolean; colours: Awaited<ReturnType<typeof canvasColours>> }> {
  const deadline = Date.now() + ms;
  for (;;) {
    const colours = await canvasColours(page, scope);
    if (check(colours)) return { ok: true, colours };
    if (Date.now() > deadline) return { ok: false, colours };
    await page.waitForTimeout(400);
  }
}
