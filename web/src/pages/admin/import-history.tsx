import { useState } from 'preact/hooks';
import { api } from '../../api/client.ts';
import { fmt, t, tn, type MessageKey } from '../../i18n/index.ts';
import { route } from '../../router.ts';
import { deleteErrorMessage, LoadState } from './common.tsx';
import { importHref, type ImportRecord } from './import-mapping.ts';
import { coverMunicipality } from './import-run.tsx';

/**
 * The municipality's past imports, the latest first: file, who, when, what came of it and its
 * status, with a link to its incidents and "Ångra import" (asks first; the server removes the
 * incidents and records the undo in the history and the audit log).
 */
export function ImportHistory({ items, error, reload, announce }: { items: ImportRecord[] | null; error: string | null; reload: () => Promise<void>; announce: (msg: string) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);

  async function undo(r: ImportRecord) {
    if (!confirm(tn('import.history.confirmUndo', r.incidentCount, { name: r.fileName }))) return;
    setBusy(r.id);
    setRowError(null);
    try {
      await api.post<ImportRecord>(`/api/imports/${encodeURIComponent(r.id)}/undo`);
      await reload();
      announce(t('import.history.undone', { name: r.fileName }));
      // The row's button is gone: keep the keyboard in the list.
      setTimeout(() => document.getElementById(`import-row-${r.id}`)?.focus(), 0);
    } catch (e) {
      setRowError({ id: r.id, message: deleteErrorMessage(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="import-history" aria-labelledby="import-history-title">
      <h3 id="import-history-title">{t('import.history.title')}</h3>
      <LoadState error={error} loading={!items} />
      {items && items.length === 0 && <p class="muted">{t('import.history.none')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="import-history-caption" tabIndex={0}>
          <table>
            <caption id="import-history-caption" class="visually-hidden">{t('import.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.history.file')}</th>
                <th scope="col">{t('import.history.who')}</th>
                <th scope="col">{t('import.history.when')}</th>
                <th scope="col">{t('import.history.counts')}</th>
                <th scope="col">{t('import.history.status')}</th>
                <th scope="col"><span class="visually-hidden">{t('import.history.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => {
                const when = fmt.dateTime(r.createdAt);
                return (
                  <tr key={r.id}>
                    <th scope="row" id={`import-row-${r.id}`} tabIndex={-1}>{r.fileName}</th>
                    <td>{r.createdByName ?? t('import.history.unknownUser')}</td>
                    <td>{when}</td>
                    <td>
                      {t('import.history.countsValue', { imported: fmt.number(r.rowsImported), already: fmt.number(r.rowsAlreadyImported), rejected: fmt.number(r.rowsRejected) })}
                      {r.status === 'done' && r.incidentCount !== r.rowsImported && <><br /><span class="muted small">{tn('import.history.remaining', r.incidentCount)}</span></>}
                    </td>
                    <td>
                      <span class={`badge import-status ${r.status}`}>{t(`import.history.statuses.${r.status}` as MessageKey)}</span>
                      {r.undoneAt && <><br /><span class="muted small">{r.undoneByName ? t('import.history.undoneBy', { when: fmt.dateTime(r.undoneAt), who: r.undoneByName }) : t('import.history.undoneAt', { when: fmt.dateTime(r.undoneAt) })}</span></>}
                    </td>
                    <td class="row-actions">
                      {r.incidentCount > 0 && (
                        <a href={importHref('/tabell', r, route.value.params)} onClick={() => coverMunicipality(r)} aria-label={t('import.history.incidentsNamed', { name: r.fileName, when })}>
                          {t('import.history.incidents')}
                        </a>
                      )}
                      {r.status === 'done' && (
                        <button type="button" class="danger" disabled={busy === r.id} onClick={() => undo(r)} aria-label={t('import.history.undoNamed', { name: r.fileName, when })}>
                          {t('import.history.undo')}
                        </button>
                      )}
                      {rowError?.id === r.id && <p class="field-error" role="alert">{rowError.message}</p>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
