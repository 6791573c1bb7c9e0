import { useId } from 'preact/hooks';
import { niceMax } from './scale.ts';
import './charts.css';

export interface TrendPoint {
  /** Short axis label ("v. 47"). */
  label: string;
  /** Full label for the table and the tooltip ("vecka 47, från 2026-11-16"). */
  longLabel: string;
  value: number;
  /** Drawn lighter and dashed: e.g. a week only partly inside the period. */
  partial?: boolean;
}

export interface TrendChartProps {
  title: string;
  /** A sentence summarising the chart for those who cannot see it (read with the title). */
  description: string;
  points: TrendPoint[];
  formatValue?: (n: number) => string;
  height?: number;
}

/**
 * A bar chart of a series over time (weekly counts) as an SVG picture with <title> and <desc>; the
 * numbers themselves are in the table beside it (TrendTable), so the picture is never the only way.
 */
export function TrendChart({ title, description, points, formatValue = String, height = 160 }: TrendChartProps) {
  const id = useId();
  const W = 320;
  const pad = { left: 30, right: 6, top: 10, bottom: 22 };
  const top = niceMax(points.reduce((m, p) => Math.max(m, p.value), 0));
  const innerW = W - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const step = points.length ? innerW / points.length : innerW;
  const barW = Math.max(2, Math.min(40, step * 0.72));
  const y = (v: number) => pad.top + innerH - (v / top) * innerH;
  // Label at most ~8 weeks along the axis so the labels never overlap.
  const every = Math.max(1, Math.ceil(points.length / 8));
  return (
    <svg class="trend" viewBox={`0 0 ${W} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} preserveAspectRatio="xMidYMid meet">
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {/* A middle line only where it is a whole count (a maximum of 1 has none). */}
      {(Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top]).map((v) => (
        <g key={v} aria-hidden="true">
          <line x1={pad.left} x2={W - pad.right} y1={y(v)} y2={y(v)} class={v === 0 ? 'trend-axis' : 'trend-grid'} />
          <text x={pad.left - 4} y={y(v) + 4} class="trend-tick" text-anchor="end">{formatValue(v)}</text>
        </g>
      ))}
      {points.map((p, i) => {
        const x = pad.left + i * step + (step - barW) / 2;
        return (
          <g key={i}>
            <rect x={x} y={y(p.value)} width={barW} height={Math.max(0, pad.top + innerH - y(p.value))} class={p.partial ? 'trend-bar partial' : 'trend-bar'}>
              <title>{`${p.longLabel}: ${formatValue(p.value)}`}</title>
            </rect>
            {i % every === 0 && (
              <text x={x + barW / 2} y={height - 6} class="trend-tick" text-anchor="middle" aria-hidden="true">{p.label}</text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
