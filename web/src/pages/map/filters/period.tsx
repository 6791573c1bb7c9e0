import { useState } from 'preact/hooks';
import { fmt, t } from '../../../i18n/index.ts';
import { filters, setFilters, type PeriodPreset } from '../../../state/filters.ts';

const PRESETS: PeriodPreset[] = ['week', '4weeks', 'quarter', 'year', 'custom'];
const DAY = 86_400_000;
const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The period as the user reads it: "2026-10-28 – 2026-11-24" / "28 Oct 2026 – 24 Nov 2026" (the filter's `to` is exclusive). */
export function periodText(from: string, to: string): string {
  return fmt.dateRange(from, shift(to, -1));
}

/** Period presets as a group of toggle buttons, and from/to dates for a custom period. */
export function PeriodFilter() {
  const f = filters.value;
  const [from, setFrom] = useState(f.from);
  const [to, setTo] = useState(shift(f.to, -1));
  const [error, setError] = useState<string | null>(null);
  const [custom, setCustom] = useState(f.preset === 'custom');

  function choose(p: PeriodPreset) {
    if (p === 'custom') {
      setCustom(true);
      setFrom(filters.value.from);
      setTo(shift(filters.value.to, -1));
      return;
    }
    setCustom(false);
    setFilters({ preset: p });
  }
  function apply(e: Event) {
    e.preventDefault();
    if (!from || !to || to < from) { setError(t('map.filters.customInvalid')); return; }
    setError(null);
    setFilters({ preset: 'custom', from, to: shift(to, 1) });
  }
  return (
    <fieldset class="mf-period">
      <legend>{t('map.filters.period')}</legend>
      <div class="mf-presets" role="group" aria-label={t('map.filters.period')}>
        {PRESETS.map((p) => (
          <button type="button" key={p} aria-pressed={p === 'custom' ? custom : !custom && f.preset === p} onClick={() => choose(p)}>
            {t(`map.filters.presets.${p}` as 'map.filters.presets.week')}
          </button>
        ))}
      </div>
      {custom && (
        <form class="mf-custom" onSubmit={apply} noValidate>
          <div>
            <label for="mf-from">{t('map.filters.from')}</label>
            <input id="mf-from" type="date" value={from} max={to || undefined} onInput={(e) => setFrom((e.target as HTMLInputElement).value)}
              aria-invalid={error ? true : undefined} aria-describedby={error ? 'mf-custom-error' : undefined} />
          </div>
          <div>
            <label for="mf-to">{t('map.filters.to')}</label>
            <input id="mf-to" type="date" value={to} min={from || undefined} onInput={(e) => setTo((e.target as HTMLInputElement).value)}
              aria-invalid={error ? true : undefined} aria-describedby={error ? 'mf-custom-error' : undefined} />
          </div>
          <button type="submit" class="primary">{t('map.filters.apply')}</button>
          {error && <p id="mf-custom-error" class="field-error" role="alert">{error}</p>}
        </form>
      )}
    </fieldset>
  );
}
