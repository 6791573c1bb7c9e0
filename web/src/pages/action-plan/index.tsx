import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, query } from '../../api/client.ts';
import { fmt, lang, t } from '../../i18n/index.ts';
import { navigate, route } from '../../router.ts';
import { may } from '../../session.ts';
import { oneMunicipality } from '../../municipality-choice.ts';
import { municipalityTitle } from '../../../../src/core/municipalities/names.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import { ErrorText, useApi, useReferences } from '../situation-pictures/shared.tsx';
import { nestedError, newProblem, priorityBody, ProblemFields } from '../situation-pictures/narrative.tsx';
import type { ActionPlan, ProblemAnalysis } from '../situation-pictures/types.ts';
import { draftOf, emptyRow, onPage, SURVEY_COLS, surveyPlan, type SurveyDraft } from './survey.ts';
import { PlanProposals } from './proposals.tsx';
import '../admin/admin.css';
import '../situation-pictures/situation-pictures.css';

/** A prioritised problem of the plan: a cause analysis, and the lägesbild it was taken from if any. */
type Priority = ActionPlan['narrative']['priorities'][number];

/** What the document's mapping covers and compares with, as the page says it. */
function comparisonText(c: ActionPlan['comparison']): string {
  const previous = c.year - 1;
  if (c.state === 'incomplete') return t('actionPlan.comparison.incomplete', { from: fmt.date(c.from), to: fmt.date(c.to), previous, compareFrom: fmt.date(c.compareFrom), compareTo: fmt.date(c.compareTo) });
  return t(c.state === 'complete' ? 'actionPlan.comparison.complete' : 'actionPlan.comparison.notStarted', { year: c.year, previous });
}

/** /handlingsplan/:year: the yearly "Lägesbild och åtgärdsplan" text, survey figures (NTU) and the PDF/DOCX. */
export default function ActionPlanPage() {
  const seg = route.value.path.replace(/^\/handlingsplan\/?/, '').split('/')[0];
  const thisYear = new Date().getFullYear();
  const year = /^\d{4}$/.test(seg) ? Number(seg) : null;
  useEffect(() => { if (year === null) navigate(`/handlingsplan/${thisYear}`); }, [year]);
  if (year === null) return null;
  // Each municipality has its own plan: the one chosen in the top bar (else the home one).
  const m = oneMunicipality.value;
  return <ActionPlanYear key={`${year}-${m?.id}`} year={year} municipality={m?.param} municipalityName={m?.name} />;
}

function ActionPlanYear({ year, municipality, municipalityName }: { year: number; municipality?: string; municipalityName?: string }) {
  const which = query({ municipality });
  const { data, error, set } = useApi<ActionPlan>(`/api/action-plans/${year}${which}`);
  const { refs } = useReferences();
  const [introduction, setIntroduction] = useState('');
  const [analysis, setAnalysis] = useState('');
  const [priorities, setPriorities] = useState<Priority[]>([]);
  const [survey, setSurvey] = useState<SurveyDraft[]>([]);
  const [adoptedAt, setAdoptedAt] = useState('');
  const [adoptedBy, setAdoptedBy] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [msg, announce] = useAnnouncer();
  const formRef = useFocusFirstError(errors);
  const heading = useRef<HTMLHeadingElement>(null);
  const [yearInput, setYearInput] = useState(String(year));
  const canEdit = may('actionPlan.write');
  // Rows kept back from the last save (a number missing): the page keeps them as typed, errors and all.
  const unsaved = useRef<SurveyDraft[] | null>(null);
  // An accepted proposal is written by the server; what is being edited on the page stays as typed.
  const keepEdits = useRef(false);

  useEffect(() => {
    if (!data) return;
    if (keepEdits.current) { keepEdits.current = false; return; }
    setIntroduction(data.narrative?.introduction ?? '');
    setAnalysis(data.narrative?.analysis ?? '');
    setPriorities(data.narrative?.priorities ?? []);
    setSurvey(unsaved.current ?? data.survey.map((r) => draftOf(r, lang.value)));
    unsaved.current = null;
    setAdoptedAt(data.adoptedAt?.slice(0, 10) ?? '');
    setAdoptedBy(data.adoptedBy ?? '');
  }, [data?.rowVersion, data?.year]);
  useEffect(() => { document.title = `${t('actionPlan.title', { year })} – ${t('app.name')}`; heading.current?.focus(); }, []);

  const err = (f: string) => nestedError(errors, f);

  async function save(e: Event) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setBusy(true);
    const rows = surveyPlan(survey);
    try {
      const body = {
        ...(data?.rowVersion ? { rowVersion: data.rowVersion } : {}),
        narrative: { introduction, analysis, priorities: priorities.map(priorityBody) },
        survey: rows.figures,
        ...(adoptedAt ? { adoptedAt } : {}), ...(adoptedBy.trim() ? { adoptedBy: adoptedBy.trim() } : {}),
      };
      const saved = await api.put<ActionPlan>(`/api/action-plans/${year}${which}`, body);
      unsaved.current = rows.errors.length ? survey : null;
      set(saved);
      if (rows.errors.length) setErrors({ message: t('actionPlan.savedExceptRows'), fields: rows.errors });
      announce(t(rows.errors.length ? 'actionPlan.savedExceptRows' : 'actionPlan.saved'));
    } catch (ex) {
      const fe = errorsFrom(ex);
      if (ex instanceof ApiError && ex.fields.some((f) => f.code === 'version_mismatch')) fe.message = t('actionPlan.stale');
      setErrors({ ...fe, fields: [...onPage(fe.fields, rows.sentFrom), ...rows.errors] });
    } finally {
      setBusy(false);
    }
  }

  function accepted(plan: ActionPlan) {
    const added = plan.narrative.priorities.filter((p) => !priorities.some((q) => q.id === p.id));
    keepEdits.current = true;
    set(plan);
    setPriorities((ps) => [...ps, ...added]);
  }

  const setProblem = (i: number, patch: Partial<ProblemAnalysis>) => setPriorities((ps) => ps.map((p, k) => (k === i ? { ...p, ...patch } : p)));
  const setCell = (i: number, col: keyof SurveyDraft, v: string) => setSurvey((rows) => rows.map((r, k) => (k === i ? { ...r, [col]: v } : r)));

  return (
    <div class="est">
      <h1 ref={heading} tabIndex={-1}>{t('actionPlan.title', { year })}{municipalityName && <span class="heading-scope"> – {municipalityTitle([municipalityName], lang.value)}</span>}</h1>
      <p class="muted">{t('actionPlan.intro')}</p>
      <form class="est-compare" onSubmit={(e) => { e.preventDefault(); if (/^\d{4}$/.test(yearInput)) navigate(`/handlingsplan/${yearInput}`); }}>
        <label for="ap-year">{t('actionPlan.year')}</label>
        <input id="ap-year" inputMode="numeric" value={yearInput} size={6} style={{ width: '7rem' }} onInput={(e) => setYearInput((e.target as HTMLInputElement).value)} />
        <button type="submit">{t('actionPlan.goYear')}</button>
      </form>
      <div class="est-actions" role="group" aria-label={t('actionPlan.download')}>
        <a class="button" href={`/api/action-plans/${year}/document${query({ format: 'pdf', lang: lang.value, municipality })}`} download>{t('actionPlan.pdf')}</a>
        <a class="button" href={`/api/action-plans/${year}/document${query({ format: 'docx', lang: lang.value, municipality })}`} download>{t('actionPlan.docx')}</a>
      </div>
      {data && <p class="muted" data-testid="ap-comparison">{comparisonText(data.comparison)}</p>}
      <ErrorText error={error && !(data) ? error : null} />
      {!canEdit && <p class="est-readonly" role="note">{t('actionPlan.readOnly')}</p>}
      <LiveRegion message={msg} />
      <form ref={formRef} class="admin-form est-wide" onSubmit={save} noValidate>
        <ErrorSummary errors={errors} known={['narrative', 'survey', 'adoptedAt', 'adoptedBy']} />
        <fieldset disabled={!canEdit || (!data && !error)} class="est-plain" aria-busy={!data && !error}>
          <section class="est-section card" aria-labelledby="ap-text-h">
            <h2 id="ap-text-h">{t('actionPlan.narrative')}</h2>
            <Label for="ap-intro">{t('actionPlan.introduction')}</Label>
            <textarea {...controlProps('ap-intro', err('narrative.introduction'))} rows={5} value={introduction} onInput={(e) => setIntroduction((e.target as HTMLTextAreaElement).value)} />
            <FieldMessage id="ap-intro" error={err('narrative.introduction')} />
            <Label for="ap-analysis">{t('actionPlan.analysis')}</Label>
            <textarea {...controlProps('ap-analysis', err('narrative.analysis'))} rows={8} value={analysis} onInput={(e) => setAnalysis((e.target as HTMLTextAreaElement).value)} />
            <FieldMessage id="ap-analysis" error={err('narrative.analysis')} />
          </section>
          <PlanProposals year={year} municipality={municipality} plan={data} canEdit={canEdit} onAccepted={accepted} announce={announce} />
          <section class="est-section card" aria-labelledby="ap-prio-h">
            <h2 id="ap-prio-h">{t('actionPlan.priorities')}</h2>
            <p class="muted">{t('actionPlan.prioritiesIntro')}</p>
            {priorities.map((p, i) => (
              <div key={p.id}>
                {p.source && <p class="muted">{t('actionPlan.fromEdition')}: <a href={`#/lagesbilder/${p.source.situationPictureId}`}>{p.source.title}</a></p>}
                <ProblemFields p={p} n={i + 1} id={`ap-p${i}`} base={`narrative.priorities[${i}]`} err={err} refs={refs}
                  onChange={(patch) => setProblem(i, patch)} onRemove={() => setPriorities((ps) => ps.filter((_, k) => k !== i))} />
              </div>
            ))}
            <button type="button" onClick={() => setPriorities((ps) => [...ps, { ...newProblem(ps.length + 1), source: null }])}>{t('situationPictures.narrative.addProblem')}</button>
          </section>
          <section class="est-section card" aria-labelledby="ap-survey-h">
            <h2 id="ap-survey-h">{t('actionPlan.survey')}</h2>
            <p class="muted">{t('actionPlan.surveyIntro')}</p>
            {survey.length > 0 && (
              <div class="table-wrap">
                <table class="est-table est-survey">
                  <caption class="visually-hidden">{t('actionPlan.surveyCaption')}</caption>
                  <thead><tr>{SURVEY_COLS.map((c) => <th scope="col" key={c}>{t(`actionPlan.col.${c}`)}</th>)}<th scope="col"><span class="visually-hidden">{t('actionPlan.col.remove')}</span></th></tr></thead>
                  <tbody>
                    {survey.map((r, i) => (
                      <tr key={i}>
                        {SURVEY_COLS.map((c) => {
                          const e = err(`survey[${i}].${c}`);
                          return (
                            <td key={c}>
                              <input aria-label={t('actionPlan.rowLabel', { field: t(`actionPlan.col.${c}`), n: i + 1 })} aria-invalid={e ? 'true' : undefined}
                                value={r[c]} onInput={(ev) => setCell(i, c, (ev.target as HTMLInputElement).value)} inputMode={c === 'value' || c === 'year' ? 'decimal' : undefined} />
                              {e && <p class="field-error">{e}</p>}
                            </td>
                          );
                        })}
                        <td><button type="button" class="danger" onClick={() => setSurvey((rows) => rows.filter((_, k) => k !== i))}>{t('actionPlan.removeRow', { n: i + 1 })}</button></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {err('survey') && <p class="field-error">{err('survey')}</p>}
            <button type="button" onClick={() => setSurvey((rows) => [...rows, emptyRow(year)])}>{t('actionPlan.addRow')}</button>
          </section>
          <section class="est-section card" aria-labelledby="ap-adopted-h">
            <h2 id="ap-adopted-h">{t('actionPlan.adopted')}</h2>
            <div class="form-row">
              <div>
                <Label for="ap-adopted-at">{t('actionPlan.adoptedAt')}</Label>
                <input type="date" {...controlProps('ap-adopted-at', err('adoptedAt'))} value={adoptedAt} onInput={(e) => setAdoptedAt((e.target as HTMLInputElement).value)} />
                <FieldMessage id="ap-adopted-at" error={err('adoptedAt')} />
              </div>
              <div>
                <Label for="ap-adopted-by">{t('actionPlan.adoptedBy')}</Label>
                <input {...controlProps('ap-adopted-by', err('adoptedBy'))} value={adoptedBy} maxLength={200} onInput={(e) => setAdoptedBy((e.target as HTMLInputElement).value)} />
                <FieldMessage id="ap-adopted-by" error={err('adoptedBy')} />
              </div>
            </div>
          </section>
        </fieldset>
        {canEdit && <div class="form-actions"><button type="submit" class="primary" disabled={busy || (!data && !error)}>{t('actionPlan.save')}</button></div>}
      </form>
    </div>
  );
}
