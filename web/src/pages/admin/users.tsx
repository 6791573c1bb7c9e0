import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import type { Organisation, Role, User } from '../../api/types.ts';
import type { LinkSent, UserPatch } from '../../../../src/contract/index.ts';
import { administersOrganisation, mayGrantRole, mayManageAccount } from '../../../../src/core/access/policy.ts';
import { fmt, t } from '../../i18n/index.ts';
import { actorOf, may, session } from '../../session.ts';
import { LoadState, useEditor, useFocusOnMount, useList, yesNo } from './common.tsx';
import UserDataRights from './user-data-rights.tsx';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, requiredErrors, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';

export const ROLE_ORDER: Role[] = ['reporter', 'areaGroup', 'viewer', 'coordinator', 'admin', 'dataProtection'];

/** Users and roles (admin and coordinator; only an administrator may grant or change the administrator role). */
export default function UsersPage() {
  const { items, error, reload } = useList<User>('/api/users');
  const orgs = useList<Organisation>('/api/organisations');
  const editor = useEditor<User | 'new'>();
  const [msg, announce] = useAnnouncer();
  // Only an administrator may hand out the administrator role or change a user who holds it.
  const mayManageAdmins = may('users.manageAdmins');
  // Whose accounts the actor manages: the policy's rule, so the button shows exactly when the server would allow the change.
  const manages = (u: User) => {
    const organisation = orgs.items?.find((o) => o.id === u.organisationId);
    return !!organisation && mayManageAccount(actorOf(session.value!), { organisation, roles: u.roles, municipalities: u.municipalities });
  };

  return (
    <section aria-labelledby="admin-sub-title">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('admin.nav.users')}</h2>
      <LiveRegion message={msg} />
      {!mayManageAdmins && <p class="muted">{t('admin.users.coordinatorNote')}</p>}
      <button type="button" class="primary" onClick={() => editor.open('new')}>{t('admin.users.new')}</button>
      {editor.editing && orgs.items && (
        <UserForm
          key={editor.editing === 'new' ? 'new' : editor.editing.id}
          user={editor.editing === 'new' ? null : editor.editing}
          organisations={orgs.items}
          onDone={async (saved) => { editor.close(); if (saved) { await reload(); announce(t('admin.saved', { name: saved.name })); } }}
          onAnnounce={announce}
        />
      )}
      <LoadState error={error ?? orgs.error} loading={!items} />
      {items && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('admin.nav.users')}</caption>
            <thead><tr>
              <th scope="col">{t('admin.users.name')}</th><th scope="col">{t('admin.users.email')}</th><th scope="col">{t('admin.users.organisation')}</th>
              <th scope="col">{t('admin.users.roles')}</th><th scope="col">{t('admin.active')}</th><th scope="col">{t('admin.users.lastLogin')}</th>
              <th scope="col"><span class="visually-hidden">{t('admin.actions')}</span></th>
            </tr></thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.name}</th>
                  <td>{u.email}</td>
                  <td>{u.organisationName}</td>
                  <td>{ROLE_ORDER.filter((r) => u.roles.includes(r)).map((r) => t(`common.roles.${r}`)).join(', ')}</td>
                  <td>{yesNo(u.active)}</td>
                  <td>{u.lastLoginAt ? fmt.dateTime(u.lastLoginAt) : t('admin.users.never')}</td>
                  <td class="row-actions">
                    {u.roles.includes('admin') && !mayManageAdmins
                      ? <span class="muted">{t('admin.users.adminOnly')}</span>
                      : !manages(u)
                      ? <span class="muted">{t('admin.users.notManaged')}</span>
                      : <button type="button" onClick={() => editor.open(u)} aria-label={t('admin.editNamed', { name: u.name })}>{t('app.edit')}</button>}
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

function UserForm({ user, organisations, onDone, onAnnounce }: { user: User | null; organisations: Organisation[]; onDone: (saved: User | null) => void; onAnnounce: (m: string) => void }) {
  const me = session.value!;
  const mayManageAdmins = may('users.manageAdmins');
  const actor = actorOf(me);
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [organisationId, setOrganisationId] = useState(user?.organisationId ?? '');
  const [roles, setRoles] = useState<Role[]>(user?.roles ?? []);
  const [active, setActive] = useState(user?.active ?? true);
  const [grants, setGrants] = useState<string[]>(user ? user.municipalities.filter((m) => m !== user.municipalityId) : []);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusFirstError(errors);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const err = (f: string) => fieldMessage(errors, f);

  const home = organisations.find((o) => o.id === organisationId)?.municipalityId ?? user?.municipalityId ?? me.user.municipalityId;
  const grantable = me.municipalities.filter((m) => m.id !== home);
  // Only the organisations the actor administers (the police's accounts are the police's own: core/access/policy.ts).
  const activeOrgs = organisations.filter((o) => (o.active && administersOrganisation(actor, o)) || o.id === organisationId);

  function toggle<T>(list: T[], v: T, on: boolean): T[] {
    return on ? [...new Set([...list, v])] : list.filter((x) => x !== v);
  }

  async function submit(e: Event) {
    e.preventDefault();
    const missing = requiredErrors({ email, name, organisationId });
    if (roles.length === 0) missing.push({ field: 'roles', code: 'required', message: t('admin.users.rolesRequired') });
    if (missing.length) { setErrors({ message: t('admin.form.fixFields'), fields: missing }); return; }
    setBusy(true);
    try {
      const municipalities = [home, ...grants.filter((g) => g !== home)];
      const body: UserPatch = { email: email.trim(), name: name.trim(), organisationId, roles, municipalities };
      if (user) {
        // Send only what changed: a change of roles, organisation, grants or address ends the user's sessions.
        const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
        if (body.email === user.email) delete body.email;
        if (body.name === user.name) delete body.name;
        if (organisationId === user.organisationId) delete body.organisationId;
        if (same(roles, user.roles)) delete body.roles;
        if (same(municipalities, user.municipalities)) delete body.municipalities;
        if (active !== user.active) body.active = active;
        if (Object.keys(body).length === 0) { onDone(user); return; }
      }
      const saved = user ? await api.patch<User>(`/api/users/${user.id}`, body) : await api.post<User>('/api/users', body);
      onDone(saved);
    } catch (ex) {
      setErrors(errorsFrom(ex));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={formRef} class="card admin-form" onSubmit={submit} noValidate aria-labelledby="user-form-title">
      <h3 id="user-form-title" tabIndex={-1} ref={headingRef}>{user ? t('admin.users.editTitle', { name: user.name }) : t('admin.users.new')}</h3>
      <ErrorSummary errors={errors} known={['email', 'name', 'organisationId', 'roles', 'active', 'municipalities']} />
      {!user && <p class="hint muted" id="user-invite-hint">{t('admin.users.inviteHint')}</p>}
      <Label for="user-email" required>{t('admin.users.email')}</Label>
      <input type="email" autocomplete="off" {...controlProps('user-email', err('email'))} value={email} maxLength={254} required onInput={(e) => setEmail(e.currentTarget.value)} />
      <FieldMessage id="user-email" error={err('email')} />
      <Label for="user-name" required>{t('admin.users.name')}</Label>
      <input {...controlProps('user-name', err('name'))} value={name} maxLength={200} required onInput={(e) => setName(e.currentTarget.value)} />
      <FieldMessage id="user-name" error={err('name')} />
      <Label for="user-org" required>{t('admin.users.organisation')}</Label>
      <select {...controlProps('user-org', err('organisationId'))} value={organisationId} required onChange={(e) => setOrganisationId(e.currentTarget.value)}>
        <option value="">{t('admin.form.choose')}</option>
        {activeOrgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </select>
      <FieldMessage id="user-org" error={err('organisationId')} />

      <fieldset aria-describedby={err('roles') ? 'user-roles-error' : undefined}>
        <legend>{t('admin.users.roles')} <span class="required">{t('admin.form.required')}</span></legend>
        {ROLE_ORDER.map((r) => {
          const locked = !mayGrantRole(actor, r);
          return (
            <div class="check" key={r}>
              <input type="checkbox" id={`user-role-${r}`} checked={roles.includes(r)} disabled={locked}
                aria-invalid={err('roles') ? 'true' : undefined} aria-describedby={locked ? `user-role-${r}-hint` : undefined}
                onChange={(e) => setRoles(toggle(roles, r, e.currentTarget.checked))} />
              <label for={`user-role-${r}`}>{t(`common.roles.${r}`)}</label>
            </div>
          );
        })}
        {!mayManageAdmins && <p id="user-role-admin-hint" class="hint muted">{t('admin.users.adminRoleLocked')}</p>}
        {!mayGrantRole(actor, 'coordinator') && <p id="user-role-coordinator-hint" class="hint muted">{t('admin.users.coordinatorRoleLocked')}</p>}
        {err('roles') && <p id="user-roles-error" class="field-error">{err('roles')}</p>}
      </fieldset>

      {user && user.id !== me.user.id && <AccountActions user={user} onAnnounce={onAnnounce} />}

      {user && (
        <div class="check">
          <input type="checkbox" {...controlProps('user-active', err('active'))} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <label for="user-active">{t('admin.users.activeLabel')}</label>
          <FieldMessage id="user-active" error={err('active')} />
        </div>
      )}

      <fieldset aria-describedby={err('municipalities') ? 'user-munis-error' : undefined}>
        <legend>{t('admin.users.extraMunicipalities')}</legend>
        {grantable.length === 0
          ? <p class="muted">{t('admin.users.noOtherMunicipalities')}</p>
          : grantable.map((m) => (
            <div class="check" key={m.id}>
              <input type="checkbox" id={`user-muni-${m.id}`} checked={grants.includes(m.id)} onChange={(e) => setGrants(toggle(grants, m.id, e.currentTarget.checked))} />
              <label for={`user-muni-${m.id}`}>{m.name} ({m.id})</label>
            </div>
          ))}
        {err('municipalities') && <p id="user-munis-error" class="field-error">{err('municipalities')}</p>}
      </fieldset>

      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>{t('app.save')}</button>
        <button type="button" onClick={() => onDone(null)}>{t('app.cancel')}</button>
      </div>
      {user && user.id !== me.user.id && <UserDataRights user={user} onErased={(name) => onDone({ ...user, name, active: false })} />}
    </form>
  );
}

/**
 * A new invitation (for a user who has never logged in) and a password reset: the server e-mails
 * the user a link; the administrator or coordinator never sees or sets the password.
 */
function AccountActions({ user, onAnnounce }: { user: User; onAnnounce: (m: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send(kind: 'invitation' | 'password-reset' | 'mfa-reset') {
    if (kind === 'password-reset' && !confirm(t('admin.users.resetConfirm', { name: user.name }))) return;
    if (kind === 'mfa-reset' && !confirm(t('admin.users.mfaResetConfirm', { name: user.name }))) return;
    setBusy(true);
    setError(null);
    try {
      await api.post<LinkSent | null>(`/api/users/${user.id}/${kind}`);
      onAnnounce(t(kind === 'invitation' ? 'admin.users.invitationSent' : kind === 'password-reset' ? 'admin.users.resetSent' : 'admin.users.mfaResetDone', { email: user.email }));
    } catch (ex) {
      setError((ex as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <fieldset>
      <legend>{t('admin.users.account')}</legend>
      <p class="hint muted">{t('admin.users.accountHint')}</p>
      {error && <p role="alert" class="field-error">{error}</p>}
      <div class="form-actions">
        {!user.lastLoginAt && <button type="button" disabled={busy || !user.active} onClick={() => send('invitation')}>{t('admin.users.resendInvitation')}</button>}
        <button type="button" disabled={busy || !user.active} onClick={() => send('password-reset')}>{t('admin.users.resetPassword')}</button>
        <button type="button" disabled={busy || !user.active} onClick={() => send('mfa-reset')}>{t('admin.users.mfaReset')}</button>
      </div>
    </fieldset>
  );
}
