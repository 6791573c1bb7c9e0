import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SetupCategories, SetupDone, SetupStatus, SetupTemplate, Wire } from '../../../../src/contract/index.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../../src/core/organisations/types.ts';
import { api, ApiError, query } from '../../api/client.ts';
import { lang, setLang, t, tn, type MessageKey } from '../../i18n/index.ts';
import { route } from '../../router.ts';
import { bareMessage, controlProps, errorsFrom, FieldMessage, Label, LiveRegion, useAnnouncer } from '../../ui/form.tsx';
import { guideField, rowsFromTemplate, searchMunicipalities, setupBody, stepOf, STEPS, worksIn, type AdminInput, type Municipality, type OrgRow } from './guide.ts';
import '../admin/admin.css';
import './setup.css';

type State = Wire<SetupStatus>['state'];
type Category = Wire<SetupCategories>[number];
type Done = Wire<SetupDone>;

/** The server's rule for a password (src/services/passwords.ts), for the hint; the server checks it. */
const PASSWORD_MIN_LENGTH = 10;

/** Why the server refused the link, as the page that explains it. */
const REFUSED: Record<string, Exclude<State, 'ready'>> = { setup_token_used: 'used', setup_token_invalid: 'invalid', setup_done: 'done' };

/**
 * #/installera?token=…: the set-up guide of a new installation, reached without logging in through
 * the link `serve` prints on its first start. It checks the link first; a link that is used,
 * replaced or not needed any more gets a page saying so and where to log in instead.
 */
export default function SetupPage() {
  const token = route.value.params.get('token') ?? '';
  const [state, setState] = useState<State | 'checking'>('checking');
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  useEffect(() => {
    setState('checking');
    api.get<Wire<SetupStatus>>(`/api/setup/status${query({ token })}`)
      .then((s) => setState(s.state))
      .catch((e: unknown) => setFailure(errorsFrom(e).message));
  }, [token]);

  let content;
  if (done) content = <Finished done={done} />;
  else if (failure) content = <p role="alert" class="error">{failure}</p>;
  else if (state === 'checking') content = <p aria-busy="true">{t('setup.checking')}</p>;
  else if (state === 'ready') content = <Guide token={token} onDone={setDone} onRefused={setState} />;
  else content = <Refused state={state} />;

  return (
    <div class="setup">
      <div class="setup-top">
        <p class="setup-brand">{t('app.name')}</p>
        <label class="visually-hidden" for="setup-lang">{t('app.language')}</label>
        <select id="setup-lang" value={lang.value} onChange={(e) => setLang(e.currentTarget.value as 'sv' | 'en')}>
          <option value="sv">Svenska</option>
          <option value="en">English</option>
        </select>
      </div>
      {content}
    </div>
  );
}

/** A heading that takes focus when it appears: the page changed under a screen reader. */
function useFocused<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return ref;
}

function Refused({ state }: { state: Exclude<State, 'ready'> }) {
  const heading = useFocused<HTMLHeadingElement>();
  return (
    <section class="card setup-state" aria-labelledby="setup-state-title">
      <h1 id="setup-state-title" tabIndex={-1} ref={heading}>{t(`setup.states.${state}.title`)}</h1>
      <p>{t(`setup.states.${state}.text`)}</p>
      <p><a class="button primary" href="#/">{t('setup.states.login')}</a></p>
    </section>
  );
}

function Finished({ done }: { done: Done }) {
  const heading = useFocused<HTMLHeadingElement>();
  return (
    <section class="card setup-state" aria-labelledby="setup-done-title">
      <h1 id="setup-done-title" tabIndex={-1} ref={heading}>{t('setup.done.title')}</h1>
      <p>{tn('setup.done.text', done.organisations.length, { municipalities: done.municipalities.map((m) => m.name).join(', '), email: done.administrator.email })}</p>
      <p><a class="button primary" href="#/">{t('setup.done.login')}</a></p>
    </section>
  );
}

const kindLabel = (k: OrganisationKind) => t(`admin.orgKinds.${k}` as MessageKey);
const categoryName = (c: Category) => (lang.value === 'en' ? c.nameEn : c.nameSv);
/** Each step's validation: the guide's field → message. */
type Errors = Record<string, string>;

function Guide({ token, onDone, onRefused }: { token: string; onDone: (d: Done) => void; onRefused: (s: State) => void }) {
  const [step, setStep] = useState(0);
  const [all, setAll] = useState<Municipality[] | null>(null);
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<OrgRow[] | null>(null);
  // The chosen municipalities the suggestions were made for; once edited, they stay as edited.
  const [templateFor, setTemplateFor] = useState<string | null>(null);
  const [rowsEdited, setRowsEdited] = useState(false);
  // The suggestions whose fields are open for editing.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [admin, setAdmin] = useState<AdminInput>({ name: '', email: '', password: '', password2: '', organisation: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [summary, setSummary] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [msg, announce] = useAnnouncer();
  const custom = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const root = useRef<HTMLDivElement>(null);
  // Set when the step changes because of errors: focus then goes to the first of them, not the heading.
  const focusError = useRef(false);
  // The step focus was last put on: typing that clears an error must not move the focus.
  const focusedStep = useRef(0);

  const fail = (e: unknown) => setLoadError(errorsFrom(e).message);
  useEffect(() => {
    const q = query({ token });
    api.get<Municipality[]>(`/api/setup/municipalities${q}`).then(setAll).catch(fail);
    api.get<Category[]>(`/api/setup/categories${q}`).then(setCategories).catch(fail);
  }, [token]);

  useEffect(() => {
    if (focusError.current) {
      focusError.current = false;
      focusedStep.current = step;
      const target = root.current?.querySelector<HTMLElement>('[aria-invalid="true"], .focus-on-error') ?? root.current?.querySelector<HTMLElement>('.form-error');
      if (target) { target.focus(); return; }
    }
    if (focusedStep.current === step) return;
    focusedStep.current = step;
    heading.current?.focus();
  }, [step, errors]);

  /** Forgets the errors of fields the person has just changed (what the server said stays in the summary). */
  const fixed = (...fields: string[]) => setErrors((e) => (fields.some((f) => f in e) ? Object.fromEntries(Object.entries(e).filter(([f]) => !fields.includes(f))) : e));

  const byCode = useMemo(() => new Map((all ?? []).map((m) => [m.code, m])), [all]);
  const nameOf = (code: string) => byCode.get(code)?.name ?? code;
  const matches = useMemo(() => searchMunicipalities(all ?? [], search), [all, search]);
  const selected = (rows ?? []).filter((r) => r.selected);

  function showErrors(found: Errors, lines: string[] = []) {
    focusError.current = Object.keys(found).length > 0 || lines.length > 0;
    setSummary(lines);
    setErrors(found);
  }

  /** The problems of a step that can be seen without the server. */
  function check(at: number): Errors {
    const found: Errors = {};
    const name = STEPS[at];
    if (name === 'municipalities' && chosen.length === 0) found.municipalities = t('setup.municipalities.required');
    if (name === 'organisations') {
      if (selected.length === 0) found.organisations = t('setup.organisations.required');
      for (const r of selected) {
        if (!r.name.trim()) found[`org:${r.key}:name`] = t('setup.organisations.nameRequired');
        if (worksIn(r, chosen).length === 0) found[`org:${r.key}:municipalities`] = t('setup.organisations.municipalityRequired');
      }
    }
    if (name === 'administrator') {
      if (!admin.name.trim()) found['admin:name'] = t('admin.form.requiredError');
      if (!admin.email.trim()) found['admin:email'] = t('admin.form.requiredError');
      if (!admin.password) found['admin:password'] = t('admin.form.requiredError');
      else if (admin.password !== admin.password2) found['admin:password2'] = t('setup.administrator.mismatch');
      if (!selected.some((r) => r.key === admin.organisation)) found['admin:organisation'] = t('admin.form.requiredError');
    }
    return found;
  }

  async function loadTemplate() {
    const key = chosen.join(',');
    if (rowsEdited && rows) return;
    if (templateFor === key && rows) return;
    setRows(null);
    try {
      const tpl = await api.get<Wire<SetupTemplate>>(`/api/setup/organisation-template${query({ token })}${chosen.map((c) => `&municipalities=${c}`).join('')}`);
      const made = rowsFromTemplate(tpl);
      setRows(made);
      setTemplateFor(key);
      // The administrator most likely works where the coordination sits: the first department.
      setAdmin((a) => (made.some((r) => r.key === a.organisation && r.selected) ? a : { ...a, organisation: made.find((r) => r.selected)?.key ?? '' }));
    } catch (e) {
      if (!refusedBy(e)) fail(e);
    }
  }

  function go(to: number) {
    if (to > step) {
      const found = check(step);
      if (Object.keys(found).length) { showErrors(found); return; }
    }
    if (STEPS[to] === 'organisations') void loadTemplate();
    // Leaving a step forward passed its own checks; what the server said of the other steps stays until the next try.
    if (to > step) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([f]) => stepOf(f) !== step)));
    setStep(to);
    announce('');
  }

  function refusedBy(e: unknown): boolean {
    const state = e instanceof ApiError ? REFUSED[e.code] : undefined;
    if (state) onRefused(state);
    return !!state;
  }

  async function finish() {
    for (let at = 0; at < STEPS.length; at++) {
      const found = check(at);
      if (Object.keys(found).length) { showErrors(found); setStep(at); return; }
    }
    const { body, keys } = setupBody(token, chosen, rows ?? [], admin);
    setBusy(true);
    setErrors({});
    setSummary([]);
    announce(t('setup.summary.working'));
    try {
      onDone(await api.post<Done>('/api/setup', body));
    } catch (e) {
      if (refusedBy(e)) return;
      if (e instanceof ApiError && e.fields.length) {
        const found: Errors = {};
        const lines: string[] = [];
        for (const f of e.fields) {
          const field = guideField(f.field, keys);
          found[field] ??= bareMessage(f);
          const row = field.startsWith('org:') ? (rows ?? []).find((r) => field.startsWith(`org:${r.key}:`)) : undefined;
          lines.push(row ? `${row.name || t('setup.organisations.unnamed')}: ${bareMessage(f)}` : f.message);
        }
        showErrors(found, lines);
        setStep(Math.min(...Object.keys(found).map(stepOf)));
      } else {
        showErrors({}, [errorsFrom(e).message ?? t('admin.form.failed')]);
      }
    } finally {
      setBusy(false);
      announce('');
    }
  }

  const editRow = (key: string, change: Partial<OrgRow>) => {
    fixed('organisations', ...Object.keys(change).map((k) => `org:${key}:${k === 'only' ? 'municipalities' : k}`));
    setRowsEdited(true);
    setRows((rs) => (rs ?? []).map((r) => (r.key === key ? { ...r, ...change } : r)));
  };
  function addCustom() {
    custom.current += 1;
    const key = `c${custom.current}`;
    setRowsEdited(true);
    setRows((rs) => [...(rs ?? []), { key, kind: 'ovrig', name: '', shortName: '', selected: true, custom: true, only: null }]);
    setTimeout(() => document.getElementById(`org-${key}-name`)?.focus(), 0);
  }
  function toggleMunicipality(code: string, on: boolean) {
    if (on) fixed('municipalities');
    setChosen((c) => (on ? (c.includes(code) ? c : [...c, code]) : c.filter((x) => x !== code)));
    announce(t(on ? 'setup.municipalities.added' : 'setup.municipalities.removed', { name: nameOf(code) }));
  }

  const err = (field: string) => errors[field];
  const stepName = STEPS[step];
  const title = t(`setup.steps.${stepName}`);

  if (loadError) return <p role="alert" class="error">{loadError}</p>;

  return (
    <div class="setup-guide" ref={root}>
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <ol class="setup-steps" aria-label={t('setup.steps.label')}>
        {STEPS.map((s, i) => <li key={s} aria-current={i === step ? 'step' : undefined}>{t(`setup.steps.${s}`)}</li>)}
      </ol>
      <LiveRegion message={msg} />
      {summary.length > 0 && (
        <div class="form-error" role="alert" tabIndex={-1}>
          <p class="error">{t('setup.errorsTitle')}</p>
          <ul>{summary.map((line, i) => <li key={i}>{line}</li>)}</ul>
        </div>
      )}
      <section class="card setup-step" aria-labelledby="setup-step-title">
        <p class="muted setup-progress">{t('setup.steps.progress', { step: step + 1, steps: STEPS.length })}</p>
        <h2 id="setup-step-title" tabIndex={-1} ref={heading}>{title}</h2>
        {stepName === 'municipalities' && renderMunicipalities()}
        {stepName === 'organisations' && renderOrganisations()}
        {stepName === 'administrator' && renderAdministrator()}
        {stepName === 'categories' && renderCategories()}
        {stepName === 'summary' && renderSummary()}
        <div class="setup-nav">
          {step > 0 ? <button type="button" onClick={() => go(step - 1)} disabled={busy}>{t('setup.back')}</button> : <span />}
          {step < STEPS.length - 1
            ? <button type="button" class="primary" onClick={() => go(step + 1)}>{t('setup.next')}</button>
            : <button type="button" class="primary" onClick={finish} disabled={busy} aria-describedby={busy ? 'setup-working' : undefined}>{t('setup.summary.finish')}</button>}
        </div>
        {busy && <p id="setup-working" class="setup-working" role="status" aria-busy="true">{t('setup.summary.working')}</p>}
      </section>
    </div>
  );

  // Plain functions, not components: a component declared here would remount on every render and lose focus.
  function renderMunicipalities() {
    if (!all) return <p aria-busy="true">{t('app.loading')}</p>;
    return (
      <>
        <p>{t('setup.municipalities.intro')}</p>
        <h3>{t('setup.municipalities.chosen')}</h3>
        {chosen.length === 0
          ? <p class="muted">{t('setup.municipalities.noneChosen')}</p>
          : (
            <ul class="setup-chosen">
              {chosen.map((code) => (
                <li key={code}>
                  <span>{t('setup.municipalities.option', { name: nameOf(code), code })}</span>
                  <button type="button" onClick={() => toggleMunicipality(code, false)} aria-label={t('setup.municipalities.remove', { name: nameOf(code) })}>{t('app.delete')}</button>
                </li>
              ))}
            </ul>
          )}
        {err('municipalities') && <p id="setup-municipalities-error" class="field-error focus-on-error" tabIndex={-1}>{err('municipalities')}</p>}
        <Label for="setup-search">{t('setup.municipalities.search')}</Label>
        <input id="setup-search" type="search" autocomplete="off" value={search} aria-describedby="setup-search-count" onInput={(e) => setSearch(e.currentTarget.value)} />
        <p id="setup-search-count" class="muted small" aria-live="polite">{matches.length ? tn('setup.municipalities.matches', matches.length) : t('setup.municipalities.none')}</p>
        <fieldset aria-describedby={err('municipalities') ? 'setup-municipalities-error' : undefined}>
          <legend>{t('setup.municipalities.list')}</legend>
          <ul class="setup-municipality-list">
            {matches.map((m) => (
              <li key={m.code} class="check">
                <input type="checkbox" id={`setup-m-${m.code}`} checked={chosen.includes(m.code)} onChange={(e) => toggleMunicipality(m.code, e.currentTarget.checked)} />
                <label for={`setup-m-${m.code}`}>{t('setup.municipalities.option', { name: m.name, code: m.code })}</label>
              </li>
            ))}
          </ul>
        </fieldset>
      </>
    );
  }

  function renderRow(r: OrgRow) {
    const id = `org-${r.key}`;
    const name = r.name.trim() || t('setup.organisations.unnamed');
    const nameErr = err(`org:${r.key}:name`), shortErr = err(`org:${r.key}:shortName`), kindErr = err(`org:${r.key}:kind`), munErr = err(`org:${r.key}:municipalities`);
    // A suggestion shows its fields when asked to, or when something in them is wrong; one's own always.
    const shown = r.selected && (r.custom || open.has(r.key) || !!(nameErr || shortErr || kindErr || munErr));
    const facts = [r.shortName.trim(), chosen.length > 1 ? worksIn(r, chosen).map(nameOf).join(', ') : ''].filter(Boolean).join(' · ');
    return (
      <li key={r.key} class="setup-org">
        {!r.custom && (
          <div class="check setup-org-head">
            <input type="checkbox" id={`${id}-sel`} checked={r.selected} onChange={(e) => {
              editRow(r.key, { selected: e.currentTarget.checked });
              if (!e.currentTarget.checked && admin.organisation === r.key) setAdmin((a) => ({ ...a, organisation: '' }));
            }} />
            <label for={`${id}-sel`}>{name}{facts && <span class="muted"> ({facts})</span>}</label>
            {r.selected && (
              <button type="button" class="setup-change" aria-expanded={shown} aria-controls={`${id}-details`} aria-label={t('setup.organisations.editNamed', { name })}
                onClick={() => setOpen((o) => { const n = new Set(o); if (n.has(r.key)) n.delete(r.key); else n.add(r.key); return n; })}>{t('setup.change')}</button>
            )}
          </div>
        )}
        {shown && (
          <fieldset class="setup-org-details" id={`${id}-details`}>
            <legend class={r.custom ? undefined : 'visually-hidden'}>{r.custom ? name : t('setup.organisations.details', { name })}</legend>
            <div class="form-row">
              <div>
                <Label for={`${id}-name`} required>{t('setup.organisations.name')}</Label>
                <input {...controlProps(`${id}-name`, nameErr)} value={r.name} maxLength={200} onInput={(e) => editRow(r.key, { name: e.currentTarget.value })} />
                <FieldMessage id={`${id}-name`} error={nameErr} />
              </div>
              <div>
                <Label for={`${id}-short`}>{t('setup.organisations.shortName')}</Label>
                <input {...controlProps(`${id}-short`, shortErr)} value={r.shortName} maxLength={50} onInput={(e) => editRow(r.key, { shortName: e.currentTarget.value })} />
                <FieldMessage id={`${id}-short`} error={shortErr} />
              </div>
            </div>
            {r.custom && (
              <>
                <Label for={`${id}-kind`} required>{t('setup.organisations.kind')}</Label>
                <select {...controlProps(`${id}-kind`, kindErr)} value={r.kind} onChange={(e) => editRow(r.key, { kind: e.currentTarget.value as OrganisationKind })}>
                  {ORGANISATION_KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
                </select>
                <FieldMessage id={`${id}-kind`} error={kindErr} />
              </>
            )}
            {chosen.length > 1 && (
              <fieldset class="setup-works-in" aria-describedby={munErr ? `${id}-mun-error` : undefined}>
                <legend>{t('setup.organisations.worksIn')}</legend>
                {chosen.map((code, i) => (
                  <div key={code} class="check inline">
                    <input type="checkbox" id={`${id}-m-${code}`} aria-invalid={munErr && i === 0 ? 'true' : undefined} checked={worksIn(r, chosen).includes(code)}
                      onChange={(e) => {
                        const now = worksIn(r, chosen).filter((c) => c !== code).concat(e.currentTarget.checked ? [code] : []);
                        editRow(r.key, { only: chosen.filter((c) => now.includes(c)) });
                      }} />
                    <label for={`${id}-m-${code}`}>{nameOf(code)}</label>
                  </div>
                ))}
                {munErr && <p id={`${id}-mun-error`} class="field-error">{munErr}</p>}
              </fieldset>
            )}
            {chosen.length <= 1 && munErr && <p class="field-error">{munErr}</p>}
            {r.custom && (
              <button type="button" class="danger" onClick={() => { setRows((rs) => (rs ?? []).filter((x) => x.key !== r.key)); if (admin.organisation === r.key) setAdmin((a) => ({ ...a, organisation: '' })); }}
                aria-label={t('setup.organisations.removeCustom', { name })}>{t('app.delete')}</button>
            )}
          </fieldset>
        )}
      </li>
    );
  }

  function renderOrganisations() {
    if (!rows) return <p aria-busy="true">{t('setup.organisations.loading')}</p>;
    const kinds = ORGANISATION_KINDS.filter((k) => rows.some((r) => !r.custom && r.kind === k));
    const own = rows.filter((r) => r.custom);
    return (
      <>
        <p>{t('setup.organisations.intro')}</p>
        {err('organisations') && <p class="field-error focus-on-error" tabIndex={-1}>{err('organisations')}</p>}
        {kinds.map((k) => (
          <fieldset key={k} class="setup-kind">
            <legend>{t(`setup.organisations.kinds.${k}`)}</legend>
            <ul class="setup-orgs">{rows.filter((r) => !r.custom && r.kind === k).map(renderRow)}</ul>
          </fieldset>
        ))}
        <fieldset class="setup-kind">
          <legend>{t('setup.organisations.custom')}</legend>
          {own.length > 0 && <ul class="setup-orgs">{own.map(renderRow)}</ul>}
          <button type="button" onClick={addCustom}>{t('setup.organisations.addCustom')}</button>
        </fieldset>
        <p class="muted" aria-live="polite">{tn('setup.organisations.selectedCount', selected.length)}</p>
      </>
    );
  }

  function renderAdministrator() {
    const set = (k: keyof AdminInput) => (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) => {
      fixed(`admin:${k}`);
      setAdmin((a) => ({ ...a, [k]: e.currentTarget.value }));
    };
    const f = (k: string) => err(`admin:${k}`);
    return (
      <>
        <p>{t('setup.administrator.intro')}</p>
        <Label for="setup-admin-name" required>{t('setup.administrator.name')}</Label>
        <input {...controlProps('setup-admin-name', f('name'))} autocomplete="name" value={admin.name} maxLength={200} onInput={set('name')} />
        <FieldMessage id="setup-admin-name" error={f('name')} />
        <Label for="setup-admin-email" required>{t('setup.administrator.email')}</Label>
        <input {...controlProps('setup-admin-email', f('email'))} type="email" autocomplete="username" value={admin.email} maxLength={254} onInput={set('email')} />
        <FieldMessage id="setup-admin-email" error={f('email')} />
        <Label for="setup-admin-password" required>{t('setup.administrator.password')}</Label>
        <input {...controlProps('setup-admin-password', f('password'), true)} type="password" autocomplete="new-password" value={admin.password} maxLength={200} onInput={set('password')} />
        <FieldMessage id="setup-admin-password" error={f('password')} hint={t('setup.administrator.passwordHint', { min: PASSWORD_MIN_LENGTH })} />
        <Label for="setup-admin-password2" required>{t('setup.administrator.password2')}</Label>
        <input {...controlProps('setup-admin-password2', f('password2'))} type="password" autocomplete="new-password" value={admin.password2} maxLength={200} onInput={set('password2')} />
        <FieldMessage id="setup-admin-password2" error={f('password2')} />
        <Label for="setup-admin-organisation" required>{t('setup.administrator.organisation')}</Label>
        <select {...controlProps('setup-admin-organisation', f('organisation'), true)} value={admin.organisation} onChange={set('organisation')}>
          <option value="">{t('admin.form.choose')}</option>
          {selected.map((r) => <option key={r.key} value={r.key}>{r.name.trim() || t('setup.organisations.unnamed')}</option>)}
        </select>
        <FieldMessage id="setup-admin-organisation" error={f('organisation')} hint={t('setup.administrator.organisationHint')} />
      </>
    );
  }

  function renderCategoryLevel(parent: string | null, list: Category[]) {
    const level = list.filter((c) => c.parentCode === parent);
    if (!level.length) return null;
    return (
      <ul class={parent ? 'cat-children' : 'cat-tree'} aria-label={parent ? undefined : t('setup.categories.list')}>
        {level.map((c) => (
          <li key={c.code}>
            <div class="cat-row"><span class="swatch" style={{ background: c.colour }} aria-hidden="true" /><span>{categoryName(c)}</span></div>
            {renderCategoryLevel(c.code, list)}
          </li>
        ))}
      </ul>
    );
  }

  function renderCategories() {
    return (
      <>
        <p>{t('setup.categories.intro')}</p>
        {categories ? renderCategoryLevel(null, categories) : <p aria-busy="true">{t('app.loading')}</p>}
      </>
    );
  }

  function renderSummary() {
    const adminOrg = selected.find((r) => r.key === admin.organisation);
    const change = (to: number) => (
      <button type="button" class="setup-change" onClick={() => go(to)} aria-label={t('setup.changeStep', { step: t(`setup.steps.${STEPS[to]}`) })}>{t('setup.change')}</button>
    );
    return (
      <>
        <p>{t('setup.summary.intro')}</p>
        <dl class="md-fields setup-summary">
          <dt>{t('setup.summary.municipalities')}</dt>
          <dd>{chosen.map((c) => t('setup.municipalities.option', { name: nameOf(c), code: c })).join(', ')} {change(0)}</dd>
          <dt>{t('setup.summary.organisations')}</dt>
          <dd>
            <ul class="setup-summary-orgs">
              {selected.map((r) => (
                <li key={r.key}>
                  {r.name.trim()}{r.shortName.trim() ? ` (${r.shortName.trim()})` : ''}, {kindLabel(r.kind).toLocaleLowerCase(lang.value)}
                  {chosen.length > 1 && `, ${t('setup.summary.worksIn', { municipalities: worksIn(r, chosen).map(nameOf).join(', ') })}`}
                </li>
              ))}
            </ul>
            {change(1)}
          </dd>
          <dt>{t('setup.summary.administrator')}</dt>
          <dd>{t('setup.summary.adminValue', { name: admin.name.trim(), email: admin.email.trim(), organisation: adminOrg?.name.trim() ?? '' })} {change(2)}</dd>
          <dt>{t('setup.summary.categories')}</dt>
          <dd>{tn('setup.summary.categoriesValue', categories?.length ?? 0)} {change(3)}</dd>
        </dl>
      </>
    );
  }
}
