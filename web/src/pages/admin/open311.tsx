import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { Open311Key, Open311KeyCreated, Organisation } from '../../api/types.ts';
import { fmt, t } from '../../i18n/index.ts';
import { session } from '../../session.ts';
import { myMunicipalities } from '../../municipality-choice.ts';
import { LoadState, useEditor, useFocusOnMount, useList } from './common.tsx';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, requiredErrors, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';

/**
 * Administration → Open311: the api_keys of the systems that send tips (administrators). A new key
 * is shown once, with a button to copy it; the list shows when each was last used and revokes it.
 */
export default function Open311Page() {
  const { items, error, reload } = useList<Open311Key>('/api/open311/keys');
  const editor = useEditor<'new'>();
  const [created, setCreated] = useState<Open311KeyCreated | null>(null);
  const [msg, announce] = useAnnouncer();
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const url = `${location.origin}/open311/v2/`;

  async function revoke(k: Open311Key) {
    if (!confirm(t('open311.confirmRevoke', { name: k.name }))) return;
    setRowError(null);
    try {
      await api.delete(`/api/open311/keys/${k.id}`);
      await reload();
      announce(t('open311.revokedOk', { name: k.name }));
    } catch (e) {
      setRowError({ id: k.id, message: errorsFrom(e).message ?? t('admin.form.network') });
    }
  }

  return (
    <section aria-labelledby="admin-sub-title">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('open311.nav')}</h2>
      <LiveRegion message={msg} />
      <p class="muted">{t('open311.explain', { url })}</p>
      {created ? (
        <CreatedKey created={created} onClose={() => { setCreated(null); announce(t('admin.saved', { name: created.key.name })); }} announce={announce} />
      ) : (
        <button type="button" class="primary" onClick={() => editor.open('new')}>{t('open311.newTitle')}</button>
      )}
      {editor.editing && (
        <KeyForm onDone={async (made) => { editor.close(); if (made) { setCreated(made); await reload(); } }} />
      )}
      <LoadState error={error} loading={!items} />
      {items && !items.length && <p>{t('open311.none')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('open311.nav')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('open311.table.name')}</th><th scope="col">{t('open311.table.organisation')}</th><th scope="col">{t('open311.table.created')}</th>
                <th scope="col">{t('open311.table.lastUsed')}</th><th scope="col">{t('open311.table.tips')}</th><th scope="col">{t('open311.table.status')}</th>
                <th scope="col"><span class="visually-hidden">{t('admin.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td>{k.organisationName}</td>
                  <td>{k.createdByName ? t('open311.createdBy', { when: fmt.dateTime(k.createdAt), who: k.createdByName }) : fmt.dateTime(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? fmt.dateTime(k.lastUsedAt) : t('open311.table.never')}</td>
                  <td>{fmt.number(k.tips)}</td>
                  <td>{k.revokedAt ? t('open311.table.revoked', { when: fmt.dateTime(k.revokedAt) }) : t('open311.table.active')}</td>
                  <td class="row-actions">
                    {!k.revokedAt && <button type="button" class="danger" onClick={() => revoke(k)} aria-label={t('open311.revokeNamed', { name: k.name })}>{t('open311.revoke')}</button>}
                    {rowError?.id === k.id && <p class="field-error" role="alert">{rowError.message}</p>}
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

/** The new key, this once: in a read-only field to select or copy, until the administrator closes it. */
function CreatedKey({ created, onClose, announce }: { created: Open311KeyCreated; onClose: () => void; announce: (m: string) => void }) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  async function copy() {
    try { await navigator.clipboard.writeText(created.apiKey); announce(t('open311.copied')); } catch { /* the field can still be selected and copied by hand */ }
  }
  return (
    <div class="card admin-form" role="region" aria-labelledby="open311-created-title">
      <h3 id="open311-created-title" tabIndex={-1} ref={headingRef}>{t('open311.createdTitle', { name: created.key.name })}</h3>
      <Label for="open311-key">{t('open311.keyLabel')}</Label>
      <input {...controlProps('open311-key', undefined, true)} value={created.apiKey} readOnly spellcheck={false} autocomplete="off" onFocus={(e) => e.currentTarget.select()} />
      <FieldMessage id="open311-key" hint={t('open311.createdHint')} />
      <div class="form-actions">
        <button type="button" onClick={copy}>{t('open311.copy')}</button>
        <button type="button" class="primary" onClick={onClose}>{t('open311.done')}</button>
      </div>
    </div>
  );
}

function KeyForm({ onDone }: { onDone: (made: Open311KeyCreated | null) => void }) {
  const orgs = useList<Organisation>('/api/organisations');
  const municipalities = myMunicipalities.value;
  const [municipalityId, setMunicipalityId] = useState(session.value?.user.municipalityId ?? '');
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusFirstError(errors);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const err = (f: string) => fieldMessage(errors, f);
  const choices = (orgs.items ?? []).filter((o) => o.active && (!municipalityId || o.municipalities.includes(municipalityId)));

  async function submit(e: Event) {
    e.preventDefault();
    const missing = requiredErrors({ name });
    if (missing.length) { setErrors({ message: t('admin.form.fixFields'), fields: missing }); return; }
    setBusy(true);
    try {
      onDone(await api.post<Open311KeyCreated>('/api/open311/keys', { name: name.trim(), ...(municipalityId ? { municipalityId } : {}), ...(organisationId ? { organisationId } : {}) }));
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} class="card admin-form" onSubmit={submit} noValidate aria-labelledby="open311-new-title">
      <h3 id="open311-new-title" tabIndex={-1} ref={headingRef}>{t('open311.newTitle')}</h3>
      <ErrorSummary errors={errors} known={['municipalityId', 'name', 'organisationId']} />
      {municipalities.length > 1 && (
        <>
          <Label for="open311-municipality">{t('open311.municipality')}</Label>
          <select {...controlProps('open311-municipality', err('municipalityId'), true)} value={municipalityId} onChange={(e) => { setMunicipalityId(e.currentTarget.value); setOrganisationId(''); }}>
            {municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
          <FieldMessage id="open311-municipality" error={err('municipalityId')} hint={t('open311.municipalityHint')} />
        </>
      )}
      <Label for="open311-name" required>{t('open311.name')}</Label>
      <input {...controlProps('open311-name', err('name'), true)} value={name} maxLength={100} autocomplete="off" onInput={(e) => setName(e.currentTarget.value)} />
      <FieldMessage id="open311-name" error={err('name')} hint={t('open311.nameHint')} />
      <Label for="open311-org">{t('open311.organisation')}</Label>
      <select {...controlProps('open311-org', err('organisationId'), true)} value={organisationId} onChange={(e) => setOrganisationId(e.currentTarget.value)}>
        <option value="">{t('open311.organisationDefault')}</option>
        {choices.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </select>
      <FieldMessage id="open311-org" error={err('organisationId')} hint={t('open311.organisationHint')} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>{t('open311.create')}</button>
        <button type="button" onClick={() => onDone(null)}>{t('app.cancel')}</button>
      </div>
    </form>
  );
}
