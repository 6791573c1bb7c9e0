import type { ComponentChildren } from 'preact';
import { fmt, lang, t, tn } from '../../i18n/index.ts';
import { formatPBelow } from '../../../../src/core/i18n/numbers.ts';
import { HBars } from '../../ui/charts/HBars.tsx';
import { TrendChart } from '../../ui/charts/TrendChart.tsx';
import { inclusiveEnd } from './periods.ts';
import { categoryName, pText, signed } from './shared.tsx';
import type { SituationPictureContent } from './types.ts';

/**
 * The computed part of an edition (kartläggning) as headed sections: key numbers with their
 * significance, the weekly trend, categories, areas, top places, near repeats, police events and
 * measures. Every chart has its numbers in a table too.
 */
type Change = SituationPictureContent['totals']['previous'];

export function changeText(c: Change): string {
  const percent = c.percentChange === null ? t('situationPictures.keyNumbers.noPercent') : `${signed(c.percentChange, 0)} %`;
  return `${signed(c.change)} (${percent})`;
}

function Significance({ c }: { c: Change }) {
  const dir = c.change > 0 ? 'up' : c.change < 0 ? 'down' : 'same';
  return (
    <span class={c.significant ? `est-sig est-sig-${dir}` : 'muted'}>
      {t(`situationPictures.keyNumbers.${dir}`)}, {c.significant ? t('situationPictures.keyNumbers.significant', { p: pText(c.p) }) : t('situationPictures.keyNumbers.notSignificant', { p: pText(c.p) })}
    </span>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${id}-h`} class="est-section card">
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

export function KeyNumbers({ c }: { c: SituationPictureContent }) {
  const p = c.previousPeriod, y = c.lastYearPeriod;
  return (
    <Section id="sp-key" title={t('situationPictures.keyNumbers.title')}>
      <dl class="est-key">
        <div><dt>{t('situationPictures.keyNumbers.total')}</dt><dd class="est-key-number" data-testid="sp-total">{fmt.number(c.totals.count)}</dd></div>
        <div>
          <dt>{t('situationPictures.keyNumbers.previous', { from: fmt.date(p.from), to: fmt.date(inclusiveEnd(p.to)) })}</dt>
          <dd><strong>{changeText(c.totals.previous)}</strong><br /><Significance c={c.totals.previous} /></dd>
        </div>
        <div>
          <dt>{t('situationPictures.keyNumbers.lastYear', { from: fmt.date(y.from), to: fmt.date(inclusiveEnd(y.to)) })}</dt>
          <dd><strong>{changeText(c.totals.lastYear)}</strong><br /><Significance c={c.totals.lastYear} /></dd>
        </div>
      </dl>
    </Section>
  );
}

/** ISO week number of a YYYY-MM-DD Monday. */
function isoWeek(day: string): number {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const jan4 = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  return 1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
}

export function Weekly({ c }: { c: SituationPictureContent }) {
  const weekDay = (w: string) => (/^\d{4}-\d{2}-\d{2}$/.test(w) ? w : new Date(w).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }));
  const points = c.weekly.map((w) => ({
    label: t('situationPictures.weekly.week', { week: isoWeek(weekDay(w.weekStart)) }),
    longLabel: t('situationPictures.weekly.weekLong', { date: fmt.date(weekDay(w.weekStart)) }),
    value: w.count,
  }));
  const max = points.reduce((m, p) => Math.max(m, p.value), 0);
  return (
    <Section id="sp-weekly" title={t('situationPictures.weekly.title')}>
      <TrendChart title={t('situationPictures.weekly.chartTitle')} description={tn('situationPictures.weekly.chartDesc', points.length, { max })} points={points} formatValue={(n) => fmt.number(n)} />
      <details class="est-details">
        <summary>{t('situationPictures.weekly.tableCaption')}</summary>
        <table class="est-table">
          <caption class="visually-hidden">{t('situationPictures.weekly.tableCaption')}</caption>
          <thead><tr><th scope="col">{t('situationPictures.weekly.colWeek')}</th><th scope="col" class="num">{t('situationPictures.weekly.colCount')}</th></tr></thead>
          <tbody>{c.weekly.map((w) => <tr key={w.weekStart}><th scope="row">{fmt.date(weekDay(w.weekStart))}</th><td class="num">{fmt.number(w.count)}</td></tr>)}</tbody>
        </table>
      </details>
    </Section>
  );
}

export function Categories({ c }: { c: SituationPictureContent }) {
  const rows = c.byCategory.filter((r) => r.count > 0 || r.previous.count > 0);
  return (
    <Section id="sp-categories" title={t('situationPictures.categories.title')}>
      {rows.length === 0 ? <p>{t('situationPictures.categories.none')}</p> : (
        <HBars caption={t('situationPictures.categories.caption')} captionHidden labelHeader={t('situationPictures.categories.colCategory')} valueHeader={t('situationPictures.categories.colCount')}
          extraHeaders={[t('situationPictures.categories.colChange')]}
          rows={rows.map((r) => ({
            key: r.id, label: categoryName(r), value: r.count, colour: r.colour,
            extra: [<span class={r.previous.significant ? 'est-sig' : undefined}>{signed(r.previous.change)}{r.previous.significant ? ' *' : ''}</span>],
          }))}
          formatValue={(n) => fmt.number(n)} />
      )}
      {rows.some((r) => r.previous.significant) && <p class="muted small">* {t('situationPictures.keyNumbers.significant', { p: formatPBelow(lang.value, 0.05) })}</p>}
    </Section>
  );
}

export function Areas({ c }: { c: SituationPictureContent }) {
  if (c.byArea.length === 0) return null;
  return (
    <Section id="sp-areas" title={t('situationPictures.areas.title')}>
      <div class="table-wrap">
        <table class="est-table">
          <caption class="visually-hidden">{t('situationPictures.areas.caption')}</caption>
          <thead><tr>
            <th scope="col">{t('situationPictures.areas.colArea')}</th><th scope="col" class="num">{t('situationPictures.areas.colCount')}</th>
            <th scope="col" class="num">{t('situationPictures.areas.colPrevious')}</th><th scope="col" class="num">{t('situationPictures.areas.colLastYear')}</th>
          </tr></thead>
          <tbody>
            {c.byArea.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th><td class="num">{fmt.number(a.count)}</td>
                <td class="num">{changeText(a.previous)}{a.previous.significant ? ' *' : ''}</td>
                <td class="num">{changeText(a.lastYear)}{a.lastYear.significant ? ' *' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

export function TopPlaces({ c }: { c: SituationPictureContent }) {
  if (c.topPlaces.length === 0) return null;
  return (
    <Section id="sp-places" title={t('situationPictures.places.title')}>
      <table class="est-table">
        <caption class="visually-hidden">{t('situationPictures.places.caption')}</caption>
        <thead><tr><th scope="col">{t('situationPictures.places.colPlace')}</th><th scope="col" class="num">{t('situationPictures.places.colCount')}</th><th scope="col" class="num">{t('situationPictures.places.colPrevious')}</th></tr></thead>
        <tbody>{c.topPlaces.map((p, i) => <tr key={p.placeId ?? `${p.name}-${i}`}><th scope="row">{p.name}</th><td class="num">{fmt.number(p.count)}</td><td class="num">{fmt.number(p.previous)}</td></tr>)}</tbody>
      </table>
    </Section>
  );
}

export function NearRepeatAndConcentration({ c }: { c: SituationPictureContent }) {
  const nr = c.nearRepeat;
  const conc = c.concentration;
  return (
    <Section id="sp-nearrepeat" title={t('situationPictures.nearRepeat.title')}>
      <p data-testid="sp-near-repeat">{!nr ? t('situationPictures.nearRepeat.none')
        : nr.elevated ? tn('situationPictures.nearRepeat.elevated', nr.elevated.days, { distance: fmt.number(nr.elevated.distance), ratio: fmt.number(nr.elevated.ratio, 1), p: pText(nr.elevated.p) })
        : tn('situationPictures.nearRepeat.notElevated', nr.incidents)}</p>
      <h3>{t('situationPictures.concentration.title')}</h3>
      <p>{conc.topFivePercentShare !== null && conc.gini !== null
        ? t('situationPictures.concentration.text', { share: fmt.percent(conc.topFivePercentShare), gini: fmt.number(conc.gini, 2) })
        : t('situationPictures.concentration.none')}</p>
    </Section>
  );
}

export function PoliceEvents({ c }: { c: SituationPictureContent }) {
  const pe = c.policeEvents;
  const shown = pe.items.slice(0, 15);
  return (
    <Section id="sp-police" title={t('situationPictures.police.title')}>
      <p>{tn('situationPictures.police.summary', pe.total, { previous: fmt.number(pe.previous) })}
        {pe.newestHeld && <> {t('situationPictures.police.newest', { date: fmt.date(pe.newestHeld) })}</>}</p>
      <p class="muted">{t('situationPictures.police.scope')}</p>
      {shown.length === 0 ? <p>{t('situationPictures.police.none')}</p> : (
        <div class="table-wrap">
          <table class="est-table">
            <caption class="visually-hidden">{t('situationPictures.police.caption')}</caption>
            <thead><tr><th scope="col">{t('situationPictures.police.colTime')}</th><th scope="col">{t('situationPictures.police.colType')}</th><th scope="col">{t('situationPictures.police.colName')}</th><th scope="col">{t('situationPictures.police.colPlace')}</th></tr></thead>
            <tbody>{shown.map((e) => (
              <tr key={e.id}><td>{fmt.dateTime(e.publishedAt)}</td><td>{e.type}</td>
                <td>{e.url ? <a href={e.url.startsWith('http') ? e.url : `https://polisen.se${e.url}`} rel="noopener noreferrer" target="_blank">{e.name}</a> : e.name}</td>
                <td>{e.locationName ?? ''}</td></tr>
            ))}</tbody>
          </table>
        </div>
      )}
      {pe.total > shown.length && <p class="muted">{t('situationPictures.police.more', { count: pe.total - shown.length })}</p>}
    </Section>
  );
}

type MeasureRow = SituationPictureContent['measures']['open'][number];
function MeasureList({ title, rows }: { title: string; rows: MeasureRow[] }) {
  return (
    <>
      <h3>{title}</h3>
      {rows.length === 0 ? <p class="muted">{t('situationPictures.measures.none')}</p> : (
        <ul class="est-list">
          {rows.map((m) => (
            <li key={m.id}>
              <a href={`#/atgarder/${m.id}`}>{m.title}</a> – {m.organisationName}{m.placeName || m.areaName ? `, ${m.placeName ?? m.areaName}` : ''}
              {m.plannedEnd && <> ({t('situationPictures.measures.until', { date: fmt.date(m.plannedEnd.slice(0, 10)) })})</>}
              {m.overdue && <strong class="est-overdue"> {t('situationPictures.measures.overdue')}</strong>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Measures({ c }: { c: SituationPictureContent }) {
  return (
    <Section id="sp-measures" title={t('situationPictures.measures.title')}>
      <MeasureList title={t('situationPictures.measures.due')} rows={c.measures.dueOrOverdue} />
      <MeasureList title={t('situationPictures.measures.open')} rows={c.measures.open} />
      <MeasureList title={t('situationPictures.measures.done')} rows={c.measures.doneInPeriod} />
    </Section>
  );
}
