import type { Incident } from '../../api/types.ts';
import { fmt, t, type MessageKey } from '../../i18n/index.ts';

const KNOWN_SOURCES = ['app', 'demo', 'import'];

/** Where a report came from, short (the table's "Källa" column): the import's file, the system that sent a tip, else the source by name. */
export function sourceShort(inc: Pick<Incident, 'source' | 'importFileName'> & Partial<Pick<Incident, 'sourceSystem'>>): string {
  if (inc.importFileName) return t('import.provenance.column', { file: inc.importFileName });
  if (inc.sourceSystem) return t('open311.provenance.column', { system: inc.sourceSystem });
  return KNOWN_SOURCES.includes(inc.source) ? t(`import.provenance.sources.${inc.source}` as MessageKey) : inc.source;
}

/**
 * Where a report came from, in full (the details): an imported one names its file, who ran the
 * import and when (the incident was created by it), otherwise as sourceShort.
 */
export function sourceLong(inc: Pick<Incident, 'source' | 'importFileName' | 'importedByName' | 'createdAt'> & Partial<Pick<Incident, 'sourceSystem'>>): string {
  if (inc.sourceSystem) return t('open311.provenance.tip', { system: inc.sourceSystem, when: fmt.dateTime(inc.createdAt) });
  if (!inc.importFileName) return sourceShort(inc);
  const when = fmt.dateTime(inc.createdAt);
  return inc.importedByName
    ? t('import.provenance.imported', { file: inc.importFileName, who: inc.importedByName, when })
    : t('import.provenance.importedNoWho', { file: inc.importFileName, when });
}
