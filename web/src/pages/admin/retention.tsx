import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { fmt, t, type MessageKey } from '../../i18n/index.ts';
import { controlProps, ErrorSummary, errorsFrom, FieldMessage, fieldMessage, Label, LiveRegion, NO_ERRORS, useAnnouncer, useFocusFirstError, type FormErrors } from '../../ui/form.tsx';
import type { RetentionCounts, RetentionRulesInput, RetentionRules, RetentionRun, RetentionRunResult } from '../../../../src/contract/index.ts';

const PERIODS = [
  ['freeTextMonths', 'retention.freeTextHint'],
  ['coarsenPositionYears', 'retention.coarsenHint'],
  ['closedAccountMonths', 'retention.closedHint'],
  ['auditLogYears', 'retention.auditHint'],
] as const;
type Period = (typeof PERIODS)[number][0];

/** The rows of a result: per rule, the counts that say what was (or would be) removed. */
function CountsTable({ counts, caption }: { counts: RetentionCounts; caption: string }) {
  const rows: Array<[string, string, number]> = [];
  for (const [rule, values] of Object.entries(counts) as Array<[keyof RetentionCounts, Record<string, number>]>) {
    for (const [k, n] of Object.entries(values)) {
      if (k in { descriptions: 1, photos: 1, historyEntries: 1, incidents: 1, users: 1, auditEntries: 1, entries: 1 }) rows.push([t(`retention.rules.${rule}` as MessageKey), t(`retention.counts.${k}` as MessageKey), n]);
    }
  }
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead><tr><th scope="col">{t('retention.rule')}</th><th scope="col">{t('retention.kind')}</th><th scope="col" class="num">{t('retention.count')}</th></tr></thead>
        <tbody>{rows.map(([rule, what, n]) => <tr key={`${rule}-${what}`}><th scope="row">{rule}</th><td>{what}</td><td class="num">{fmt.number(n)}</td></tr>)}</tbody>
      </table>
    </div>
  );
}

/**
 * Lagring och gallring (coordinator): the municipality's retention rules, a dry run with its counts,
 * a run after a confirmation, and the latest runs (the scheduler's, the command line's and the web's).
 */
export default function RetentionPage() {
  const [values, setValues] = useState<Record<Period, string> & { automatic: boolean } | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RetentionRunResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [runs, setRuns] = useState<RetentionRun[] | null>(null);
  const [msg, announce] = useAnnouncer();
  const formRef = useFocusFirstError(errors);

  const show = (r: RetentionRules) => setValues({ automatic: r.automatic, freeTextMonths: String(r.freeTextMonths), coarsenPositionYears: String(r.coarsenPositionYears), closedAccountMonths: String(r.closedAccountMonths), auditLogYears: String(r.auditLogYears) });
  const loadRuns = () => api.get<RetentionRun[]>('/api/settings/retention/runs').then(setRuns).catch((e) => setErrors(errorsFrom(e)));
  useEffect(() => {
    api.get<RetentionRules>('/api/settings/retention').then(show).catch((e) => setErrors(errorsFrom(e)));
    void loadRuns();
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    if (!values) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const body: RetentionRulesInput = { automatic: values.automatic };
      for (const [f] of PERIODS) body[f] = values[f].trim() === '' ? Number.NaN : Number(values[f]);
      show(await api.put<RetentionRules>('/api/settings/retention', body));
      announce(t('retention.saved'));
    } catch (err) {
      setErrors(errorsFrom(err));
    } finally {
      setBusy(false);
    }
  }

  async function run(dryRun: boolean) {
    setBusy(true);
    setConfirming(false);
    setErrors(NO_ERRORS);
    try {
      const r = await api.post<RetentionRunResult>('/api/settings/retention/runs', { dryRun });
      setResult(r);
      announce(t(r.dryRun ? 'retention.dryRunResult' : 'retention.runResult', { at: fmt.dateTime(r.at) }));
      await loadRuns();
    } catch (err) {
      setErrors(errorsFrom(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="admin-sub-title">
      <h2 id="admin-sub-title" tabIndex={-1}>{t('retention.nav')}</h2>
      <p>{t('retention.explain')}</p>
      <LiveRegion message={msg} />
      {!values ? <p aria-busy="true">{t('app.loading')}</p> : (
        <form ref={formRef} class="card admin-form" onSubmit={save} noValidate>
          <ErrorSummary errors={errors} known={[...PERIODS.map(([f]) => f), 'automatic', 'dryRun']} />
          {PERIODS.map(([f, hint]) => (
            <div key={f}>
              <Label for={`retention-${f}`}>{t(`retention.${f}`)}</Label>
              <input type="number" inputMode="numeric" min={1} step={1} value={values[f]} onInput={(e) => setValues({ ...values, [f]: e.currentTarget.value })}
                {...controlProps(`retention-${f}`, fieldMessage(errors, f), true)} />
              <FieldMessage id={`retention-${f}`} error={fieldMessage(errors, f)} hint={t(hint)} />
            </div>
          ))}
          <div class="check">
            <input type="checkbox" {...controlProps('retention-automatic', fieldMessage(errors, 'automatic'), true)} checked={values.automatic} onChange={(e) => setValues({ ...values, automatic: e.currentTarget.checked })} />
            <label for="retention-automatic">{t('retention.automatic')}</label>
            <FieldMessage id="retention-automatic" error={fieldMessage(errors, 'automatic')} hint={t('retention.automaticHint')} />
          </div>
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy}>{t('app.save')}</button>
            <button type="button" disabled={busy} aria-describedby="retention-dry-hint" onClick={() => run(true)}>{t('retention.dryRun')}</button>
            <button type="button" disabled={busy} onClick={() => setConfirming(true)}>{t('retention.runNow')}</button>
          </div>
          <p id="retention-dry-hint" class="hint muted">{t('retention.dryRunHint')}</p>
          {confirming && (
            <div role="alertdialog" aria-labelledby="retention-confirm" class="card">
              <p id="retention-confirm">{t('retention.confirmRun')}</p>
              <button type="button" class="danger" onClick={() => run(false)}>{t('retention.confirmYes')}</button>
              <button type="button" onClick={() => setConfirming(false)}>{t('app.cancel')}</button>
            </div>
          )}
        </form>
      )}
      {busy && <p aria-busy="true">{t('retention.running')}</p>}
      {result && (
        <section aria-labelledby="retention-result">
          <h3 id="retention-result">{t('retention.resultTitle')}</h3>
          <p>{t(result.dryRun ? 'retention.dryRunResult' : 'retention.runResult', { at: fmt.dateTime(result.at) })}</p>
          <CountsTable counts={result.counts} caption={t('retention.resultTitle')} />
        </section>
      )}
      <section aria-labelledby="retention-runs">
        <h3 id="retention-runs">{t('retention.runsTitle')}</h3>
        {runs && runs.length === 0 && <p class="muted">{t('retention.runsEmpty')}</p>}
        {runs && runs.length > 0 && (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('retention.runsTitle')}</caption>
              <thead><tr><th scope="col">{t('retention.started')}</th><th scope="col">{t('retention.kind')}</th><th scope="col">{t('retention.status')}</th><th scope="col">{t('retention.summary')}</th></tr></thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.startedAt}>
                    <th scope="row">{fmt.dateTime(r.startedAt)}</th>
                    <td>{t(r.dryRun ? 'retention.kinds.dry' : 'retention.kinds.run')} ({t(`retention.triggers.${r.trigger}`)})</td>
                    <td>{t(`retention.statuses.${r.status}`)}</td>
                    <td>{r.counts ? t('retention.summaryText', {
                      texts: r.counts.freeText.descriptions, photos: r.counts.freeText.photos, positions: r.counts.coarsenPositions.incidents,
                      users: r.counts.closedAccounts.users, audit: r.counts.auditLog.entries,
                    }) : r.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
