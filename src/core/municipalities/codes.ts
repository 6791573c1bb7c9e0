/**
 * Finding a municipality among SCB's 290 by what someone typed: its four-digit code (1442), or its
 * name with or without å/ä/ö ("Vårgårda", "vargarda kommun"). When nothing matches, the nearest
 * codes or names, so a message can say which were probably meant. Pure.
 */

export interface MunicipalityName {
  /** SCB's kommunkod: the county's two digits and two more, e.g. 1489. */
  code: string;
  name: string;
}

export type MunicipalityLookup =
  | { found: MunicipalityName; suggestions: [] }
  | { found: null; suggestions: MunicipalityName[] };

/** How many near matches a message names. */
export const MAX_SUGGESTIONS = 5;

const fold = (s: string) => s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+kommun$/, '').replace(/[\s-]+/g, ' ');

/** Edit distance with adjacent transpositions (optimal string alignment): 1442 ↔ 1424 is 1. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The municipality a code or name stands for. Without a match, the suggestions are, for something
 * that looks like a code, the codes one digit (or one swap) away and then those of the same county
 * nearest in number; for a name, the names within two letters or starting with what was typed.
 */
export function findMunicipality(all: readonly MunicipalityName[], query: string): MunicipalityLookup {
  const q = query.trim();
  const byCode = all.find((m) => m.code === q);
  if (byCode) return { found: byCode, suggestions: [] };
  const name = fold(q);
  const byName = all.find((m) => fold(m.name) === name);
  if (byName && name) return { found: byName, suggestions: [] };

  let scored: Array<{ m: MunicipalityName; score: number }>;
  if (/^\d+$/.test(q)) {
    scored = all.map((m) => {
      const d = distance(q, m.code);
      // Same county (first two digits) but further off: ranked after the near misses, nearest number first.
      const county = q.length >= 2 && m.code.startsWith(q.slice(0, 2)) ? 10 + Math.abs(Number(m.code) - Number(q)) / 100 : Infinity;
      return { m, score: d <= 1 ? d : county };
    });
  } else {
    scored = all.map((m) => {
      const n = fold(m.name);
      const d = distance(name, n);
      return { m, score: d <= 2 ? d : name.length >= 2 && n.startsWith(name) ? 3 : Infinity };
    });
  }
  const suggestions = scored.filter((s) => Number.isFinite(s.score))
    .sort((a, b) => a.score - b.score || a.m.code.localeCompare(b.m.code))
    .slice(0, MAX_SUGGESTIONS).map((s) => s.m);
  return { found: null, suggestions };
}
