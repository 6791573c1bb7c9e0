/**
 * SWEREF 99 TM metres → SVG pixels. The projection is already conformal and in metres, so the map
 * is a uniform scale and a flip of the y axis: the extent is fitted into the frame, centred, with
 * the same scale on both axes (a circle on the ground stays a circle on paper).
 */
export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Projection {
  /** Metres per pixel. */
  metresPerPixel: number;
  project(x: number, y: number): [number, number];
}

/** Fits `extent` ([minX, minY, maxX, maxY], EPSG:3006) into `frame`, centred. */
export function fitExtent(extent: [number, number, number, number], frame: Frame): Projection {
  const [minX, minY, maxX, maxY] = extent;
  const w = Math.max(maxX - minX, 1);
  const h = Math.max(maxY - minY, 1);
  const scale = Math.min(frame.width / w, frame.height / h);
  const offX = frame.x + (frame.width - w * scale) / 2;
  const offY = frame.y + (frame.height - h * scale) / 2;
  return {
    metresPerPixel: 1 / scale,
    project: (x, y) => [offX + (x - minX) * scale, offY + (maxY - y) * scale],
  };
}

/** Grows an extent by a share of its larger side, so outlines do not touch the frame. */
export function padExtent(e: [number, number, number, number], share = 0.04): [number, number, number, number] {
  const d = Math.max(e[2] - e[0], e[3] - e[1], 100) * share;
  return [e[0] - d, e[1] - d, e[2] + d, e[3] + d];
}
