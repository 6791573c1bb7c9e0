import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fmt, t } from '../../i18n/index.ts';
import { filters } from '../../state/filters.ts';
import { mapBusy, week } from './state.ts';
import { lastDay, weeksOf, type WeekStep } from './weeks.ts';

/** "vecka 47, 2026-11-16–2026-11-22" / "week 47, 16 Nov 2026–22 Nov 2026" for a step. */
export function weekText(s: WeekStep): string {
  return t('map.slider.weekRange', { week: s.week, from: fmt.date(s.from), to: fmt.date(lastDay(s)) });
}

const STEP_MS = 1600;

/**
 * Plays the period week by week: a range input (arrow keys move a week, the value is read out as
 * "vecka 47, …"; the first position is the whole period), a play/pause button and a button back to the whole period. While a week is shown,
 * only the map's requests are narrowed to it (state.ts mapQuery); the side panel and the table keep the
 * whole period.
 */
export function TimeSlider() {
  const f = filters.value;
  const steps = useMemo(() => weeksOf(f.from, f.to), [f.from, f.to]);
  const [playing, setPlaying] = useState(false);
  const current = week.value ? steps.findIndex((s) => s.from === week.value!.from) : -1;
  const timer = useRef<number | null>(null);

  // A new period starts over with the whole period.
  useEffect(() => { week.value = null; setPlaying(false); }, [f.from, f.to]);

  const show = (i: number) => { const s = steps[i]; week.value = s ? { from: s.from, to: s.to } : null; };

  useEffect(() => {
    if (!playing) return;
    const tick = () => {
      // Wait for the map to draw the current week before moving on.
      if (mapBusy.peek() > 0) { timer.current = window.setTimeout(tick, 300); return; }
      const i = week.peek() ? steps.findIndex((s) => s.from === week.peek()!.from) : -1;
      if (i + 1 >= steps.length) { setPlaying(false); return; }
      show(i + 1);
      timer.current = window.setTimeout(tick, STEP_MS);
    };
    timer.current = window.setTimeout(tick, current < 0 || current + 1 >= steps.length ? 0 : STEP_MS);
    return () => { if (timer.current) window.clearTimeout(timer.current); };
  }, [playing, steps]);

  function togglePlay() {
    if (!playing && (current < 0 || current + 1 >= steps.length)) week.value = null; // start from the first week
    setPlaying(!playing);
  }

  if (steps.length < 2) return null;
  const s = current >= 0 ? steps[current] : null;
  return (
    <section class="ms-slider" aria-labelledby="ms-slider-title">
      <h2 id="ms-slider-title" class="visually-hidden">{t('map.slider.region')}</h2>
      <button type="button" class="ms-play" onClick={togglePlay} aria-pressed={playing}>
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? t('map.slider.pause') : t('map.slider.play')}
      </button>
      <div class="ms-range">
        <label for="ms-week">{t('map.slider.label')}</label>
        <input id="ms-week" type="range" min={-1} max={steps.length - 1} step={1} value={current}
          aria-valuetext={s ? weekText(s) : t('map.slider.whole')}
          onInput={(e) => { setPlaying(false); show(Number((e.target as HTMLInputElement).value)); }} />
        <output for="ms-week" class="ms-week">{s ? `${t('map.slider.week', { week: s.week, year: s.year })} · ${t('map.slider.position', { i: current + 1, n: steps.length })}` : t('map.slider.whole')}</output>
      </div>
      <button type="button" onClick={() => { setPlaying(false); week.value = null; }} aria-pressed={current < 0}>{t('map.slider.whole')}</button>
    </section>
  );
}
