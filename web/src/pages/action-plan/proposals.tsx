import { useEffect, useRef, useState } from 'preact/hooks';
import type * as C from '../../../../src/contract/index.ts';
import { api, ApiError, query } from '../../api/client.ts';
import { fmt, t, tn } from '../../i18n/index.ts';
import { errorsFrom } from '../../ui/form.tsx';
import { ErrorText, useApi } from '../situation-pictures/shared.tsx';

type ActionPlan = C.Wire<C.ActionPlan>;
type Proposal = C.Wire<C.PlanProposal>;

/**
 * The problems the year's published lägesbilder prioritised, each with a button that adds it to the
 * plan's prioritised problems (its cause analysis and suggested measures with it, linked to the
 * edition). The server writes the plan; the page adds the new problem to what is being edited.
 */
export function PlanProposals({ year, municipality, plan, canEdit, onAccepted, announce }: {
  year: number;
  /** Whose plan, for a user with several municipalities. */
  municipality?: string;
  plan: ActionPlan | null;
  canEdit: boolean;
  onAccepted: (plan: ActionPlan) => void;
  announce: (m: string) => void;
}) {
  const { data, error, reload } = useApi<C.Wire<C.PlanProposalList>>(`/api/action-plans/${year}/proposals${query({ municipality })}`);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Whether a proposal is already in the plan follows the plan's problems: ask again after every save.
  const seen = useRef(plan?.rowVersion);
  useEffect(() => {
    if (seen.current !== undefined && seen.current !== plan?.rowVersion) void reload();
    seen.current = plan?.rowVersion;
  }, [plan?.rowVersion]);

  async function accept(p: Proposal) {
    setBusy(`${p.situationPictureId}:${p.problemId}`);
    setFailure(null);
    try {
      const saved = await api.post<ActionPlan>(`/api/action-plans/${year}/proposals/accept${query({ municipality })}`, { situationPictureId: p.situationPictureId, problemId: p.problemId, rowVersion: plan?.rowVersion ?? 0 });
      onAccepted(saved);
      announce(t('actionPlan.proposals.accepted', { title: p.problem.title }));
    } catch (ex) {
      setFailure(ex instanceof ApiError && ex.fields.some((f) => f.code === 'version_mismatch') ? t('actionPlan.stale') : (errorsFrom(ex).message ?? String(ex)));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="est-section card" aria-labelledby="ap-proposals-h">
      <h2 id="ap-proposals-h">{t('actionPlan.proposals.title', { year })}</h2>
      <p class="muted">{t('actionPlan.proposals.intro')}</p>
      <ErrorText error={error} />
      {failure && <p role="alert" class="error">{failure}</p>}
      {data && data.items.length === 0 && <p class="muted">{t('actionPlan.proposals.empty', { year })}</p>}
      {data && data.items.length > 0 && (
        <ul class="est-list ap-proposals">
          {data.items.map((p) => {
            const key = `${p.situationPictureId}:${p.problemId}`;
            return (
              <li key={key} data-proposal={p.problem.title}>
                <strong>{p.problem.title}</strong>
                <p class="muted">
                  {tn('actionPlan.proposals.editions', p.editions)}{' '}
                  <a href={`#/lagesbilder/${p.edition.id}`}>{p.edition.title}</a> ({fmt.date(p.edition.period.from)} – {fmt.date(p.edition.period.to)})
                </p>
                {p.problem.suggestedMeasures && <p>{t('actionPlan.proposals.measures', { measures: p.problem.suggestedMeasures })}</p>}
                {p.accepted
                  ? <p class="muted">{t('actionPlan.proposals.inPlan')}</p>
                  : canEdit && (
                    <button type="button" disabled={busy !== null} aria-describedby="ap-proposals-h" onClick={() => void accept(p)}>
                      {t('actionPlan.proposals.accept', { title: p.problem.title })}
                    </button>
                  )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
