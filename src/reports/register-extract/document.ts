/**
 * The register extract (GDPR art. 15) as a readable document: the account, then one table per kind
 * of record, each row one stored item. The JSON extract is the complete one; the document shows
 * every item too, with the audit details written out as text.
 */
import type { Language } from '../../core/i18n/errors.ts';
import { utcToLocal } from '../../core/time/index.ts';
import type { RegisterExtractData } from '../../db/repositories/register-extract.ts';
import type { Block, ReportDocument } from '../document/model.ts';

const L = (lang: Language, sv: string, en: string) => (lang === 'sv' ? sv : en);

/** Swedish local time, minutes, as "2026-12-04 09:15". */
const when = (d: Date | null | undefined): string => (d ? new Date(utcToLocal(new Date(d).getTime())).toISOString().slice(0, 16).replace('T', ' ') : '–');
const clip = (s: string, max = 300) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const json = (v: unknown) => clip(JSON.stringify(v ?? {}));

export function registerExtractDocument(d: RegisterExtractData, lang: Language, fileName: string): ReportDocument {
  const a = d.account;
  const t = (sv: string, en: string) => L(lang, sv, en);
  const yes = (b: boolean) => (b ? t('Ja', 'Yes') : t('Nej', 'No'));
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: t('Registerutdrag', 'Register extract') },
    { kind: 'paragraph', style: 'lead', text: t(
      `Allt som Lägesbild lagrar om ${a.name} (${a.email}), enligt artikel 15 i dataskyddsförordningen. Utdraget gjordes ${when(d.generatedAt)}; tider är svensk tid.`,
      `Everything Lägesbild stores about ${a.name} (${a.email}), under Article 15 of the GDPR. The extract was made ${when(d.generatedAt)}; times are Swedish local time.`) },
    { kind: 'keyValues', caption: t('Konto', 'Account'), items: [
      { label: t('Namn', 'Name'), value: a.name },
      { label: t('E-postadress', 'E-mail address'), value: a.email },
      { label: t('Id', 'Id'), value: a.id },
      { label: t('Roller', 'Roles'), value: a.roles.join(', ') },
      { label: t('Organisation', 'Organisation'), value: `${a.organisation.name} (${a.organisation.kind})` },
      { label: t('Hemkommun', 'Home municipality'), value: a.municipalityId },
      { label: t('Fler kommuner', 'Further municipalities'), value: a.grantedMunicipalities.join(', ') || '–' },
      { label: t('Aktivt', 'Active'), value: yes(a.active) },
      { label: t('Skapat', 'Created'), value: when(a.createdAt) },
      { label: t('Senast ändrat', 'Last changed'), value: when(a.updatedAt) },
      { label: t('Senaste inloggning', 'Last login'), value: when(a.lastLoginAt) },
      { label: t('Stängt', 'Closed'), value: when(a.deactivatedAt) },
      { label: t('Personuppgifter raderade', 'Personal data erased'), value: when(a.erasedAt) },
    ] },
    { kind: 'heading', level: 2, text: t('Rapporter', 'Reports') },
    { kind: 'table', caption: t('Rapporter som användaren har gjort', 'Reports the user made'), empty: t('Inga rapporter.', 'No reports.'),
      columns: [{ header: t('Tidpunkt', 'Time') }, { header: t('Kategori', 'Category') }, { header: t('Plats', 'Place'), width: 1.5 },
        { header: t('Beskrivning', 'Description'), width: 3 }, { header: t('Foton', 'Photos'), align: 'right', width: 0.6 }],
      rows: d.reports.map((r) => [when(r.occurredFrom), r.category, `${r.placeName ? `${r.placeName}, ` : ''}E ${Math.round(r.e)} N ${Math.round(r.n)}`, r.description ?? '–', String(r.photos)]) },
    { kind: 'heading', level: 2, text: t('Historik', 'History') },
    { kind: 'table', caption: t('Ändringar av rapporter som användaren har gjort', 'Changes to reports the user made'), empty: t('Inga ändringar.', 'No changes.'),
      columns: [{ header: t('Tidpunkt', 'Time') }, { header: t('Rapport', 'Report') }, { header: t('Åtgärd', 'Action') }, { header: t('Ändringar', 'Changes'), width: 4 }],
      rows: d.history.map((h) => [when(h.changedAt), h.incidentId.slice(0, 8), h.action, json(h.changes)]) },
    { kind: 'heading', level: 2, text: t('Granskningslogg', 'Audit log') },
    { kind: 'table', caption: t('Händelser i granskningsloggen som användaren gjorde eller som gäller användaren', 'Audit entries the user made or that concern the user'), empty: t('Inga poster.', 'No entries.'),
      columns: [{ header: t('Tidpunkt', 'Time') }, { header: t('Händelse', 'Action'), width: 1.4 }, { header: t('Av eller om', 'By or about') }, { header: t('Gäller', 'Subject') }, { header: t('Detaljer', 'Details'), width: 3 }],
      rows: d.audit.map((e) => [when(e.at), e.action, e.by ? t('av användaren', 'by the user') : t('om användaren', 'about the user'),
        e.subjectType ? `${e.subjectType} ${(e.subjectId ?? '').slice(0, 8)}` : '–', json(e.details)]) },
    { kind: 'heading', level: 2, text: t('Inloggningar som pågår', 'Open sessions') },
    { kind: 'table', caption: t('Sessioner', 'Sessions'), empty: t('Inga sessioner.', 'No sessions.'),
      columns: [{ header: t('Inloggad', 'Logged in') }, { header: t('Senast aktiv', 'Last active') }, { header: t('Upphör', 'Expires') }],
      rows: d.sessions.map((s) => [when(s.createdAt), when(s.lastSeenAt), when(s.expiresAt)]) },
    { kind: 'heading', level: 2, text: t('Meddelanden', 'Notifications') },
    { kind: 'table', caption: t('Meddelanden till användaren', 'Notifications to the user'), empty: t('Inga meddelanden.', 'No notifications.'),
      columns: [{ header: t('Skapat', 'Created') }, { header: t('Kanal', 'Channel') }, { header: t('Ämne', 'Subject'), width: 3 }, { header: t('Läst eller skickat', 'Read or sent') }],
      rows: d.notifications.map((m) => [when(m.createdAt), m.channel, m.subject, when(m.readAt ?? m.sentAt)]) },
  ];
  return {
    lang, title: t('Registerutdrag', 'Register extract'), subtitle: [a.name, when(d.generatedAt)], status: when(d.generatedAt), draft: false,
    author: 'Lägesbild', fileName, blocks,
  };
}
