import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { Organisation } from '../../api/types.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { session } from '../../session.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import { useList } from './common.tsx';
import { SSO_GRANTABLE_ROLES, USER_CLAIMS, type UserClaim } from '../../../../src/core/sso/types.ts';
import type { Role } from '../../../../src/core/access/roles.ts';
import type { SsoSetting, SsoSettingInput } from '../../../../src/contract/index.ts';

interface Row { group: string; organisationId: string; roles: Role[] }
interface Values {
  label: string; issuer: string; clientId: string; clientSecret: string; removeSecret: boolean; userClaim: UserClaim;
  groupMapping: Row[]; createUsers: boolean; enabled: boolean;
}

const EMPTY: Values = { label: '', issuer: '', clientId: '', clientSecret: '', removeSecret: false, userClaim: 'email', groupMapping: [], createUsers: false, enabled: true };

function valuesOf(s: SsoSetting): Values {
  const p = s.provider;
  return p ? { ...EMPTY, label: p.label, issuer: p.issuer, clientId: p.clientId, userClaim: p.userClaim, groupMapping: p.groupMapping.map((m) => ({ ...m })), createUsers: p.createUsers, enabled: p.enabled } : EMPTY;
}

/**
 * Administration → Inloggning (SSO): the municipality's own OpenID provider (services/sso.ts). The
 * secret is write-only: the page says whether one is stored and sends a new one only when typed.
 */
export default function SsoPage() {
  const [setting, setSetting] = useState<SsoSetting | null>(null);
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [msg, announce] = useAnnouncer();
  const formRef = useFocusFirstError(errors);
  const home = session.value?.user.municipalityId;
  const orgs = useList<Organisation>('/api/organisations');
  const ownOrgs = (orgs.items ?? []).filter((o) => o.municipalityId === home && o.active);

  const load = (s: SsoSetting) => { setSetting(s); setValues(valuesOf(s)); };
  useEffect(() => { api.get<SsoSetting>('/api/settings/sso').then(load).catch((e) => setErrors(errorsFrom(e))); }, []);

  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues({ ...values, [k]: v });
  const setRow = (i: number, row: Partial<Row>) => set('groupMapping', values.groupMapping.map((r, j) => (j === i ? { ...r, ...row } : r)));
  const err = (f: string) => fieldMessage(errors, f);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const body: SsoSettingInput = {
        label: values.label, issuer: values.issuer, clientId: values.clientId, userClaim: values.userClaim,
        groupMapping: values.groupMapping, createUsers: values.createUsers, enabled: values.enabled,
      };
      if (values.clientSecret) body.clientSecret = values.clientSecret;
      else if (values.removeSecret) body.clientSecret = null;
      load(await api.put<SsoSetting>('/api/settings/sso', body));
      announce(t('sso.saved'));
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!confirm(t('sso.confirmRemove'))) return;
    setErrors(NO_ERRORS);
    try {
      await api.delete('/api/settings/sso');
      load(await api.get<SsoSetting>('/api/settings/sso'));
      announce(t('sso.removed'));
    } catch (ex) {
      setErrors(errorsFrom(ex));
    }
  }

  return (
    <section aria-labelledby="admin-sub-title">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('sso.nav')}</h2>
      <p>{t('sso.explain')}</p>
      <LiveRegion message={msg} />
      {!setting ? (errors.message ? <ErrorSummary errors={errors} known={[]} /> : <p aria-busy="true">{t('app.loading')}</p>) : (
        <>
          <dl class="card">
            <dt>{t('sso.callbackUrl')}</dt>
            <dd><code>{setting.callbackUrl}</code></dd>
          </dl>
          {setting.deploymentProvider && <p class="muted">{t('sso.deployment', { label: setting.deploymentProvider })}</p>}
          {!setting.provider && <p>{t('sso.none')}</p>}
          <form ref={formRef} class="card admin-form" onSubmit={save} noValidate>
            <ErrorSummary errors={errors} known={['label', 'issuer', 'clientId', 'clientSecret', 'userClaim', 'groupMapping', 'createUsers', 'enabled']} />
            <Label for="sso-label" required>{t('sso.label')}</Label>
            <input {...controlProps('sso-label', err('label'), true)} value={values.label} maxLength={100} required onInput={(e) => set('label', e.currentTarget.value)} />
            <FieldMessage id="sso-label" error={err('label')} hint={t('sso.labelHint')} />
            <Label for="sso-issuer" required>{t('sso.issuer')}</Label>
            <input type="url" {...controlProps('sso-issuer', err('issuer'), true)} value={values.issuer} maxLength={500} required onInput={(e) => set('issuer', e.currentTarget.value)} />
            <FieldMessage id="sso-issuer" error={err('issuer')} hint={t('sso.issuerHint')} />
            <Label for="sso-client" required>{t('sso.clientId')}</Label>
            <input autocomplete="off" {...controlProps('sso-client', err('clientId'))} value={values.clientId} maxLength={255} required onInput={(e) => set('clientId', e.currentTarget.value)} />
            <FieldMessage id="sso-client" error={err('clientId')} />
            <Label for="sso-secret">{t('sso.clientSecret')}</Label>
            <input type="password" autocomplete="new-password" {...controlProps('sso-secret', err('clientSecret'), true)} value={values.clientSecret} maxLength={1000} onInput={(e) => set('clientSecret', e.currentTarget.value)} />
            <FieldMessage id="sso-secret" error={err('clientSecret')} hint={setting.provider?.hasSecret ? t('sso.secretStored') : t('sso.secretNone')} />
            {setting.provider?.hasSecret && (
              <div class="check">
                <input type="checkbox" id="sso-remove-secret" checked={values.removeSecret} onChange={(e) => set('removeSecret', e.currentTarget.checked)} />
                <label for="sso-remove-secret">{t('sso.removeSecret')}</label>
              </div>
            )}
            <Label for="sso-claim">{t('sso.userClaim')}</Label>
            <select {...controlProps('sso-claim', err('userClaim'), true)} value={values.userClaim} onChange={(e) => set('userClaim', e.currentTarget.value as UserClaim)}>
              {USER_CLAIMS.map((c) => <option key={c} value={c}>{t(`sso.claims.${c}` as MessageKey)}</option>)}
            </select>
            <FieldMessage id="sso-claim" error={err('userClaim')} hint={t('sso.userClaimHint')} />
            <div class="check">
              <input type="checkbox" {...controlProps('sso-enabled', err('enabled'))} checked={values.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
              <label for="sso-enabled">{t('sso.enabled')}</label>
            </div>
            <div class="check">
              <input type="checkbox" {...controlProps('sso-create', err('createUsers'), true)} checked={values.createUsers} onChange={(e) => set('createUsers', e.currentTarget.checked)} />
              <label for="sso-create">{t('sso.createUsers')}</label>
              <FieldMessage id="sso-create" error={err('createUsers')} hint={t('sso.createUsersHint')} />
            </div>

            <fieldset aria-describedby="sso-groups-hint">
              <legend>{t('sso.groups')}</legend>
              <p id="sso-groups-hint" class="hint muted">{t('sso.groupsHint')}</p>
              {values.groupMapping.map((row, i) => {
                const id = `sso-group-${i}`;
                return (
                  <fieldset key={i}>
                    <legend>{t('sso.groupRow', { row: i + 1 })}</legend>
                    <Label for={`${id}-name`} required>{t('sso.group')}</Label>
                    <input {...controlProps(`${id}-name`, err(`groupMapping[${i}].group`))} value={row.group} maxLength={200} required onInput={(e) => setRow(i, { group: e.currentTarget.value })} />
                    <FieldMessage id={`${id}-name`} error={err(`groupMapping[${i}].group`)} />
                    <Label for={`${id}-org`} required>{t('sso.organisation')}</Label>
                    <select {...controlProps(`${id}-org`, err(`groupMapping[${i}].organisationId`))} value={row.organisationId} required onChange={(e) => setRow(i, { organisationId: e.currentTarget.value })}>
                      <option value="">{t('admin.form.choose')}</option>
                      {ownOrgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                    </select>
                    <FieldMessage id={`${id}-org`} error={err(`groupMapping[${i}].organisationId`)} />
                    <fieldset>
                      <legend>{t('sso.roles')}</legend>
                      {SSO_GRANTABLE_ROLES.map((r) => (
                        <div class="check" key={r}>
                          <input type="checkbox" id={`${id}-role-${r}`} checked={row.roles.includes(r)} aria-invalid={err(`groupMapping[${i}].roles`) ? 'true' : undefined}
                            onChange={(e) => setRow(i, { roles: e.currentTarget.checked ? [...row.roles, r] : row.roles.filter((x) => x !== r) })} />
                          <label for={`${id}-role-${r}`}>{t(`common.roles.${r}`)}</label>
                        </div>
                      ))}
                    </fieldset>
                    {err(`groupMapping[${i}].roles`) && <p class="field-error">{err(`groupMapping[${i}].roles`)}</p>}
                    <button type="button" onClick={() => set('groupMapping', values.groupMapping.filter((_, j) => j !== i))}>{t('sso.removeGroup', { row: i + 1 })}</button>
                  </fieldset>
                );
              })}
              <button type="button" onClick={() => set('groupMapping', [...values.groupMapping, { group: '', organisationId: '', roles: ['reporter'] }])}>{t('sso.addGroup')}</button>
            </fieldset>
            <p>
              <button type="submit" class="primary" disabled={busy} aria-busy={busy}>{t('app.save')}</button>
              {setting.provider && <> <button type="button" class="danger" onClick={remove}>{t('sso.remove')}</button></>}
            </p>
          </form>
        </>
      )}
    </section>
  );
}
