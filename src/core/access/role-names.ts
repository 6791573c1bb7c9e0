/**
 * Role names as people write them on the command line: the Swedish names the README and the
 * interface use (samordnare, rapportör, områdesgrupp, läsare, administratör), the same without
 * å/ä/ö (a shell or keyboard without them), and the English identifiers the API stores. Pure.
 */
import { ROLES, ROLE_NAMES, type Role } from './roles.ts';

/** Folds case, å/ä → a, ö → o and drops spaces, hyphens and underscores: "Områdes-grupp" → "omradesgrupp". */
function fold(s: string): string {
  return s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s_-]+/g, '');
}

const BY_NAME: ReadonlyMap<string, Role> = new Map(ROLES.flatMap((r): Array<[string, Role]> => [
  [fold(r), r],
  [fold(ROLE_NAMES[r].sv), r],
  [fold(ROLE_NAMES[r].en), r],
]).concat([['admin', 'admin']]));

/** Every accepted way to write a role, for messages: Swedish name first, then the stored identifier. */
export const ROLE_CHOICES: readonly string[] = ROLES.map((r) => `${ROLE_NAMES[r].sv.toLowerCase()} (${r})`);

/** The role a name stands for, or null when it names none. */
export function parseRoleName(name: string): Role | null {
  return BY_NAME.get(fold(name)) ?? null;
}

/**
 * The roles of a list such as `--role samordnare,läsare` (several arguments, each possibly
 * comma-separated), without repeats, in the order given. The names that stand for no role come back
 * in `unknown` so the caller can refuse them all at once.
 */
export function parseRoleList(values: readonly string[]): { roles: Role[]; unknown: string[] } {
  const roles: Role[] = [];
  const unknown: string[] = [];
  for (const name of values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)) {
    const role = parseRoleName(name);
    if (!role) unknown.push(name);
    else if (!roles.includes(role)) roles.push(role);
  }
  return { roles, unknown };
}
