import type { AgendaItem } from './agenda.ts';

/**
 * The minutes (protokoll) of an area-group meeting as HTML or Markdown: date, area, participants,
 * agenda, decisions with owner and measure, and the minutes text. Everything typed by users is
 * escaped, so a participant's name cannot inject markup into the document.
 */

export interface MinutesData {
  title: string;
  heldAt: Date;
  municipalityName: string;
  areaName: string | null;
  situationPictureTitle: string | null;
  participants: Array<{ organisationName: string; name: string | null; present: boolean }>;
  agenda: AgendaItem[];
  decisions: Array<{
    text: string;
    agendaItem: string | null;
    organisationName: string | null;
    due: string | null;
    measure: { title: string; typeName: string; organisationName: string; status: string; plannedEnd: string | null; placeName: string | null; areaName: string | null } | null;
  }>;
  minutes: string | null;
}

const STATUS_SV: Record<string, string> = { proposed: 'föreslagen', planned: 'planerad', ongoing: 'pågår', done: 'klar', cancelled: 'avbruten' };

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** Markdown: backslash-escape the characters that would start markup, and neutralise raw HTML. */
export const escapeMd = (s: string) =>
  s.replace(/([\\`*_\[\]|~])/g, '\\$1').replace(/</g, '&lt;').replace(/^(\s*)([#>+-]|\d+\.)/gm, '$1\\$2');

const when = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long', timeStyle: 'short' }).format(d);

function measureLine(m: NonNullable<MinutesData['decisions'][number]['measure']>) {
  return `${m.typeName}: ${m.title} – ${m.placeName ?? m.areaName ?? ''}, ansvarig ${m.organisationName}, ${STATUS_SV[m.status] ?? m.status}${m.plannedEnd ? `, klar senast ${m.plannedEnd}` : ''}`;
}

export function minutesHtml(d: MinutesData): string {
  const e = escapeHtml;
  const agendaTitle = new Map(d.agenda.map((a, i) => [a.id, `${i + 1}. ${a.title}`]));
  const rows = [
    `<!doctype html>`, `<html lang="sv"><head><meta charset="utf-8"><title>${e(d.title)}</title>`,
    `<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;line-height:1.45}th{text-align:left}td,th{padding:.2rem .6rem;border-bottom:1px solid #ccc}</style></head><body>`,
    `<h1>${e(d.title)}</h1>`,
    `<p><strong>Tid:</strong> ${e(when(d.heldAt))}<br><strong>Kommun:</strong> ${e(d.municipalityName)}${d.areaName ? `<br><strong>Område:</strong> ${e(d.areaName)}` : ''}${d.situationPictureTitle ? `<br><strong>Lägesbild:</strong> ${e(d.situationPictureTitle)}` : ''}</p>`,
    `<h2>Deltagare</h2>`,
    d.participants.length
      ? `<table><thead><tr><th>Organisation</th><th>Namn</th><th>Närvaro</th></tr></thead><tbody>${d.participants.map((p) => `<tr><td>${e(p.organisationName)}</td><td>${e(p.name ?? '')}</td><td>${p.present ? 'Närvarande' : 'Frånvarande'}</td></tr>`).join('')}</tbody></table>`
      : '<p>Inga deltagare antecknade.</p>',
    `<h2>Dagordning</h2>`,
    d.agenda.length ? `<ol>${d.agenda.map((a) => `<li><strong>${e(a.title)}</strong>${a.detail ? `<br>${e(a.detail)}` : ''}</li>`).join('')}</ol>` : '<p>Ingen dagordning.</p>',
    `<h2>Beslut</h2>`,
    d.decisions.length
      ? `<ol>${d.decisions.map((x) => `<li>${e(x.text)}${x.agendaItem && agendaTitle.has(x.agendaItem) ? `<br><em>Punkt ${e(agendaTitle.get(x.agendaItem)!)}</em>` : ''}${x.organisationName ? `<br>Ansvarig: ${e(x.organisationName)}` : ''}${x.due ? `<br>Klart senast: ${e(x.due)}` : ''}${x.measure ? `<br>Åtgärd: ${e(measureLine(x.measure))}` : ''}</li>`).join('')}</ol>`
      : '<p>Inga beslut.</p>',
    `<h2>Anteckningar</h2>`,
    d.minutes ? d.minutes.split(/\n{2,}/).map((p) => `<p>${e(p).replace(/\n/g, '<br>')}</p>`).join('') : '<p>Inga anteckningar.</p>',
    `</body></html>`,
  ];
  return rows.join('\n');
}

export function minutesMarkdown(d: MinutesData): string {
  const m = escapeMd;
  const agendaTitle = new Map(d.agenda.map((a, i) => [a.id, `${i + 1}. ${a.title}`]));
  const out = [`# ${m(d.title)}`, '', `- Tid: ${m(when(d.heldAt))}`, `- Kommun: ${m(d.municipalityName)}`];
  if (d.areaName) out.push(`- Område: ${m(d.areaName)}`);
  if (d.situationPictureTitle) out.push(`- Lägesbild: ${m(d.situationPictureTitle)}`);
  out.push('', '## Deltagare', '');
  if (d.participants.length) {
    out.push('| Organisation | Namn | Närvaro |', '| --- | --- | --- |');
    for (const p of d.participants) out.push(`| ${m(p.organisationName)} | ${m(p.name ?? '')} | ${p.present ? 'Närvarande' : 'Frånvarande'} |`);
  } else out.push('Inga deltagare antecknade.');
  out.push('', '## Dagordning', '');
  if (d.agenda.length) d.agenda.forEach((a, i) => out.push(`${i + 1}. **${m(a.title)}**${a.detail ? `  \n   ${m(a.detail)}` : ''}`));
  else out.push('Ingen dagordning.');
  out.push('', '## Beslut', '');
  if (d.decisions.length) {
    d.decisions.forEach((x, i) => {
      out.push(`${i + 1}. ${m(x.text)}`);
      if (x.agendaItem && agendaTitle.has(x.agendaItem)) out.push(`   - Punkt: ${m(agendaTitle.get(x.agendaItem)!)}`);
      if (x.organisationName) out.push(`   - Ansvarig: ${m(x.organisationName)}`);
      if (x.due) out.push(`   - Klart senast: ${m(x.due)}`);
      if (x.measure) out.push(`   - Åtgärd: ${m(measureLine(x.measure))}`);
    });
  } else out.push('Inga beslut.');
  out.push('', '## Anteckningar', '', d.minutes ? m(d.minutes) : 'Inga anteckningar.', '');
  return out.join('\n');
}
