import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { Organisation } from '../../api/types.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { myMunicipalities } from '../../municipality-choice.ts';
import { session } from '../../session.ts';
import { LoadState, useEditor, useFocusOnMount, useList, yesNo, useRemove } from './common.tsx';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, requiredErrors, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';

export const ORGANISATION_KINDS = ['forvaltning', 'kommunalt_bolag', 'forbund', 'polis', 'region_vard', 'bevakningsforetag', 'civilsamhalle', 'ovrig'] as const;
export const kindLabel = (k: string) => (ORGANISATION_KINDS as readonly string[]).includes(k) ? t(`admin.orgKinds.${k}` as MessageKey) : k;

/** The names of the municipalities an organisation works in (codes outside the user's reach as they are). */
const worksIn = (o: Organisation) => o.municipalities.map((m) => myMunicipalities.value.find((x) => x.id === m)?.name ?? m).join(', ');

/** Organisations (admin only): name, short name, kind, where it works, active. */
export default function OrganisationsPage() {
  const { items, error, reload } = useList<Organisation>('/api/organisations');
  const editor = useEditor<Organisation | 'new'>();
  const [msg, announce] = useAnnouncer();

  const { remove, rowError } = useRemove<Organisation>('/api/organisations', reload, announce, (o) => o.name);

  return (
    <section aria-labelledby="admin-sub-title">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('admin.nav.organisations')}</h2>
      <LiveRegion message={msg} />
      <button type="button" class="primary" onClick={() => editor.open('new')}>{t('admin.organisations.new')}</button>
      {editor.editing && (
        <OrganisationForm
          key={editor.editing === 'new' ? 'new' : editor.editing.id}
          org={editor.editing === 'new' ? null : editor.editing}
          onDone={async (saved) => { editor.close(); if (saved) { await reload(); announce(t('admin.saved', { name: saved.name })); } }}
        />
      )}
      <LoadState error={error} loading={!items} />
      {items && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('admin.nav.organisations')}</caption>
            <thead><tr><th scope="col">{t('admin.organisations.name')}</th><th scope="col">{t('admin.organisations.shortName')}</th><th scope="col">{t('admin.organisations.kind')}</th><th scope="col">{t('admin.organisations.municipalities')}</th><th scope="col">{t('admin.active')}</th><th scope="col"><span class="visually-hidden">{t('admin.actions')}</span></th></tr></thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.name}</th>
                  <td>{o.shortName ?? ''}</td>
                  <td>{kindLabel(o.kind)}</td>
                  <td>{worksIn(o)}</td>
                  <td>{yesNo(o.active)}</td>
                  <td class="row-actions">
                    <button type="button" onClick={() => editor.open(o)} aria-label={t('admin.editNamed', { name: o.name })}>{t('app.edit')}</button>
                    <button type="button" class="danger" onClick={() => remove(o)} aria-label={t('admin.deleteNamed', { name: o.name })}>{t('app.delete')}</button>
                    {rowError?.id === o.id && <p class="field-error" role="alert">{rowError.message}</p>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OrganisationForm({ org, onDone }: { org: Organisation | null; onDone: (saved: Organisation | null) => void }) {
  const [name, setName] = useState(org?.name ?? '');
  const [shortName, setShortName] = useState(org?.shortName ?? '');
  const [kind, setKind] = useState(org?.kind ?? '');
  const [active, setActive] = useState(org?.active ?? true);
  // Where it works, among the administrator's municipalities; the home is always one of them.
  const mine = myMunicipalities.value;
  const home = org?.municipalityId ?? session.value?.user.municipalityId ?? mine[0]?.id;
  const [places, setPlaces] = useState<string[]>(org ? org.municipalities : home ? [home] : []);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusFirstError(errors);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const err = (f: string) => fieldMessage(errors, f);

  async function submit(e: Event) {
    e.preventDefault();
    const missing = requiredErrors({ name, kind });
    if (missing.length) { setErrors({ message: t('admin.form.fixFields'), fields: missing }); return; }
    setBusy(true);
    try {
      const others = places.filter((m) => m !== home && mine.some((x) => x.id === m));
      const where = mine.length > 1 ? (org ? { municipalities: others } : { municipalityId: home, municipalities: others }) : {};
      const body = { name: name.trim(), shortName: shortName.trim() || null, kind, ...where, ...(org ? { active } : {}) };
      const saved = org ? await api.patch<Organisation>(`/api/organisations/${org.id}`, body) : await api.post<Organisation>('/api/organisations', body);
      onDone(saved);
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} class="card admin-form" onSubmit={submit} noValidate aria-labelledby="org-form-title">
      <h3 id="org-form-title" tabIndex={-1} ref={headingRef}>{org ? t('admin.organisations.editTitle', { name: org.name }) : t('admin.organisations.new')}</h3>
      <ErrorSummary errors={errors} known={['name', 'shortName', 'kind', 'municipalities', 'active']} />
      <Label for="org-name" required>{t('admin.organisations.name')}</Label>
      <input {...controlProps('org-name', err('name'))} value={name} maxLength={200} required onInput={(e) => setName(e.currentTarget.value)} />
      <FieldMessage id="org-name" error={err('name')} />
      <Label for="org-short">{t('admin.organisations.shortName')}</Label>
      <input {...controlProps('org-short', err('shortName'))} value={shortName} maxLength={50} onInput={(e) => setShortName(e.currentTarget.value)} />
      <FieldMessage id="org-short" error={err('shortName')} />
      <Label for="org-kind" required>{t('admin.organisations.kind')}</Label>
      <select {...controlProps('org-kind', err('kind'))} value={kind} required onChange={(e) => setKind(e.currentTarget.value)}>
        <option value="">{t('admin.form.choose')}</option>
        {ORGANISATION_KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
      </select>
      <FieldMessage id="org-kind" error={err('kind')} />
      {mine.length > 1 && (
        <fieldset aria-describedby="org-places-hint">
          <legend>{t('admin.organisations.municipalities')}</legend>
          <p id="org-places-hint" class="muted">{t('admin.organisations.municipalitiesHint')}</p>
          {mine.map((m) => (
            <div class="check" key={m.id}>
              <input type="checkbox" id={`org-place-${m.id}`} checked={m.id === home || places.includes(m.id)} disabled={m.id === home}
                onChange={(e) => setPlaces(e.currentTarget.checked ? [...places, m.id] : places.filter((x) => x !== m.id))} />
              <label for={`org-place-${m.id}`}>{m.id === home ? t('admin.organisations.home', { name: m.name }) : m.name}</label>
            </div>
          ))}
          <FieldMessage id="org-places" error={err('municipalities')} />
        </fieldset>
      )}
      {org && (
        <div class="check">
          <input type="checkbox" {...controlProps('org-active', err('active'))} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <label for="org-active">{t('admin.active')}</label>
          <FieldMessage id="org-active" error={err('active')} />
        </div>
      )}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>{t('app.save')}</button>
        <button type="button" onClick={() => onDone(null)}>{t('app.cancel')}</button>
      </div>
    </form>
  );
}
