import type { ComponentChildren } from 'preact';
import { t, tn } from '../../../i18n/index.ts';

export interface ChecklistItem { id: string; label: string; depth?: number; checked: boolean; partial?: boolean; swatch?: string }

/**
 * A multi-select as a disclosure (<details>) with a list of checkboxes: keyboard operable, each box
 * labelled, the summary says how many are chosen. Nothing chosen means all.
 */
export function Checklist(props: { id: string; title: string; chosen: number; items: ChecklistItem[]; onToggle: (id: string, on: boolean) => void; onNone: () => void; children?: ComponentChildren }) {
  const { id, title, chosen, items } = props;
  return (
    <details class="mf-menu" id={id}>
      <summary>
        {title}: <span class="mf-count">{chosen ? tn('map.filters.selected', chosen) : t('map.filters.all')}</span>
      </summary>
      <div class="mf-menu-body">
        <fieldset>
          <legend class="visually-hidden">{title}</legend>
          <ul class="mf-checks">
            {items.map((it) => (
              <li key={it.id} style={it.depth ? { paddingLeft: `${it.depth * 1.25}rem` } : undefined}>
                <label class="mf-check">
                  <input type="checkbox" checked={it.checked} ref={(el) => { if (el) el.indeterminate = !!it.partial; }}
                    aria-checked={it.partial ? 'mixed' : undefined}
                    onChange={(e) => props.onToggle(it.id, (e.target as HTMLInputElement).checked)} />
                  {it.swatch && <span class="mf-swatch" style={{ background: it.swatch }} aria-hidden="true" />}
                  <span>{it.label}</span>
                </label>
              </li>
            ))}
          </ul>
          <button type="button" class="mf-small" onClick={props.onNone} disabled={!chosen}>{t('map.filters.selectNone')}</button>
        </fieldset>
        {props.children}
      </div>
    </details>
  );
}
