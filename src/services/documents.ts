/**
 * Makes the documents: gathers an edition (or the year's mapping, plan and measures), the offline map
 * layers and the names, builds the blocks and renders them as PDF, HTML or DOCX. Used by the HTTP
 * routes and by `lagesbild report`. Every export is audited: a document carries incident data out of
 * the system.
 */
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError } from '../core/errors/index.ts';
import { fieldMessage, type Language } from '../core/i18n/errors.ts';
import { measureType } from '../core/measures/catalogue.ts';
import { parsePeriod, periodDates, periodLabel } from '../core/situation-picture/period.ts';
import { formatDateRange } from '../core/i18n/dates.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { listCategories } from '../db/repositories/categories.ts';
import { mapLayers3006 } from '../db/repositories/map-layers.ts';
import { actionPlanDocument, type ActionPlanDocumentInput } from '../reports/action-plan/document.ts';
import { renderHtml } from '../reports/document/html.ts';
import type { ReportDocument } from '../reports/document/model.ts';
import { lagesbildDocument } from '../reports/lagesbild/document.ts';
import type { MapLayers } from '../reports/map/render.ts';
import { getActionPlan } from './action-plans.ts';
import { computeFollowUp } from './follow-up.ts';
import { listMeasures } from './measures.ts';
import { computeSituationPictureContent } from './edition-content.ts';
import { getSituationPicture } from './situation-pictures.ts';

export const LAGESBILD_FORMATS = ['pdf', 'html'] as const;
export const ACTION_PLAN_FORMATS = ['pdf', 'docx'] as const;
export type DocumentFormat = 'pdf' | 'html' | 'docx';

export interface RenderedDocument {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Reporters see återkoppling, not the full mapping: the documents are for the EST partners. */

const userIdOf = (a: Actor) => (a.userId === 'system' ? null : a.userId);
/** A measure type's name in the document's language. */
const measureTypeName = (lang: Language) => (code: string) => (lang === 'en' ? measureType(code)?.nameEn : measureType(code)?.nameSv) ?? code;

export async function render(d: ReportDocument, format: DocumentFormat): Promise<RenderedDocument> {
  // The renderers (pdfkit, docx, sharp) are loaded when a document is first asked for, not at every
  // start: they are most of what a server process loads, and most processes never render one.
  const body = format === 'pdf' ? await (await import('../reports/document/pdf.ts')).renderPdf(d)
    : format === 'docx' ? await (await import('../reports/document/docx.ts')).renderDocx(d) : Buffer.from(renderHtml(d), 'utf8');
  return { body, contentType: CONTENT_TYPES[format], fileName: `${d.fileName}.${format}` };
}

async function layersOf(db: Database, municipalityId: string): Promise<MapLayers> {
  return (await mapLayers3006(db, municipalityId)) as MapLayers;
}

/** A stored edition as a document in Swedish or English; drafts carry UTKAST (DRAFT). */
export async function situationPictureDocument(db: Database, actor: Actor, id: string, format: 'pdf' | 'html', lang: Language = 'sv'): Promise<RenderedDocument> {
  if (!can(actor, 'documents.export')) throw new DomainError('forbidden');
  const sp = await getSituationPicture(db, actor, id);
  const d = lagesbildDocument({
    title: sp.title, version: sp.version, status: sp.status, publishedAt: sp.publishedAt?.toISOString() ?? null, content: sp.content,
    narrative: sp.narrative, statusLevels: sp.statusLevels, layers: await layersOf(db, sp.municipalityId), measureTypeName: measureTypeName(lang), lang,
  });
  const out = await render(d, format);
  await recordAudit(db, { municipalityId: sp.municipalityId, userId: userIdOf(actor), action: 'document.export', subjectType: 'situation_picture', subjectId: sp.id, details: { format, lang, status: sp.status, version: sp.version } });
  return out;
}

/** A lägesbild computed now for a period, not stored (the command line's scheduled use). */
export async function liveLagesbildDocument(db: Database, actor: Actor, p: { municipalityId: string; from: string; to: string; format: 'pdf' | 'html'; lang?: Language }): Promise<RenderedDocument> {
  const lang = p.lang ?? 'sv';
  if (!can(actor, 'documents.export')) throw new DomainError('forbidden');
  const { from, to } = parsePeriod(p.from, p.to);
  const content = await computeSituationPictureContent(db, actor, { municipalityId: p.municipalityId, from, to });
  const d = lagesbildDocument({
    title: lang === 'en' ? `Situation picture ${content.municipality.name} ${formatDateRange('en', periodDates(from, to).from, periodDates(from, to).to)}` : `Lägesbild ${content.municipality.name} ${periodLabel(from, to)}`, version: 1, status: 'draft', publishedAt: null, content,
    narrative: { summary: '', problems: [] }, statusLevels: [], layers: await layersOf(db, p.municipalityId), measureTypeName: measureTypeName(lang), lang,
  });
  const out = await render(d, p.format);
  await recordAudit(db, { municipalityId: p.municipalityId, userId: userIdOf(actor), action: 'document.export', subjectType: 'situation_picture', details: { format: p.format, from: p.from, to: p.to, live: true } });
  return out;
}

/** Does a measure's time overlap the year? A measure without dates counts (it is still to be planned). */
function inYear(m: { actualStart: string | null; plannedStart: string | null; actualEnd: string | null; plannedEnd: string | null; status: string }, year: number): boolean {
  const start = m.actualStart ?? m.plannedStart;
  const end = m.actualEnd ?? m.plannedEnd;
  return (!start || start <= `${year}-12-31`) && (!end || end >= `${year}-01-01`);
}

/** The yearly "Lägesbild och åtgärdsplan" as PDF or DOCX, in Swedish or English. */
export async function actionPlanDocumentFile(db: Database, actor: Actor, year: unknown, format: 'pdf' | 'docx', municipalityId = actor.municipalityId, lang: Language = 'sv'): Promise<RenderedDocument> {
  if (!can(actor, 'documents.export')) throw new DomainError('forbidden');
  const plan = await getActionPlan(db, actor, year, municipalityId);
  // A running year is mapped up to yesterday and compared with the same dates the year before; the
  // "period before" of every figure (police events, places) is that same comparison.
  const { from, to } = parsePeriod(plan.comparison.from, plan.comparison.to);
  const base = parsePeriod(plan.comparison.compareFrom, plan.comparison.compareTo);
  const content = await computeSituationPictureContent(db, actor, { municipalityId, from, to, previous: [base.from, base.to] });
  const layers = await layersOf(db, municipalityId);
  const measures: ActionPlanDocumentInput['measures'] = [];
  for (const m of (await listMeasures(db, actor, {})).filter((x) => x.municipalityId === municipalityId && inYear(x, plan.year))) {
    try {
      measures.push({ measure: m, followUp: await computeFollowUp(db, actor, m.id, { lang }), notEvaluable: null });
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'validation_failed') throw e;
      measures.push({ measure: m, followUp: null, notEvaluable: e.fields.map((f) => fieldMessage(lang, f)).join(' ') || (lang === 'en' ? 'Cannot be evaluated yet.' : 'Kan inte utvärderas än.') });
    }
  }
  const categories = new Map((await listCategories(db, [municipalityId])).map((c) => [c.id, lang === 'en' && c.nameEn ? c.nameEn : c.nameSv]));
  const d = actionPlanDocument({
    municipality: content.municipality, year: plan.year, plan, comparison: plan.comparison, content, layers, measures, measureTypeName: measureTypeName(lang), lang,
    names: { category: (id) => categories.get(id), place: (id) => layers.places.find((p) => p.id === id)?.name, area: (id) => layers.areas.find((a) => a.id === id)?.name },
  });
  const out = await render(d, format);
  await recordAudit(db, { municipalityId, userId: userIdOf(actor), action: 'document.export', subjectType: 'action_plan', subjectId: plan.id ?? undefined, details: { format, lang, year: plan.year } });
  return out;
}
