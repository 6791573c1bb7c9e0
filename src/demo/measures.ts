import type { DemoTrend } from '../core/demo/generate.ts';
import { addDays, stockholmDay } from '../core/measures/follow-up.ts';
import { measureIssues, type MeasureInput } from '../core/measures/rules.ts';
import type { Database } from '../db/engine.ts';
import { insertMeasure, measureAtPlaceExists } from '../db/repositories/measures.ts';
import { listPlaces } from '../db/repositories/places.ts';

/**
 * Measures for the demo, matching what the generator built into the incidents: a done measure at
 * each place that got better, starting the day it got better (so the follow-up shows the effect),
 * and open ones at the places that got worse (one ongoing, one overdue). Idempotent: a measure with
 * the same title at the same place is not added twice.
 */
export async function seedDemoMeasures(db: Database, o: { municipalityId: string; trends: DemoTrend[]; organisations: Map<string, string>; end: Date }): Promise<number> {
  const end = stockholmDay(o.end);
  const org = (name: string) => o.organisations.get(name) ?? o.organisations.get('Kommunledningskontoret')!;
  const wanted: Array<MeasureInput & { placeName: string }> = [];
  for (const t of o.trends) {
    if (t.kind === 'improving' && t.measureDate) {
      const text = t.measure ?? 'Åtgärd';
      const guards = /vakt|kamera/i.test(text);
      const start = stockholmDay(t.measureDate);
      wanted.push({
        placeName: t.placeName, type: guards ? 'kamera' : /belysning/i.test(text) ? 'belysning' : 'ovrigt', term: 'long', title: text,
        problem: `Många händelser vid ${t.placeName}`, organisationId: org(guards ? 'Bevakningsföretaget (kommunens väktarbolag)' : 'AB Alingsåshem'),
        status: 'done', plannedStart: start, plannedEnd: addDays(start, 14), actualStart: start, actualEnd: addDays(start, 14),
        costSek: guards ? 480_000 : 350_000, notes: 'Demo: generatorn minskar händelserna här från startdagen.',
      });
    }
  }
  const worse = o.trends.filter((t) => t.kind === 'worsening');
  if (worse[0]) {
    wanted.push({
      placeName: worse[0].placeName, type: 'faltarbete', term: 'long', title: `Fältarbetare kvällstid vid ${worse[0].placeName}`,
      problem: worse[0].description ?? null, organisationId: org('Socialförvaltningen'), status: 'ongoing',
      plannedStart: addDays(end, -56), actualStart: addDays(end, -56), plannedEnd: addDays(end, 60),
    });
  }
  if (worse[1]) {
    wanted.push({
      placeName: worse[1].placeName, type: 'vegetation', term: 'short', title: `Röjning av vegetation vid ${worse[1].placeName}`,
      problem: worse[1].description ?? null, organisationId: org('Samhällsbyggnadsförvaltningen'), status: 'planned',
      plannedStart: addDays(end, -40), plannedEnd: addDays(end, -7),
    });
  }
  let added = 0;
  await db.transaction(async (tx) => {
    for (const { placeName, ...m } of wanted) {
      const placeId = (await listPlaces(tx, [o.municipalityId], placeName)).find((p) => p.name === placeName)?.id;
      if (!placeId || (await measureAtPlaceExists(tx, o.municipalityId, placeId, m.title!))) continue;
      const issues = measureIssues({ ...m, placeId });
      if (issues.length) throw new Error(`demo measure ${m.title}: ${issues.map((i) => `${i.field} ${i.code}`).join(', ')}`);
      await insertMeasure(tx, {
        municipalityId: o.municipalityId, type: m.type!, term: m.term!, title: m.title!, problem: m.problem ?? null, categoryIds: [], placeId, areaId: null,
        organisationId: m.organisationId!, responsiblePerson: null, status: m.status!, plannedStart: m.plannedStart ?? null, plannedEnd: m.plannedEnd ?? null,
        actualStart: m.actualStart ?? null, actualEnd: m.actualEnd ?? null, costSek: m.costSek ?? null, notes: m.notes ?? null, followUp: {},
        meetingId: null, situationPictureId: null, createdBy: null,
      });
      added++;
    }
  });
  return added;
}
