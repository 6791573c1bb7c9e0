import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import { Section } from './content-sections.tsx';
import { CategoryTreeField, chosenSummary } from './CategoryTreeField.tsx';
import { categoryName, type References } from './shared.tsx';
import { parseNumberInput } from '../../ui/number-field.ts';
import type { Narrative, ProblemAnalysis, SituationPicture, StatusLevel, StatusLevelEntry } from './types.ts';
import { PersonalDataWarning } from '../../ui/PersonalDataWarning.tsx';

const LEVELS: StatusLevel[] = ['green', 'yellow', 'red'];
const TEXT_FIELDS = ['offender', 'target', 'place', 'suggestedMeasures'] as const;
const textLabel = { offender: 'offender', target: 'target', place: 'placeText', suggestedMeasures: 'suggested' } as const;
const textHint = { offender: 'offenderHint', target: 'targetHint', place: 'placeHint', suggestedMeasures: null } as const;

/** The server names nested fields as `narrative.problems[0].title` or `narrative.problems.0.title`. */
export function nestedError(errors: FormErrors, path: string): string | undefined {
  const dotted = path.replace(/\[(\d+)\]/g, '.$1');
  return errors.fields.find((f) => {
    const d = f.field.replace(/\[(\d+)\]/g, '.$1');
    return d === dotted || d.startsWith(dotted + '.');
  })?.message;
}

/**
 * A problem as the request sends it: an empty or unreadable priority (kept as NaN while editing) is
 * left out and the server numbers the problem by its place, rather than sending 0 and refusing the save.
 */
export function priorityBody(p: ProblemAnalysis): ProblemAnalysis {
  if (Number.isInteger(p.priority)) return p;
  const { priority: _none, ...rest } = p;
  return rest as ProblemAnalysis;
}

export function newProblem(priority: number): ProblemAnalysis {
  const id = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `p-${Date.now()}-${priority}`;
  return { id, title: '', priority, categoryIds: [], placeId: null, areaId: null, offender: '', target: '', place: '', suggestedMeasures: '' };
}

/** The areas and places a status level can be set for: the edition's areas and top places, and any already set. */
function levelCandidates(sp: SituationPicture): StatusLevelEntry[] {
  const out = new Map<string, StatusLevelEntry>();
  for (const a of sp.content.byArea) out.set(`area:${a.id}`, { kind: 'area', id: a.id, name: a.name, level: 'green', comment: '' });
  for (const p of sp.content.topPlaces) if (p.placeId) out.set(`place:${p.placeId}`, { kind: 'place', id: p.placeId, name: p.name, level: 'green', comment: '' });
  return [...out.values()];
}

export function NarrativeView({ sp, refs }: { sp: SituationPicture; refs: References | null }) {
  const n = sp.narrative;
  const cats = (ids: string[]) => ids.map((id) => refs?.categories.find((c) => c.id === id)).filter(Boolean).map((c) => categoryName(c!)).join(', ');
  return (
    <Section id="sp-narrative" title={t('situationPictures.narrative.title')}>
      <h3>{t('situationPictures.narrative.summary')}</h3>
      {n.summary ? <p class="est-prose">{n.summary}</p> : <p class="muted">{t('situationPictures.narrative.noSummary')}</p>}
      <h3>{t('situationPictures.narrative.problems')}</h3>
      {(n.problems ?? []).length === 0 ? <p class="muted">{t('situationPictures.narrative.noProblems')}</p> : (
        <ol class="est-problems">
          {[...n.problems].sort((a, b) => a.priority - b.priority).map((p) => (
            <li key={p.id}>
              <h4>{p.title}</h4>
              <dl class="est-dl">
                <dt>{t('situationPictures.narrative.priority')}</dt><dd>{p.priority}</dd>
                {p.categoryIds.length > 0 && <><dt>{t('situationPictures.narrative.categories')}</dt><dd>{cats(p.categoryIds)}</dd></>}
                {p.placeId && <><dt>{t('situationPictures.narrative.place')}</dt><dd>{refs?.places.find((x) => x.id === p.placeId)?.name ?? '–'}</dd></>}
                {p.areaId && <><dt>{t('situationPictures.narrative.area')}</dt><dd>{refs?.areas.find((x) => x.id === p.areaId)?.name ?? '–'}</dd></>}
                {TEXT_FIELDS.map((f) => p[f] ? <><dt>{t(`situationPictures.narrative.${textLabel[f]}`)}</dt><dd class="est-prose">{p[f]}</dd></> : null)}
              </dl>
            </li>
          ))}
        </ol>
      )}
      <h3>{t('situationPictures.narrative.levels')}</h3>
      {sp.statusLevels.length === 0 ? <p class="muted">{t('situationPictures.narrative.noLevels')}</p> : (
        <table class="est-table">
          <caption class="visually-hidden">{t('situationPictures.narrative.levelsCaption')}</caption>
          <thead><tr><th scope="col">{t('situationPictures.narrative.colName')}</th><th scope="col">{t('situationPictures.narrative.colKind')}</th><th scope="col">{t('situationPictures.narrative.colLevel')}</th><th scope="col">{t('situationPictures.narrative.colComment')}</th></tr></thead>
          <tbody>{sp.statusLevels.map((l) => (
            <tr key={`${l.kind}:${l.id}`}><th scope="row">{l.name}</th><td>{t(`situationPictures.narrative.kind.${l.kind}`)}</td>
              <td><span class={`est-level est-level-${l.level}`}>{t(`situationPictures.narrative.level.${l.level}`)}</span></td><td>{l.comment}</td></tr>
          ))}</tbody>
        </table>
      )}
    </Section>
  );
}

/** The coordinator's narrative of a draft: summary, cause analyses per prioritised problem, status levels. Saved with the row version. */
/**
 * One prioritised problem with its cause analysis after the crime triangle (offender, target, place):
 * the fields of a lägesbild's narrative and of the yearly action plan's priorities alike.
 */
/** A choice of one named place or area, or none. */
function RefSelect({ id, label, error, value, options, onChange }: {
  id: string; label: string; error: string | undefined; value: string | null; options: Array<{ id: string; name: string }>; onChange: (value: string | null) => void;
}) {
  return (
    <div>
      <Label for={id}>{label}</Label>
      <select {...controlProps(id, error)} value={value ?? ''} onChange={(e) => onChange((e.target as HTMLSelectElement).value || null)}>
        <option value="">{t('situationPictures.narrative.none')}</option>
        {options.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
      </select>
      <FieldMessage id={id} error={error} />
    </div>
  );
}

export function ProblemFields({ p, n, id, base, err, refs, onChange, onRemove }: {
  p: ProblemAnalysis; n: number; id: string; base: string; err: (path: string) => string | undefined; refs: References | null;
  onChange: (patch: Partial<ProblemAnalysis>) => void; onRemove: () => void;
}) {
  return (
    <fieldset class="est-problem">
      <legend>{t('situationPictures.narrative.problem', { n })}</legend>
      <div class="form-row">
        <div>
          <Label for={`${id}-title`} required>{t('situationPictures.narrative.problemTitle')}</Label>
          <input {...controlProps(`${id}-title`, err(`${base}.title`))} value={p.title} maxLength={200} onInput={(e) => onChange({ title: (e.target as HTMLInputElement).value })} />
          <FieldMessage id={`${id}-title`} error={err(`${base}.title`)} />
          <PersonalDataWarning id={`${id}-title-privacy`} text={p.title} onRemove={(title) => onChange({ title })} />
        </div>
        <div>
          <Label for={`${id}-priority`}>{t('situationPictures.narrative.priority')}</Label>
          <input type="number" min={1} max={99} {...controlProps(`${id}-priority`, err(`${base}.priority`), true)} value={Number.isNaN(p.priority) ? '' : p.priority}
            onInput={(e) => { const n = parseNumberInput((e.target as HTMLInputElement).value, { integer: true }); onChange({ priority: n.ok && n.value !== null ? n.value : Number.NaN }); }} />
          <FieldMessage id={`${id}-priority`} error={err(`${base}.priority`)} hint={t('situationPictures.narrative.priorityHint')} />
        </div>
      </div>
      <div class="form-row">
        <RefSelect id={`${id}-placeId`} label={t('situationPictures.narrative.place')} error={err(`${base}.placeId`)} value={p.placeId} options={refs?.places ?? []} onChange={(placeId) => onChange({ placeId })} />
        <RefSelect id={`${id}-areaId`} label={t('situationPictures.narrative.area')} error={err(`${base}.areaId`)} value={p.areaId} options={refs?.areas ?? []} onChange={(areaId) => onChange({ areaId })} />
      </div>
      <CategoryTreeField id={`${id}-categories`} label={t('situationPictures.narrative.categories')} categories={refs?.categories ?? []}
        selected={p.categoryIds} onChange={(categoryIds) => onChange({ categoryIds })} summary={chosenSummary(p.categoryIds.length)} />
      {TEXT_FIELDS.map((f) => {
        const hint = textHint[f];
        return (
          <div key={f}>
            <Label for={`${id}-${f}`}>{t(`situationPictures.narrative.${textLabel[f]}`)}</Label>
            <textarea {...controlProps(`${id}-${f}`, err(`${base}.${f}`), !!hint)} rows={3} value={p[f]} onInput={(e) => onChange({ [f]: (e.target as HTMLTextAreaElement).value })} />
            <FieldMessage id={`${id}-${f}`} error={err(`${base}.${f}`)} hint={hint ? t(`situationPictures.narrative.${hint}`) : undefined} />
            <PersonalDataWarning id={`${id}-${f}-privacy`} text={p[f]} onRemove={(cleaned) => onChange({ [f]: cleaned })} />
          </div>
        );
      })}
      <button type="button" class="danger" onClick={onRemove}>{t('situationPictures.narrative.removeProblem', { n })}</button>
    </fieldset>
  );
}

export function NarrativeEditor({ sp, refs, onSaved }: { sp: SituationPicture; refs: References | null; onSaved: (sp: SituationPicture) => void }) {
  const [summary, setSummary] = useState(sp.narrative.summary ?? '');
  const [problems, setProblems] = useState<ProblemAnalysis[]>(sp.narrative.problems ?? []);
  const candidates = levelCandidates(sp);
  const [levels, setLevels] = useState<Map<string, { level: StatusLevel | ''; comment: string }>>(() => {
    const m = new Map<string, { level: StatusLevel | ''; comment: string }>();
    for (const l of sp.statusLevels) m.set(`${l.kind}:${l.id}`, { level: l.level, comment: l.comment ?? '' });
    return m;
  });
  const rows = [...candidates, ...sp.statusLevels.filter((l) => !candidates.some((c) => c.kind === l.kind && c.id === l.id))];
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [msg, announce] = useAnnouncer();
  const formRef = useFocusFirstError(errors);

  const setProblem = (i: number, patch: Partial<ProblemAnalysis>) => setProblems((ps) => ps.map((p, k) => (k === i ? { ...p, ...patch } : p)));
  const setLevel = (key: string, patch: Partial<{ level: StatusLevel | ''; comment: string }>) =>
    setLevels((m) => new Map(m).set(key, { level: '', comment: '', ...m.get(key), ...patch }));

  async function save(e: Event) {
    e.preventDefault();
    setErrors(NO_ERRORS);
    setBusy(true);
    const narrative: Narrative = { summary, problems: problems.map((p) => priorityBody({ ...p, title: p.title.trim() })) };
    const statusLevels: StatusLevelEntry[] = rows.flatMap((r) => {
      const v = levels.get(`${r.kind}:${r.id}`);
      return v && v.level ? [{ kind: r.kind, id: r.id, name: r.name, level: v.level, comment: v.comment }] : [];
    });
    try {
      const saved = await api.patch<SituationPicture>(`/api/situation-pictures/${sp.id}`, { rowVersion: sp.rowVersion, narrative, statusLevels });
      onSaved(saved);
      announce(t('situationPictures.narrative.saved'));
    } catch (ex) {
      if (ex instanceof ApiError && ex.status === 409 && ex.fields.some((f) => f.code === 'version_mismatch')) setStale(true);
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  const err = (path: string) => nestedError(errors, path);
  return (
    <Section id="sp-narrative" title={t('situationPictures.narrative.title')}>
      <LiveRegion message={msg} />
      <form ref={formRef} class="admin-form est-narrative" onSubmit={save} noValidate>
        <ErrorSummary errors={errors} known={['narrative', 'statusLevels']} />
        {stale && <p class="warning">{t('situationPictures.narrative.stale')} <button type="button" onClick={() => location.reload()}>{t('situationPictures.narrative.reload')}</button></p>}
        <Label for="sp-summary">{t('situationPictures.narrative.summary')}</Label>
        <textarea {...controlProps('sp-summary', err('narrative.summary'), true)} rows={5} value={summary} onInput={(e) => setSummary((e.target as HTMLTextAreaElement).value)} />
        <FieldMessage id="sp-summary" error={err('narrative.summary')} hint={t('situationPictures.narrative.summaryHint')} />
        <PersonalDataWarning id="sp-summary-privacy" text={summary} onRemove={setSummary} />

        <h3>{t('situationPictures.narrative.problems')}</h3>
        <p class="muted">{t('situationPictures.narrative.problemsIntro')}</p>
        {problems.map((p, i) => {
          const base = `narrative.problems[${i}]`;
          const id = `sp-p${i}`;
          return (
            <ProblemFields key={p.id} p={p} n={i + 1} id={id} base={base} err={err} refs={refs}
              onChange={(patch) => setProblem(i, patch)} onRemove={() => setProblems((ps) => ps.filter((_, k) => k !== i))} />
          );
        })}
        <p><button type="button" onClick={() => {
          setProblems((ps) => [...ps, newProblem(ps.length + 1)]);
          setTimeout(() => document.getElementById(`sp-p${problems.length}-title`)?.focus(), 0);
        }}>{t('situationPictures.narrative.addProblem')}</button></p>

        <h3>{t('situationPictures.narrative.levels')}</h3>
        <p class="muted">{t('situationPictures.narrative.levelsIntro')}</p>
        {rows.length > 0 && (
          <div class="table-wrap">
            <table class="est-table">
              <caption class="visually-hidden">{t('situationPictures.narrative.levelsCaption')}</caption>
              <thead><tr><th scope="col">{t('situationPictures.narrative.colName')}</th><th scope="col">{t('situationPictures.narrative.colKind')}</th><th scope="col">{t('situationPictures.narrative.colLevel')}</th><th scope="col">{t('situationPictures.narrative.colComment')}</th></tr></thead>
              <tbody>
                {rows.map((r, i) => {
                  const key = `${r.kind}:${r.id}`;
                  const v = levels.get(key) ?? { level: '', comment: '' };
                  const e = err(`statusLevels[${i}]`);
                  return (
                    <tr key={key}>
                      <th scope="row">{r.name}</th>
                      <td>{t(`situationPictures.narrative.kind.${r.kind}`)}</td>
                      <td>
                        <select id={`sp-level-${i}`} aria-label={t('situationPictures.narrative.levelFor', { name: r.name })} class={v.level ? `est-level-select est-level-${v.level}` : 'est-level-select'}
                          value={v.level} onChange={(ev) => setLevel(key, { level: (ev.target as HTMLSelectElement).value as StatusLevel | '' })}>
                          <option value="">{t('situationPictures.narrative.level.none')}</option>
                          {LEVELS.map((l) => <option key={l} value={l}>{t(`situationPictures.narrative.level.${l}`)}</option>)}
                        </select>
                        {e && <p class="field-error">{e}</p>}
                      </td>
                      <td><input aria-label={t('situationPictures.narrative.commentFor', { name: r.name })} value={v.comment} maxLength={500}
                        onInput={(ev) => setLevel(key, { comment: (ev.target as HTMLInputElement).value })} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>{t('situationPictures.narrative.save')}</button>
        </div>
      </form>
    </Section>
  );
}
