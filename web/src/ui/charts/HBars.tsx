import type { ComponentChild } from 'preact';
import './charts.css';

export interface HBarRow {
  key: string;
  /** What the row counts (text or a link). */
  label: ComponentChild;
  value: number;
  /** Bar colour (#rrggbb); the number is always written beside the bar, so colour is never the only cue. */
  colour?: string;
  /** Extra columns after the value (e.g. the previous period), as text. */
  extra?: ComponentChild[];
}

export interface HBarsProps {
  /** The table's caption (visually hidden when the chart sits under its own heading). */
  caption: string;
  captionHidden?: boolean;
  labelHeader: string;
  valueHeader: string;
  extraHeaders?: string[];
  rows: HBarRow[];
  /** The value of a full-width bar; the largest value by default. */
  max?: number;
  formatValue?: (n: number) => string;
}

/**
 * Horizontal bars as a real table: one row per item with its name, a bar under the name and the
 * number as text in its own column, so a screen reader reads "Klotter, Antal 39" and a sighted reader
 * sees the proportions. Narrow enough for a side panel.
 */
export function HBars({ caption, captionHidden, labelHeader, valueHeader, extraHeaders = [], rows, max, formatValue = String }: HBarsProps) {
  const top = max ?? rows.reduce((m, r) => Math.max(m, r.value), 0);
  return (
    <table class="hbars">
      <caption class={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      <colgroup>
        <col />
        <col class="hbars-col-value" />
        {extraHeaders.map((h) => <col key={h} class="hbars-col-extra" />)}
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{labelHeader}</th>
          <th scope="col" class="hbars-value">{valueHeader}</th>
          {extraHeaders.map((h) => <th scope="col" class="hbars-extra" key={h}>{h}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" class="hbars-label">
              <span class="hbars-text">{r.label}</span>
              <span class="hbars-track" aria-hidden="true">
                <span class="hbars-bar" style={{ width: `${top > 0 ? Math.max((r.value / top) * 100, r.value > 0 ? 1.5 : 0) : 0}%`, background: r.colour ?? 'var(--primary)' }} />
              </span>
            </th>
            <td class="hbars-value">{formatValue(r.value)}</td>
            {(r.extra ?? []).map((x, i) => <td class="hbars-extra" key={i}>{x}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
