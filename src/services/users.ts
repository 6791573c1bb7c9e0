import type { Actor, Role } from '../core/access/roles.ts';
import { administersOrganisation, can, mayGrantRole, mayManageAccount } from '../core/access/policy.ts';
import { DomainError, IssueCollector, notFound } from '../core/errors/index.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { auditRead } from './audit-read.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { getOrganisation } from '../db/repositories/organisations.ts';
import { deleteUserSessions } from '../db/repositories/sessions.ts';
import { sessionsChanged } from './session-cache.ts';
import { emailTaken, getUser as selectUser, insertUser, listUsers as selectUsers, setUserGrants, updateUser } from '../db/repositories/users.ts';
import type { User } from '../core/users/types.ts';
import { hashPassword, newPasswordIssues } from './passwords.ts';
import { isEmailAddress } from '../core/users/email.ts';
import { sendInvitation, type AccountLinks } from './accounts.ts';

export interface UserInput {
  email: string;
  name: string;
  organisationId: string;
  roles: Role[];
  /**
   * Only from the command line and the first start, which set the first administrator's password.
   * Through the API nobody types another person's password: the user is invited by e-mail.
   */
  password?: string;
  municipalities?: string[];
}

function requireUserManager(actor: Actor) {
  if (!can(actor, 'users.manage')) throw new DomainError('forbidden');
}

/** The users at home in the actor's municipalities (admin, coordinator). */
export async function listUsers(db: Database, actor: Actor): Promise<User[]> {
  requireUserManager(actor);
  const users = await selectUsers(db, actor.municipalities);
  // Names, e-mail addresses and roles of people: a read of personal data, logged.
  await auditRead(db, actor, 'users.read', { count: users.length });
  return users;
}

export async function getUser(db: Database, actor: Actor, id: string): Promise<User> {
  requireUserManager(actor);
  const u = await selectUser(db, id, actor.municipalities);
  if (!u) throw notFound('user');
  await auditRead(db, actor, 'user.read', { count: 1, subject: { type: 'user', id } });
  return u;
}

async function checkCommon(db: Database, actor: Actor | null, input: Partial<UserInput>, issues: IssueCollector, exceptId?: string) {
  if (input.email !== undefined) {
    if (!isEmailAddress(input.email)) issues.add('email', 'format', { format: 'e-postadress' });
    else if (await emailTaken(db, input.email, exceptId)) issues.add('email', 'taken');
  }
  if (input.password !== undefined) for (const i of await newPasswordIssues(input.password)) issues.add(i.field, i.code, i.params);
  if (actor && input.roles) for (const r of input.roles) if (!mayGrantRole(actor, r)) issues.add('roles', 'not_permitted');
  if (input.municipalities) {
    const known = new Set((await listMunicipalities(db)).map((m) => m.id));
    for (const m of input.municipalities) {
      if (!known.has(m)) issues.add('municipalities', 'unknown_reference', { what: `kommun ${m}` });
      else if (actor && !actor.municipalities.includes(m)) issues.add('municipalities', 'not_permitted');
    }
  }
}

/** A coordinator is made only within the granting coordinator's municipalities (issue 16 item 5). */
function checkCoordinatorReach(actor: Actor, roles: Role[], municipalities: string[], issues: IssueCollector) {
  if (roles.includes('coordinator') && !municipalities.every((m) => actor.municipalities.includes(m))) issues.add('municipalities', 'not_permitted');
}

/** Audits the roles a change hands out or takes away (a grant of rights is an event of its own in the log). */
async function auditGrant(tx: Parameters<typeof recordAudit>[0], actor: Actor | null, user: { id: string; municipalityId: string }, before: Role[], after: Role[]) {
  const granted = after.filter((r) => !before.includes(r));
  const revoked = before.filter((r) => !after.includes(r));
  if (!granted.length && !revoked.length) return;
  await recordAudit(tx, { municipalityId: user.municipalityId, userId: actor?.userId ?? null, action: 'user.roles.grant', subjectType: 'user', subjectId: user.id, details: { granted, revoked, roles: after } });
}

/**
 * Creates a user. Through the API (`actor` given) the user is invited by e-mail to choose a
 * password (`links` says where the link points), in an organisation the actor administers and with
 * roles the actor may grant. `actor` null is the command line (`lagesbild user add`) and the first
 * start, which are trusted (they run on the server with access to the database anyway) and set the
 * first administrator's password.
 */
export async function createUser(db: Database, actor: Actor | null, input: UserInput, links?: AccountLinks): Promise<User> {
  if (actor) requireUserManager(actor);
  if (actor && input.password !== undefined) throw new DomainError('forbidden');
  if (!actor && input.password === undefined) throw new DomainError('validation_failed', [{ field: 'password', code: 'required' }]);
  const issues = new IssueCollector();
  const org = await getOrganisation(db, input.organisationId, actor ? actor.municipalities : (await listMunicipalities(db)).map((m) => m.id));
  if (!org) issues.add('organisationId', 'unknown_reference', { what: 'organisationen' });
  else if (actor && !administersOrganisation(actor, org)) issues.add('organisationId', 'not_permitted');
  await checkCommon(db, actor, input, issues);
  if (actor && org) checkCoordinatorReach(actor, input.roles, [org.municipalityId, ...org.municipalities, ...(input.municipalities ?? [])], issues);
  issues.throwIfAny();
  if (actor && !links) throw new Error('createUser: an invitation needs the links settings');
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const user = await db.transaction(async (tx) => {
    const id = await insertUser(tx, { municipalityId: org!.municipalityId, organisationId: org!.id, email: input.email.trim(), name: input.name.trim(), roles: input.roles, passwordHash });
    if (input.municipalities?.length) await setUserGrants(tx, id, input.municipalities.filter((m) => m !== org!.municipalityId));
    await recordAudit(tx, { municipalityId: org!.municipalityId, userId: actor?.userId ?? null, action: 'user.create', subjectType: 'user', subjectId: id, details: { roles: input.roles, municipalities: input.municipalities ?? [] } });
    await auditGrant(tx, actor, { id, municipalityId: org!.municipalityId }, [], input.roles);
    const created = (await selectUser(tx, id, [org!.municipalityId]))!;
    if (actor) await sendInvitation(tx, actor, created, links!);
    return created;
  });
  if (actor) links!.deliver?.();
  return user;
}

export async function changeUser(db: Database, actor: Actor, id: string, patch: Partial<UserInput> & { active?: boolean }): Promise<User> {
  requireUserManager(actor);
  const existing = await selectUser(db, id, actor.municipalities);
  if (!existing) throw notFound('user');
  // Only someone who administers the user's organisation and may grant every role the user holds
  // (a coordinator may not change an administrator, an administrator not a coordinator).
  const current = await getOrganisation(db, existing.organisationId, [existing.municipalityId]);
  if (!current || !mayManageAccount(actor, { organisation: current, roles: existing.roles, municipalities: existing.municipalities })) throw new DomainError('forbidden');
  // Passwords are chosen by their owners: a reset link (POST /api/users/{id}/password-reset) instead.
  if (patch.password !== undefined) throw new DomainError('forbidden');
  const issues = new IssueCollector();
  let organisation: { id: string; municipalityId: string; municipalities: string[] } | undefined;
  if (patch.organisationId) {
    const org = await getOrganisation(db, patch.organisationId, actor.municipalities);
    if (!org) issues.add('organisationId', 'unknown_reference', { what: 'organisationen' });
    else if (!administersOrganisation(actor, org)) issues.add('organisationId', 'not_permitted');
    else organisation = { id: org.id, municipalityId: org.municipalityId, municipalities: org.municipalities };
  }
  if (id === actor.userId && patch.active === false) issues.add('active', 'not_permitted');
  await checkCommon(db, actor, patch, issues, id);
  const home = organisation?.municipalityId ?? existing.municipalityId;
  checkCoordinatorReach(actor, patch.roles ?? existing.roles, [home, ...(organisation?.municipalities ?? []), ...(patch.municipalities ?? existing.municipalities)], issues);
  issues.throwIfAny();
  const changed = await db.transaction(async (tx) => {
    await updateUser(tx, id, existing.municipalityId, { name: patch.name?.trim(), email: patch.email?.trim(), organisation, roles: patch.roles, active: patch.active });
    if (patch.municipalities) await setUserGrants(tx, id, patch.municipalities.filter((m) => m !== home));
    // Changed rights or a new address take effect at once: end the user's sessions.
    if (patch.roles || patch.email || patch.active === false || patch.municipalities || patch.organisationId) await deleteUserSessions(tx, id);
    await recordAudit(tx, { municipalityId: existing.municipalityId, userId: actor.userId, action: 'user.update', subjectType: 'user', subjectId: id, details: { ...patch } });
    if (patch.roles) await auditGrant(tx, actor, { id, municipalityId: home }, existing.roles, patch.roles);
    return (await selectUser(tx, id, [home]))!;
  });
  // The sessions this ended, or a new name, in every process's cached sessions too.
  await sessionsChanged(db);
  return changed;
}
