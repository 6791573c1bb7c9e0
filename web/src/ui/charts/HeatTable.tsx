import { heatColour, HEAT_STOPS, matrixMax } from './scale.ts';
import './charts.css';

export interface HeatTableProps {
  caption: string;
  /** Header of the corner cell (what the rows are). */
  corner: string;
  rowHeaders: { short: string; long: string }[];
  colHeaders: { short: string; long: string }[];
  /** matrix[row][col] */
  matrix: number[][];
  /** Text under the table explaining the colours. */
  legend: string;
  formatValue?: (n: number) => string;
  /** Names the scroll region for keyboard users when the table is wider than its box. */
  scrollLabel?: string;
}

/**
 * A heat table: a real <table> with row and column headers, the number written in every cell and
 * the cell shaded on a stepped scale whose text colour keeps 4.5:1 contrast (scale.ts).
 */
export function HeatTable({ caption, corner, rowHeaders, colHeaders, matrix, legend, formatValue = String, scrollLabel }: HeatTableProps) {
  const max = matrixMax(matrix);
  return (
    <div class="heat">
      <div class="heat-scroll" tabIndex={scrollLabel ? 0 : undefined} role={scrollLabel ? 'region' : undefined} aria-label={scrollLabel}>
        <table class="heat-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" class="heat-corner">{corner}</th>
              {colHeaders.map((c) => <th scope="col" key={c.long}><abbr title={c.long}>{c.short}</abbr></th>)}
            </tr>
          </thead>
          <tbody>
            {rowHeaders.map((r, i) => (
              <tr key={r.long}>
                <th scope="row"><abbr title={r.long}>{r.short}</abbr></th>
                {colHeaders.map((c, j) => {
                  const v = matrix[i]?.[j] ?? 0;
                  const col = heatColour(v, max);
                  return <td key={c.long} style={{ background: col.background, color: col.color }} data-level={col.level}>{formatValue(v)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="heat-legend">
        <span class="heat-swatches" aria-hidden="true">
          {HEAT_STOPS.map((s) => <span key={s} style={{ background: s }} />)}
        </span>
        {legend}
      </p>
    </div>
  );
}
