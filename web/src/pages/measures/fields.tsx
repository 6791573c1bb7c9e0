import { t, tn } from '../../i18n/index.ts';
import { controlProps, FieldMessage, fieldMessage, Label, type FormErrors } from '../../ui/form.tsx';
import { parseNumberInput } from '../../ui/number-field.ts';
import { CategoryTreeField } from '../situation-pictures/CategoryTreeField.tsx';
import { measureTypeName, type References } from '../situation-pictures/shared.tsx';
import { MEASURE_STATUSES, type Measure, type MeasureInput, type MeasureStatus } from '../situation-pictures/types.ts';
import { measureFromDecision, type AgendaItemFacts, type DecisionFacts, type MeetingFacts } from '../../../../src/core/meetings/decision-measure.ts';
import { PersonalDataWarning } from '../../ui/PersonalDataWarning.tsx';

/**
 * The fields of a measure (MeasureInput) as form controls, shared by the measure page and the
 * meeting's "Fatta beslut" form. Values are kept as strings while editing; `toInput` makes the body.
 * `prefix` is how the server names the fields in its errors ("" or "measure.").
 */
export interface MeasureDraft {
  type: string; term: 'short' | 'long'; title: string; problem: string; categoryIds: string[];
  placeId: string; areaId: string; organisationId: string; responsiblePerson: string; status: MeasureStatus;
  plannedStart: string; plannedEnd: string; actualStart: string; actualEnd: string; costSek: string; notes: string;
}

export function emptyDraft(init: Partial<MeasureDraft> = {}): MeasureDraft {
  return {
    type: '', term: 'short', title: '', problem: '', categoryIds: [], placeId: '', areaId: '', organisationId: '', responsiblePerson: '',
    status: 'planned', plannedStart: '', plannedEnd: '', actualStart: '', actualEnd: '', costSek: '', notes: '', ...init,
  };
}

export function draftOf(m: Measure): MeasureDraft {
  const s = (v: string | null | undefined) => v ?? '';
  return {
    type: m.type, term: m.term, title: m.title, problem: s(m.problem), categoryIds: m.categoryIds ?? [], placeId: s(m.placeId), areaId: s(m.areaId),
    organisationId: m.organisationId, responsiblePerson: s(m.responsiblePerson), status: m.status,
    plannedStart: s(m.plannedStart).slice(0, 10), plannedEnd: s(m.plannedEnd).slice(0, 10), actualStart: s(m.actualStart).slice(0, 10), actualEnd: s(m.actualEnd).slice(0, 10),
    costSek: m.costSek === null || m.costSek === undefined ? '' : String(m.costSek), notes: s(m.notes),
  };
}

/** The fields a meeting decision fills in (the same rule as the server's, src/core/meetings/decision-measure.ts). */
export function decisionDraft(d: DecisionFacts, item: AgendaItemFacts | null, meeting: MeetingFacts): MeasureDraft {
  const m = measureFromDecision(d, item, meeting);
  return emptyDraft({
    title: m.title ?? '', organisationId: m.organisationId ?? '', plannedEnd: m.plannedEnd ?? '', placeId: m.placeId ?? '', areaId: m.areaId ?? '',
    problem: m.problem ?? '', notes: m.notes ?? '',
  });
}

/** The fields a decision fills, which follow it while it is written until the person changes them. */
const FOLLOWING = ['title', 'organisationId', 'plannedEnd', 'placeId', 'areaId', 'problem', 'notes'] as const;

/**
 * The measure's draft after the decision changed from `was` to `now`: each field that still holds
 * what the decision gave it takes the new value; a field the person changed stays as they wrote it.
 */
export function followDecision(draft: MeasureDraft, was: MeasureDraft, now: MeasureDraft): MeasureDraft {
  const out = { ...draft };
  for (const k of FOLLOWING) if (draft[k] === was[k]) out[k] = now[k];
  return out;
}

/** The request body: empty texts become null, an empty owner is left out so the server names it. */
export function toInput(d: MeasureDraft): MeasureInput {
  const n = (v: string) => (v.trim() ? v.trim() : null);
  // An unreadable cost is sent as typed so the server names the field; NaN would have gone as null and cleared it.
  const typed = parseNumberInput(d.costSek);
  const cost = typed.ok ? typed.value : (d.costSek.trim() as unknown as number);
  return {
    type: d.type, term: d.term, title: d.title.trim(), problem: n(d.problem), categoryIds: d.categoryIds,
    placeId: n(d.placeId), areaId: n(d.areaId), organisationId: d.organisationId || (undefined as unknown as string),
    responsiblePerson: n(d.responsiblePerson), status: d.status,
    plannedStart: n(d.plannedStart), plannedEnd: n(d.plannedEnd), actualStart: n(d.actualStart), actualEnd: n(d.actualEnd),
    costSek: cost, notes: n(d.notes),
  };
}

/** A new measure's body: only the fields that have a value (the server's defaults apply to the rest). */
export function createBody(d: MeasureDraft): Partial<MeasureInput> {
  return Object.fromEntries(Object.entries(toInput(d)).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Partial<MeasureInput>;
}

/** A PATCH body: only what changed against the stored measure (null clears a field). */
export function changedBody(d: MeasureDraft, stored: Measure): Partial<MeasureInput> {
  const now = toInput(d) as unknown as Record<string, unknown>;
  const was = toInput(draftOf(stored)) as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(now).filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(was[k] ?? null))) as Partial<MeasureInput>;
}

export const MEASURE_FIELDS = ['type', 'term', 'title', 'problem', 'categoryIds', 'placeId', 'areaId', 'organisationId', 'responsiblePerson', 'status', 'plannedStart', 'plannedEnd', 'actualStart', 'actualEnd', 'costSek', 'notes'];

export function MeasureFields({ draft, set, refs, errors, prefix = '', idPrefix = 'm' }: {
  draft: MeasureDraft; set: (patch: Partial<MeasureDraft>) => void; refs: References | null; errors: FormErrors; prefix?: string; idPrefix?: string;
}) {
  const err = (f: string) => fieldMessage(errors, prefix + f);
  const id = (f: string) => `${idPrefix}-${f}`;
  const types = refs?.measureTypes ?? [];
  const text = (f: 'title' | 'responsiblePerson' | 'costSek', label: string, required = false, extra: Record<string, unknown> = {}) => (
    <div>
      <Label for={id(f)} required={required}>{label}</Label>
      <input {...controlProps(id(f), err(f))} value={draft[f]} {...extra} onInput={(e) => set({ [f]: (e.target as HTMLInputElement).value })} />
      <FieldMessage id={id(f)} error={err(f)} />
      {f === 'title' && <PersonalDataWarning id={`${id(f)}-privacy`} text={draft.title} onRemove={(title) => set({ title })} />}
    </div>
  );
  const date = (f: 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd', hint?: string) => (
    <div>
      <Label for={id(f)}>{t(`measures.field.${f}`)}</Label>
      <input type="date" {...controlProps(id(f), err(f), !!hint)} value={draft[f]} onInput={(e) => set({ [f]: (e.target as HTMLInputElement).value })} />
      <FieldMessage id={id(f)} error={err(f)} hint={hint} />
    </div>
  );
  return (
    <>
      <div class="form-row">
        <div>
          <Label for={id('type')} required>{t('measures.field.type')}</Label>
          <select {...controlProps(id('type'), err('type'))} value={draft.type} onChange={(e) => {
            const code = (e.target as HTMLSelectElement).value;
            const mt = types.find((x) => x.code === code);
            set({ type: code, ...(mt ? { term: mt.defaultTerm } : {}), ...(!draft.title && mt ? { title: measureTypeName(types, code) } : {}) });
          }}>
            <option value="">{t('measures.field.choose')}</option>
            {(['situational', 'social', 'other'] as const).map((k) => (
              <optgroup key={k} label={t(`measures.kind.${k}`)}>
                {types.filter((x) => x.kind === k).map((x) => <option key={x.code} value={x.code}>{measureTypeName(types, x.code)}</option>)}
              </optgroup>
            ))}
          </select>
          <FieldMessage id={id('type')} error={err('type')} />
        </div>
        <div>
          <Label for={id('term')} required>{t('measures.field.term')}</Label>
          <select {...controlProps(id('term'), err('term'))} value={draft.term} onChange={(e) => set({ term: (e.target as HTMLSelectElement).value as 'short' | 'long' })}>
            <option value="short">{t('measures.term.short')}</option>
            <option value="long">{t('measures.term.long')}</option>
          </select>
          <FieldMessage id={id('term')} error={err('term')} />
        </div>
      </div>
      {text('title', t('measures.field.title'), true, { maxLength: 200 })}
      <Label for={id('problem')}>{t('measures.field.problem')}</Label>
      <textarea {...controlProps(id('problem'), err('problem'))} rows={2} value={draft.problem} maxLength={2000} onInput={(e) => set({ problem: (e.target as HTMLTextAreaElement).value })} />
      <FieldMessage id={id('problem')} error={err('problem')} />
      <PersonalDataWarning id={`${id('problem')}-privacy`} text={draft.problem} onRemove={(problem) => set({ problem })} />
      <div class="form-row">
        <div>
          <Label for={id('placeId')}>{t('measures.field.place')}</Label>
          <select {...controlProps(id('placeId'), err('placeId'), true)} value={draft.placeId} onChange={(e) => set({ placeId: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('measures.field.none')}</option>
            {(refs?.places ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
          <FieldMessage id={id('placeId')} error={err('placeId')} hint={t('measures.field.whereHint')} />
        </div>
        <div>
          <Label for={id('areaId')}>{t('measures.field.area')}</Label>
          <select {...controlProps(id('areaId'), err('areaId'))} value={draft.areaId} onChange={(e) => set({ areaId: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('measures.field.none')}</option>
            {(refs?.areas ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
          <FieldMessage id={id('areaId')} error={err('areaId')} />
        </div>
      </div>
      <div class="form-row">
        <div>
          <Label for={id('organisationId')} required>{t('measures.field.organisation')}</Label>
          <select {...controlProps(id('organisationId'), err('organisationId'))} value={draft.organisationId} onChange={(e) => set({ organisationId: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('measures.field.choose')}</option>
            {(refs?.organisations ?? []).filter((o) => o.active || o.id === draft.organisationId).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          <FieldMessage id={id('organisationId')} error={err('organisationId')} />
        </div>
        {text('responsiblePerson', t('measures.field.responsiblePerson'), false, { maxLength: 200 })}
      </div>
      <div class="form-row">
        <div>
          <Label for={id('status')}>{t('measures.field.status')}</Label>
          <select {...controlProps(id('status'), err('status'))} value={draft.status} onChange={(e) => set({ status: (e.target as HTMLSelectElement).value as MeasureStatus })}>
            {MEASURE_STATUSES.map((s) => <option key={s} value={s}>{t(`measures.status.${s}`)}</option>)}
          </select>
          <FieldMessage id={id('status')} error={err('status')} />
        </div>
        {text('costSek', t('measures.field.cost'), false, { inputMode: 'decimal' })}
      </div>
      <fieldset>
        <legend>{t('measures.field.dates')}</legend>
        <div class="form-row">
          {date('plannedStart')}
          {date('plannedEnd')}
        </div>
        <div class="form-row">
          {date('actualStart', t('measures.field.actualHint'))}
          {date('actualEnd')}
        </div>
      </fieldset>
      <CategoryTreeField id={id('categories')} label={t('measures.field.categories')} categories={refs?.categories ?? []}
        selected={draft.categoryIds} onChange={(categoryIds) => set({ categoryIds })}
        summary={draft.categoryIds.length ? tn('situationPictures.create.categoriesChosen', draft.categoryIds.length) : t('measures.field.categoriesHint')} />
      {err('categoryIds') && <p class="field-error">{err('categoryIds')}</p>}
      <Label for={id('notes')}>{t('measures.field.notes')}</Label>
      <textarea {...controlProps(id('notes'), err('notes'))} rows={3} value={draft.notes} maxLength={5000} onInput={(e) => set({ notes: (e.target as HTMLTextAreaElement).value })} />
      <FieldMessage id={id('notes')} error={err('notes')} />
      <PersonalDataWarning id={`${id('notes')}-privacy`} text={draft.notes} onRemove={(notes) => set({ notes })} />
    </>
  );
}
