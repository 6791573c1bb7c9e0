import type { Actor, Role } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, IssueCollector, notFound } from '../core/errors/index.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { getOrganisation } from '../db/repositories/organisations.ts';
import { deleteUserSessions } from '../db/repositories/sessions.ts';
import { emailTaken, getUser as selectUser, insertUser, listUsers as selectUsers, setUserGrants, updateUser } from '../db/repositories/users.ts';
import type { User } from '../core/users/types.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { isEmailAddress } from '../core/users/email.ts';

export interface UserInput {
  email: string;
  name: string;
  organisationId: string;
  roles: Role[];
  password: string;
  municipalities?: string[];
}

function requireUserManager(actor: Actor) {
  if (!can(actor, 'users.manage')) throw new DomainError('forbidden');
}

/** The users at home in the actor's municipalities (admin, coordinator). */
export async function listUsers(db: Database, actor: Actor): Promise<User[]> {
  requireUserManager(actor);
  return selectUsers(db, actor.municipalities);
}

export async function getUser(db: Database, actor: Actor, id: string): Promise<User> {
  requireUserManager(actor);
  const u = await selectUser(db, id, actor.municipalities);
  if (!u) throw notFound('user');
  return u;
}

async function checkCommon(db: Database, actor: Actor | null, input: Partial<UserInput>, issues: IssueCollector, exceptId?: string) {
  if (input.email !== undefined) {
    if (!isEmailAddress(input.email)) issues.add('email', 'format', { format: 'e-postadress' });
    else if (await emailTaken(db, input.email, exceptId)) issues.add('email', 'taken');
  }
  if (input.password !== undefined) {
    // Too short, or among the common and breached passwords an attacker tries first.
    const problem = await passwordProblem(input.password);
    if (problem) issues.add('password', problem.code, 'params' in problem ? problem.params : undefined);
  }
  if (actor && input.roles) for (const r of input.roles) if (!can(actor, r === 'admin' ? 'users.manageAdmins' : 'users.manage')) issues.add('roles', 'not_permitted');
  if (input.municipalities) {
    const known = new Set((await listMunicipalities(db)).map((m) => m.id));
    for (const m of input.municipalities) {
      if (!known.has(m)) issues.add('municipalities', 'unknown_reference', { what: `kommun ${m}` });
      else if (actor && !actor.municipalities.includes(m)) issues.add('municipalities', 'not_permitted');
    }
  }
}

/**
 * Creates a user. `actor` null is the command line (`lagesbild user add`), which is trusted: it
 * runs on the server with access to the database anyway.
 */
export async function createUser(db: Database, actor: Actor | null, input: UserInput): Promise<User> {
  if (actor) requireUserManager(actor);
  const issues = new IssueCollector();
  const org = await getOrganisation(db, input.organisationId, actor ? actor.municipalities : (await listMunicipalities(db)).map((m) => m.id));
  if (!org) issues.add('organisationId', 'unknown_reference', { what: 'organisationen' });
  await checkCommon(db, actor, input, issues);
  issues.throwIfAny();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const id = await insertUser(tx, { municipalityId: org!.municipalityId, organisationId: org!.id, email: input.email.trim(), name: input.name.trim(), roles: input.roles, passwordHash });
    if (input.municipalities?.length) await setUserGrants(tx, id, input.municipalities.filter((m) => m !== org!.municipalityId));
    await recordAudit(tx, { municipalityId: org!.municipalityId, userId: actor?.userId ?? null, action: 'user.create', subjectType: 'user', subjectId: id, details: { roles: input.roles, municipalities: input.municipalities ?? [] } });
    return (await selectUser(tx, id, [org!.municipalityId]))!;
  });
}

export async function changeUser(db: Database, actor: Actor, id: string, patch: Partial<UserInput> & { active?: boolean }): Promise<User> {
  requireUserManager(actor);
  const existing = await selectUser(db, id, actor.municipalities);
  if (!existing) throw notFound('user');
  // A coordinator may not change an administrator (or take the role away).
  if (existing.roles.includes('admin') && !can(actor, 'users.manageAdmins')) throw new DomainError('forbidden');
  const issues = new IssueCollector();
  let organisation: { id: string; municipalityId: string } | undefined;
  if (patch.organisationId) {
    const org = await getOrganisation(db, patch.organisationId, actor.municipalities);
    if (!org) issues.add('organisationId', 'unknown_reference', { what: 'organisationen' });
    else organisation = { id: org.id, municipalityId: org.municipalityId };
  }
  if (id === actor.userId && patch.active === false) issues.add('active', 'not_permitted');
  await checkCommon(db, actor, patch, issues, id);
  issues.throwIfAny();
  const home = organisation?.municipalityId ?? existing.municipalityId;
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return db.transaction(async (tx) => {
    await updateUser(tx, id, existing.municipalityId, { name: patch.name?.trim(), email: patch.email?.trim(), organisation, roles: patch.roles, active: patch.active, passwordHash });
    if (patch.municipalities) await setUserGrants(tx, id, patch.municipalities.filter((m) => m !== home));
    // Changed rights or a new password take effect at once: end the user's other sessions.
    if (patch.roles || patch.password || patch.active === false || patch.municipalities || patch.organisationId) await deleteUserSessions(tx, id);
    const { password: _, ...logged } = patch;
    await recordAudit(tx, { municipalityId: existing.municipalityId, userId: actor.userId, action: 'user.update', subjectType: 'user', subjectId: id, details: { ...logged, passwordChanged: !!patch.password } });
    return (await selectUser(tx, id, [home]))!;
  });
}
