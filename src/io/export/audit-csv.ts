/**
 * The audit log as CSV for Swedish Excel, written as the incidents' "CSV för Excel" is (excel.ts):
 * semicolons, Swedish headers, times in Europe/Stockholm, the formula guard on text, CRLF line ends
 * and a UTF-8 byte order mark (Excel reads å, ä, ö only with it).
 */
import { auditActionLabel } from '../../core/audit/actions.ts';
import type { AuditRow } from '../../db/repositories/audit-view.ts';
import { excelField } from './excel.ts';

const COLUMNS: Array<[string, (r: AuditRow) => unknown]> = [
  ['Tidpunkt', (r) => r.at],
  ['Kommunkod', (r) => r.municipalityId],
  ['Användare', (r) => r.userName ?? (r.userId ? r.userId : 'systemet')],
  ['Användar-id', (r) => r.userId],
  ['Organisation', (r) => r.organisationName],
  ['Händelse', (r) => auditActionLabel(r.action, 'sv')],
  ['Händelsekod', (r) => r.action],
  ['Gäller', (r) => r.subjectType],
  ['Gäller id', (r) => r.subjectId],
  ['Antal', (r) => (typeof r.details.count === 'number' ? r.details.count : null)],
  ['Detaljer', (r) => JSON.stringify(r.details)],
  ['Logg-id', (r) => r.id],
];

export const auditCsvHeader = () => COLUMNS.map(([h]) => excelField(h)).join(';') + '\r\n';
// An id is a count of rows, not a quantity: no decimal comma or grouping, written as text.
export const auditCsvRow = (r: AuditRow) => COLUMNS.map(([h, get]) => excelField(h === 'Logg-id' ? String(get(r)) : get(r))).join(';') + '\r\n';

/** The whole file, page after page, with its byte order mark first. */
export async function* auditCsvChunks(pages: AsyncIterable<AuditRow[]>): AsyncIterable<string> {
  yield '\uFEFF' + auditCsvHeader();
  for await (const page of pages) yield page.map(auditCsvRow).join('');
}
