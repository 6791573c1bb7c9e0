import type { ReadAgendaItem } from './agenda.ts';
import type { Language } from '../i18n/errors.ts';
import { formatDate, formatDateTime } from '../i18n/dates.ts';
import { DOMAIN_TERMS } from '../i18n/terms.ts';

/**
 * The minutes (protokoll) of an area-group meeting as HTML or Markdown, in Swedish or English: date,
 * area, participants, agenda, decisions with owner and measure, and the minutes text. Everything
 * typed by users is escaped, so a participant's name cannot inject markup into the document.
 */

export interface MinutesData {
  title: string;
  heldAt: Date;
  municipalityName: string;
  areaName: string | null;
  situationPictureTitle: string | null;
  participants: Array<{ organisationName: string; name: string | null; present: boolean }>;
  /** Already in the minutes' language (localiseAgenda). */
  agenda: ReadAgendaItem[];
  decisions: Array<{
    text: string;
    agendaItem: string | null;
    organisationName: string | null;
    due: string | null;
    measure: { title: string; typeName: string; organisationName: string; status: string; plannedEnd: string | null; placeName: string | null; areaName: string | null } | null;
  }>;
  minutes: string | null;
  lang?: Language;
}

const WORDS = {
  sv: {
    time: 'Tid', municipality: 'Kommun', area: 'Område', situationPicture: 'Lägesbild',
    participants: 'Deltagare', organisation: 'Organisation', name: 'Namn', attendance: 'Närvaro', present: 'Närvarande', absent: 'Frånvarande', noParticipants: 'Inga deltagare antecknade.',
    agenda: 'Dagordning', noAgenda: 'Ingen dagordning.',
    decisions: 'Beslut', noDecisions: 'Inga beslut.', item: 'Punkt', responsible: 'Ansvarig', due: 'Klart senast', measure: 'Åtgärd', measureResponsible: 'ansvarig', measureDue: 'klar senast',
    notes: 'Anteckningar', noNotes: 'Inga anteckningar.',
  },
  en: {
    time: 'Time', municipality: 'Municipality', area: 'Area', situationPicture: 'Situation picture',
    participants: 'Participants', organisation: 'Organisation', name: 'Name', attendance: 'Attendance', present: 'Present', absent: 'Absent', noParticipants: 'No participants recorded.',
    agenda: 'Agenda', noAgenda: 'No agenda.',
    decisions: 'Decisions', noDecisions: 'No decisions.', item: 'Item', responsible: 'Responsible', due: 'Due', measure: 'Measure', measureResponsible: 'responsible', measureDue: 'due',
    notes: 'Notes', noNotes: 'No notes.',
  },
} satisfies Record<Language, Record<string, string>>;

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** Markdown: backslash-escape the characters that would start markup, and neutralise raw HTML. */
export const escapeMd = (s: string) =>
  s.replace(/([\\`*_\[\]|~])/g, '\\$1').replace(/</g, '&lt;').replace(/^(\s*)([#>+-]|\d+\.)/gm, '$1\\$2');

function measureLine(m: NonNullable<MinutesData['decisions'][number]['measure']>, lang: Language) {
  const w = WORDS[lang];
  const status = (DOMAIN_TERMS[lang].measureStatus as Record<string, string>)[m.status]?.toLocaleLowerCase(lang) ?? m.status;
  return `${m.typeName}: ${m.title} – ${m.placeName ?? m.areaName ?? ''}, ${w.measureResponsible} ${m.organisationName}, ${status}${m.plannedEnd ? `, ${w.measureDue} ${formatDate(lang, m.plannedEnd)}` : ''}`;
}

export function minutesHtml(d: MinutesData): string {
  const e = escapeHtml, lang = d.lang ?? 'sv', w = WORDS[lang];
  const agendaTitle = new Map(d.agenda.map((a, i) => [a.id, `${i + 1}. ${a.title}`]));
  const rows = [
    `<!doctype html>`, `<html lang="${lang}"><head><meta charset="utf-8"><title>${e(d.title)}</title>`,
    `<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;line-height:1.45}th{text-align:left}td,th{padding:.2rem .6rem;border-bottom:1px solid #ccc}</style></head><body>`,
    `<h1>${e(d.title)}</h1>`,
    `<p><strong>${w.time}:</strong> ${e(formatDateTime(lang, d.heldAt))}<br><strong>${w.municipality}:</strong> ${e(d.municipalityName)}${d.areaName ? `<br><strong>${w.area}:</strong> ${e(d.areaName)}` : ''}${d.situationPictureTitle ? `<br><strong>${w.situationPicture}:</strong> ${e(d.situationPictureTitle)}` : ''}</p>`,
    `<h2>${w.participants}</h2>`,
    d.participants.length
      ? `<table><thead><tr><th>${w.organisation}</th><th>${w.name}</th><th>${w.attendance}</th></tr></thead><tbody>${d.participants.map((p) => `<tr><td>${e(p.organisationName)}</td><td>${e(p.name ?? '')}</td><td>${p.present ? w.present : w.absent}</td></tr>`).join('')}</tbody></table>`
      : `<p>${w.noParticipants}</p>`,
    `<h2>${w.agenda}</h2>`,
    d.agenda.length ? `<ol>${d.agenda.map((a) => `<li><strong>${e(a.title)}</strong>${a.detail ? `<br>${e(a.detail)}` : ''}</li>`).join('')}</ol>` : `<p>${w.noAgenda}</p>`,
    `<h2>${w.decisions}</h2>`,
    d.decisions.length
      ? `<ol>${d.decisions.map((x) => `<li>${e(x.text)}${x.agendaItem && agendaTitle.has(x.agendaItem) ? `<br><em>${w.item} ${e(agendaTitle.get(x.agendaItem)!)}</em>` : ''}${x.organisationName ? `<br>${w.responsible}: ${e(x.organisationName)}` : ''}${x.due ? `<br>${w.due}: ${e(formatDate(lang, x.due))}` : ''}${x.measure ? `<br>${w.measure}: ${e(measureLine(x.measure, lang))}` : ''}</li>`).join('')}</ol>`
      : `<p>${w.noDecisions}</p>`,
    `<h2>${w.notes}</h2>`,
    d.minutes ? d.minutes.split(/\n{2,}/).map((p) => `<p>${e(p).replace(/\n/g, '<br>')}</p>`).join('') : `<p>${w.noNotes}</p>`,
    `</body></html>`,
  ];
  return rows.join('\n');
}

export function minutesMarkdown(d: MinutesData): string {
  const m = escapeMd, lang = d.lang ?? 'sv', w = WORDS[lang];
  const agendaTitle = new Map(d.agenda.map((a, i) => [a.id, `${i + 1}. ${a.title}`]));
  const out = [`# ${m(d.title)}`, '', `- ${w.time}: ${m(formatDateTime(lang, d.heldAt))}`, `- ${w.municipality}: ${m(d.municipalityName)}`];
  if (d.areaName) out.push(`- ${w.area}: ${m(d.areaName)}`);
  if (d.situationPictureTitle) out.push(`- ${w.situationPicture}: ${m(d.situationPictureTitle)}`);
  out.push('', `## ${w.participants}`, '');
  if (d.participants.length) {
    out.push(`| ${w.organisation} | ${w.name} | ${w.attendance} |`, '| --- | --- | --- |');
    for (const p of d.participants) out.push(`| ${m(p.organisationName)} | ${m(p.name ?? '')} | ${p.present ? w.present : w.absent} |`);
  } else out.push(w.noParticipants);
  out.push('', `## ${w.agenda}`, '');
  if (d.agenda.length) d.agenda.forEach((a, i) => out.push(`${i + 1}. **${m(a.title)}**${a.detail ? `  \n   ${m(a.detail)}` : ''}`));
  else out.push(w.noAgenda);
  out.push('', `## ${w.decisions}`, '');
  if (d.decisions.length) {
    d.decisions.forEach((x, i) => {
      out.push(`${i + 1}. ${m(x.text)}`);
      if (x.agendaItem && agendaTitle.has(x.agendaItem)) out.push(`   - ${w.item}: ${m(agendaTitle.get(x.agendaItem)!)}`);
      if (x.organisationName) out.push(`   - ${w.responsible}: ${m(x.organisationName)}`);
      if (x.due) out.push(`   - ${w.due}: ${m(formatDate(lang, x.due))}`);
      if (x.measure) out.push(`   - ${w.measure}: ${m(measureLine(x.measure, lang))}`);
    });
  } else out.push(w.noDecisions);
  out.push('', `## ${w.notes}`, '', d.minutes ? m(d.minutes) : w.noNotes, '');
  return out.join('\n');
}
