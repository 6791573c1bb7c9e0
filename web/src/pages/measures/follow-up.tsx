import { useEffect, useId, useState } from 'preact/hooks';
import { api, ApiError, query } from '../../api/client.ts';
import { fmt, t, tn } from '../../i18n/index.ts';
import { niceMax } from '../../ui/charts/scale.ts';
import { inclusiveEnd } from '../situation-pictures/periods.ts';
import { dayOf, messageOf, type References } from '../situation-pictures/shared.tsx';
import type { FollowUp, FollowUpOptions, Measure } from '../situation-pictures/types.ts';
import { followUpTexts } from './follow-up-text.ts';

const BUFFERS = [100, 200, 300, 500, 800];
const WEEKS = [8, 13, 26, 52];

/** One weekly series as a line with its own scale and the measure's start marked. */
function SeriesChart({ label, values, weeks, start }: { label: string; values: number[]; weeks: string[]; start: string }) {
  const id = useId();
  const W = 320, H = 90, pad = { l: 28, r: 6, t: 8, b: 14 };
  const top = niceMax(values.reduce((m, v) => Math.max(m, v), 0));
  const x = (i: number) => pad.l + (values.length <= 1 ? 0 : (i * (W - pad.l - pad.r)) / (values.length - 1));
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / top);
  const startIndex = weeks.findIndex((w) => dayOf(w) >= start);
  const path = values.map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg class="est-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t`}>
      <title id={`${id}-t`}>{label}</title>
      <line class="axis" x1={pad.l} x2={W - pad.r} y1={y(0)} y2={y(0)} />
      <line class="grid" x1={pad.l} x2={W - pad.r} y1={y(top)} y2={y(top)} />
      <text class="tick" x={pad.l - 3} y={y(top) + 4} text-anchor="end">{top}</text>
      <text class="tick" x={pad.l - 3} y={y(0) + 3} text-anchor="end">0</text>
      <text class="tick" x={pad.l} y={H - 2}>{label}</text>
      {startIndex >= 0 && <line class="start" x1={x(startIndex)} x2={x(startIndex)} y1={pad.t - 4} y2={y(0)}><title>{t('measures.followUp.start')}</title></line>}
      <path d={path} fill="none" stroke="var(--primary)" stroke-width="2" />
    </svg>
  );
}

/** The computed follow-up (Bowers & Johnson): counts, gross and net effect, WDQ with its reading, caveats and the weekly series. */
export function FollowUpPanel({ measure, refs }: { measure: Measure; refs: References | null }) {
  const saved = measure.followUp ?? {};
  const [opts, setOpts] = useState<FollowUpOptions>({ bufferM: saved.bufferM ?? 300, weeks: saved.weeks ?? 26, controlAreaId: saved.controlAreaId, controlPlaceId: saved.controlPlaceId });
  const [fu, setFu] = useState<FollowUp | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(o: FollowUpOptions) {
    setBusy(true);
    setError(null);
    try {
      setFu(await api.get<FollowUp>(`/api/measures/${measure.id}/follow-up${query({ bufferM: o.bufferM, weeks: o.weeks, controlAreaId: o.controlAreaId, controlPlaceId: o.controlPlaceId })}`));
    } catch (e) {
      setFu(null);
      setError(e instanceof ApiError && e.status === 422 ? t('measures.followUp.notEvaluable', { message: e.fields[0]?.message ?? e.message }) : messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => { void load(opts); }, [measure.id, measure.rowVersion]);

  const control = opts.controlAreaId ? `area:${opts.controlAreaId}` : opts.controlPlaceId ? `place:${opts.controlPlaceId}` : '';
  const texts = fu ? followUpTexts(fu.result) : null;

  return (
    <section class="est-section card" aria-labelledby="fu-h" aria-busy={busy}>
      <h2 id="fu-h">{t('measures.followUp.title')}</h2>
      <p class="muted">{t('measures.followUp.intro')}</p>
      <form class="est-toolbar" aria-label={t('measures.followUp.settings')} onSubmit={(e) => { e.preventDefault(); void load(opts); }}>
        <div>
          <label for="fu-buffer">{t('measures.followUp.buffer')}</label>
          <select id="fu-buffer" value={String(opts.bufferM)} onChange={(e) => setOpts({ ...opts, bufferM: Number((e.target as HTMLSelectElement).value) })}>
            {BUFFERS.map((b) => <option key={b} value={b}>{t('measures.followUp.bufferValue', { m: b })}</option>)}
          </select>
        </div>
        <div>
          <label for="fu-weeks">{t('measures.followUp.weeks')}</label>
          <select id="fu-weeks" value={String(opts.weeks)} onChange={(e) => setOpts({ ...opts, weeks: Number((e.target as HTMLSelectElement).value) })}>
            {WEEKS.map((w) => <option key={w} value={w}>{tn('measures.followUp.weeksValue', w)}</option>)}
          </select>
        </div>
        <div>
          <label for="fu-control">{t('measures.followUp.control')}</label>
          <select id="fu-control" value={control} onChange={(e) => {
            const [kind, id] = (e.target as HTMLSelectElement).value.split(':');
            setOpts({ ...opts, controlAreaId: kind === 'area' ? id : undefined, controlPlaceId: kind === 'place' ? id : undefined });
          }}>
            <option value="">{t('measures.followUp.controlSuggested')}</option>
            <optgroup label={t('measures.followUp.controlAreas')}>{(refs?.areas ?? []).map((a) => <option key={a.id} value={`area:${a.id}`}>{a.name}</option>)}</optgroup>
            <optgroup label={t('measures.followUp.controlPlaces')}>{(refs?.places ?? []).filter((p) => p.id !== measure.placeId).map((p) => <option key={p.id} value={`place:${p.id}`}>{p.name}</option>)}</optgroup>
          </select>
        </div>
        <button type="submit" disabled={busy}>{t('measures.followUp.compute')}</button>
      </form>
      {busy && <p role="status"><progress aria-label={t('measures.followUp.computing')} /> {t('measures.followUp.computing')}</p>}
      {error && <p role="alert" class="warning" data-testid="fu-error">{error}</p>}
      {fu && (
        <div data-testid="follow-up">
          <p>{t('measures.followUp.before', { from: fmt.date(fu.before.from), to: fmt.date(inclusiveEnd(fu.before.to)) })}<br />
            {t('measures.followUp.after', { from: fmt.date(fu.after.from), to: fmt.date(inclusiveEnd(fu.after.to)) })}</p>
          <h3>{t('measures.followUp.conclusionTitle')}</h3>
          <p class="fu-conclusion" data-testid="fu-conclusion">{texts!.conclusion}</p>
          <p class="muted">{t('measures.followUp.expectedHint')}</p>
          <h3>{t('measures.followUp.results')}</h3>
          {/* Each figure in words first, its sign the net effect's own; a line under it says what the term means. */}
          <dl class="est-effect fu-effect">
            <div><dt>{t('measures.followUp.gross')}</dt>
              <dd><span data-testid="fu-gross">{texts!.gross}</span><span class="fu-hint">{t('measures.followUp.grossHint')}</span></dd></div>
            <div><dt>{t('measures.followUp.net')}</dt>
              <dd><span data-testid="fu-net">{texts!.net}</span><span class="fu-hint">{t('measures.followUp.netHint')}</span></dd></div>
            <div><dt>{t('measures.followUp.wdq')}</dt>
              <dd><span data-testid="fu-wdq">{texts!.wdq}</span>{texts!.wdqReading && <>: <span data-testid="fu-interpretation">{texts!.wdqReading}</span></>}
                <span class="fu-hint">{t('measures.followUp.wdqHint')}</span></dd></div>
            <div><dt>{t('measures.followUp.totalNet')}</dt>
              <dd data-testid="fu-total">{texts!.total}</dd></div>
          </dl>
          <details class="est-details" data-testid="fu-glossary">
            <summary>{t('measures.followUp.glossary.title')}</summary>
            <ul class="est-list">
              {(['areas', 'periods', 'expected', 'net', 'wdq', 'total'] as const).map((k) => <li key={k}>{t(`measures.followUp.glossary.${k}`)}</li>)}
            </ul>
          </details>
          <table class="est-table">
            <caption>{t('measures.followUp.countsCaption')}</caption>
            <thead><tr><th scope="col">{t('measures.followUp.colArea')}</th><th scope="col" class="num">{t('measures.followUp.colBefore')}</th><th scope="col" class="num">{t('measures.followUp.colAfter')}</th></tr></thead>
            <tbody>
              <tr><th scope="row">{t('measures.followUp.response')}</th><td class="num">{fu.counts.Rb}</td><td class="num">{fu.counts.Ra}</td></tr>
              <tr><th scope="row">{t('measures.followUp.buffer_')}</th><td class="num">{fu.counts.Db}</td><td class="num">{fu.counts.Da}</td></tr>
              <tr><th scope="row">{t('measures.followUp.controlArea')}</th><td class="num">{fu.counts.Cb}</td><td class="num">{fu.counts.Ca}</td></tr>
            </tbody>
          </table>
          <p class="muted">{fu.controlSuggested ? t('measures.followUp.suggestedNote', { name: fu.areas.control?.name ?? '' }) : t('measures.followUp.chosenNote', { name: fu.areas.control?.name ?? '' })}</p>
          {fu.caveats.length > 0 && (
            <>
              <h3>{t('measures.followUp.caveats')}</h3>
              <ul class="est-list" data-testid="fu-caveats">{fu.caveats.map((c, i) => <li key={`${c.code}-${i}`}>{c.message}</li>)}</ul>
            </>
          )}
          <h3>{t('measures.followUp.chartTitle')}</h3>
          <p class="muted small">{t('measures.followUp.chartDesc', { start: dayOf(fu.start) })}</p>
          <div class="est-charts">
            <SeriesChart label={t('measures.followUp.response')} values={fu.weekly.map((w) => w.response)} weeks={fu.weekly.map((w) => w.weekStart)} start={dayOf(fu.start)} />
            <SeriesChart label={t('measures.followUp.buffer_')} values={fu.weekly.map((w) => w.buffer)} weeks={fu.weekly.map((w) => w.weekStart)} start={dayOf(fu.start)} />
            <SeriesChart label={t('measures.followUp.controlArea')} values={fu.weekly.map((w) => w.control)} weeks={fu.weekly.map((w) => w.weekStart)} start={dayOf(fu.start)} />
          </div>
          <details class="est-details">
            <summary>{t('measures.followUp.weeklyCaption')}</summary>
            <table class="est-table">
              <caption class="visually-hidden">{t('measures.followUp.weeklyCaption')}</caption>
              <thead><tr><th scope="col">{t('measures.followUp.colWeek')}</th><th scope="col" class="num">{t('measures.followUp.response')}</th><th scope="col" class="num">{t('measures.followUp.buffer_')}</th><th scope="col" class="num">{t('measures.followUp.controlArea')}</th></tr></thead>
              <tbody>{fu.weekly.map((w) => <tr key={w.weekStart}><th scope="row">{fmt.date(dayOf(w.weekStart))}</th><td class="num">{w.response}</td><td class="num">{w.buffer}</td><td class="num">{w.control}</td></tr>)}</tbody>
            </table>
          </details>
        </div>
      )}
    </section>
  );
}
