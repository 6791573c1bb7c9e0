import { useEffect, useRef } from 'preact/hooks';
import { fmt, t } from '../../i18n/index.ts';
import { Section } from './content-sections.tsx';
import { ErrorText, periodText, signed, useApi } from './shared.tsx';
import type { Comparison } from './types.ts';

/** A row of counts side by side: a category's (named in Swedish) or an area's. */
type ComparisonRow = Comparison['byCategory'][number] | Comparison['byArea'][number];

function RowsTable({ caption, rows }: { caption: string; rows: ComparisonRow[] }) {
  if (rows.length === 0) return null;
  return (
    <div class="table-wrap">
      <table class="est-table">
        <caption>{caption}</caption>
        <thead><tr><th scope="col">{t('situationPictures.compare.colName')}</th><th scope="col" class="num">{t('situationPictures.compare.colBase')}</th>
          <th scope="col" class="num">{t('situationPictures.compare.colOther')}</th><th scope="col" class="num">{t('situationPictures.compare.colChange')}</th></tr></thead>
        <tbody>{rows.map((r) => (
          <tr key={r.id}><th scope="row">{'nameSv' in r ? r.nameSv : r.name}</th><td class="num">{fmt.number(r.base)}</td><td class="num">{fmt.number(r.other)}</td><td class="num">{signed(r.change)}</td></tr>
        ))}</tbody>
      </table>
    </div>
  );
}

/** Two editions side by side: totals, categories, areas, hotspots that appeared or went, status levels. */
export default function ComparePage({ id, other }: { id: string; other: string }) {
  const { data: cmp, error } = useApi<Comparison>(`/api/situation-pictures/${id}/compare/${other}`);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { if (cmp) { heading.current?.focus(); document.title = `${t('situationPictures.compare.title')} – ${t('app.name')}`; } }, [cmp]);
  const back = <p><a href={`#/lagesbilder/${id}`}>← {t('situationPictures.compare.back')}</a></p>;
  if (error) return <div class="est">{back}<ErrorText error={error} /></div>;
  if (!cmp) return <p aria-busy="true">{t('app.loading')}</p>;
  const level = (l: string | null) => (l ? t(`situationPictures.narrative.level.${l as 'green'}`) : '–');
  return (
    <div class="est">
      {back}
      <h1 ref={heading} tabIndex={-1}>{t('situationPictures.compare.title')}</h1>
      <p>{t('situationPictures.compare.heading', { base: `${cmp.base.title} (${periodText(cmp.base.period)})`, other: `${cmp.other.title} (${periodText(cmp.other.period)})` })}</p>
      <Section id="cmp-totals" title={t('situationPictures.compare.totals')}>
        <RowsTable caption={t('situationPictures.compare.totals')} rows={[{ id: 'total', name: t('situationPictures.compare.totals'), ...cmp.totals }]} />
      </Section>
      <Section id="cmp-categories" title={t('situationPictures.categories.title')}><RowsTable caption={t('situationPictures.compare.caption')} rows={cmp.byCategory} /></Section>
      {cmp.byArea.length > 0 && <Section id="cmp-areas" title={t('situationPictures.areas.title')}><RowsTable caption={t('situationPictures.compare.areasCaption')} rows={cmp.byArea} /></Section>}
      <Section id="cmp-hotspots" title={t('situationPictures.compare.hotspots')}>
        <ul class="est-list">
          <li>{t('situationPictures.compare.hotspotsNew', { count: cmp.hotspots.new.length })}</li>
          <li>{t('situationPictures.compare.hotspotsPersisting', { count: cmp.hotspots.persisting.length })}</li>
          <li>{t('situationPictures.compare.hotspotsGone', { count: cmp.hotspots.gone.length })}</li>
        </ul>
      </Section>
      {cmp.statusLevels.length > 0 && (
        <Section id="cmp-levels" title={t('situationPictures.compare.levels')}>
          <table class="est-table">
            <caption class="visually-hidden">{t('situationPictures.compare.levelsCaption')}</caption>
            <thead><tr><th scope="col">{t('situationPictures.narrative.colName')}</th><th scope="col">{t('situationPictures.compare.colBase')}</th><th scope="col">{t('situationPictures.compare.colOther')}</th></tr></thead>
            <tbody>{cmp.statusLevels.map((l) => <tr key={`${l.kind}:${l.id}`}><th scope="row">{l.name}</th><td>{level(l.base)}</td><td>{level(l.other)}</td></tr>)}</tbody>
          </table>
        </Section>
      )}
    </div>
  );
}
