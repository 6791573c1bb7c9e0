/**
 * The problems the year's published lägesbilder prioritised, offered to the yearly plan as proposals:
 * the coordinator accepts one and it becomes one of the plan's prioritised problems, cause analysis
 * and suggested measures included, with a link back to the edition it came from. Pure.
 */
import type { ProblemAnalysis } from '../situation-picture/content.ts';
import type { PlanPriority, PrioritySource } from './types.ts';

/** A published edition as the proposals need it; `period` in inclusive Swedish calendar days. */
export interface EditionProblems {
  id: string;
  seriesId: string;
  version: number;
  title: string;
  period: { from: string; to: string };
  publishedAt: string;
  problems: ProblemAnalysis[];
}

export interface PlanProposal {
  /** The edition and problem to accept: the newest edition that prioritised it. */
  situationPictureId: string;
  problemId: string;
  edition: { id: string; title: string; period: { from: string; to: string }; publishedAt: string };
  /** How many of the year's editions prioritised the problem (a weekly one may, week after week). */
  editions: number;
  problem: ProblemAnalysis;
  /** Whether the plan already has the problem (accepted, or written in by hand under the same title). */
  accepted: boolean;
}

/** Titles are compared as a reader would: case, spacing and surrounding blanks do not make a new problem. */
export const problemKey = (title: string) => title.toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();

/**
 * The editions that belong to a year: their period touches it and they are the newest published
 * version of their series (a correction replaces what it corrects). Newest period first.
 */
export function editionsOfYear(year: number, editions: EditionProblems[]): EditionProblems[] {
  const newest = new Map<string, EditionProblems>();
  for (const e of editions) {
    if (e.period.from > `${year}-12-31` || e.period.to < `${year}-01-01`) continue;
    const had = newest.get(e.seriesId);
    if (!had || e.version > had.version) newest.set(e.seriesId, e);
  }
  return [...newest.values()].sort((a, b) => (a.period.to === b.period.to ? (a.publishedAt < b.publishedAt ? 1 : -1) : a.period.to < b.period.to ? 1 : -1));
}

/**
 * One proposal per problem title over the year's editions, the newest edition's analysis with the
 * number of editions that prioritised it; the most persistent first, then by the newest priority.
 */
export function planProposals(year: number, editions: EditionProblems[], priorities: Array<Pick<PlanPriority, 'title' | 'source'>>): PlanProposal[] {
  const inPlan = new Set(priorities.map((p) => problemKey(p.title)));
  const sourced = new Set(priorities.flatMap((p) => (p.source ? [`${p.source.situationPictureId}:${p.source.problemId}`] : [])));
  const byKey = new Map<string, PlanProposal>();
  for (const e of editionsOfYear(year, editions)) {
    for (const problem of e.problems) {
      const key = problemKey(problem.title);
      if (!key) continue;
      const had = byKey.get(key);
      const accepted = inPlan.has(key) || sourced.has(`${e.id}:${problem.id}`);
      if (had) { had.editions++; had.accepted ||= accepted; continue; }
      byKey.set(key, {
        situationPictureId: e.id, problemId: problem.id, editions: 1, problem, accepted,
        edition: { id: e.id, title: e.title, period: e.period, publishedAt: e.publishedAt },
      });
    }
  }
  return [...byKey.values()].sort((a, b) => b.editions - a.editions || a.problem.priority - b.problem.priority || a.problem.title.localeCompare(b.problem.title, 'sv'));
}

/**
 * The plan's priority made from an edition's problem: last in the plan's order, with an id of its
 * own and the edition it came from.
 */
export function priorityFromProposal(problem: ProblemAnalysis, source: PrioritySource, priorities: PlanPriority[]): PlanPriority {
  const ids = new Set(priorities.map((p) => p.id));
  const base = `lb-${source.situationPictureId.slice(0, 8)}-${problem.id}`.slice(0, 90);
  let id = base;
  for (let k = 2; ids.has(id); k++) id = `${base}-${k}`;
  const priority = priorities.reduce((m, p) => Math.max(m, p.priority), 0) + 1;
  return { ...problem, id, priority, source };
}
