import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, invalid, notFound } from '../core/errors/index.ts';
import type { Database, Queryable } from '../db/engine.ts';
import {
  deleteOrganisation, findOrganisationByName, getOrganisation as selectOrganisation, insertOrganisation, listOrganisations as selectOrganisations,
  organisationReferences, setOrganisationMunicipalities, updateOrganisation,
} from '../db/repositories/organisations.ts';
import type { Organisation, OrganisationKind } from '../core/organisations/types.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { targetMunicipality } from './scope.ts';
import { sessionsChanged } from './session-cache.ts';

function requireAdmin(actor: Actor) {
  if (!can(actor, 'organisations.manage')) throw new DomainError('forbidden');
}

/** The organisations working in the actor's municipalities (everyone may read them: reports name them). */
export async function listOrganisations(db: Database, actor: Actor): Promise<Organisation[]> {
  return selectOrganisations(db, actor.municipalities);
}

export async function getOrganisation(db: Database, actor: Actor, id: string): Promise<Organisation> {
  const o = await selectOrganisation(db, id, actor.municipalities);
  if (!o) throw notFound('organisation');
  return o;
}

/** Further municipalities an organisation is to work in: only the administrator's own. */
function worksIn(actor: Actor, municipalities: string[] | undefined): string[] | undefined {
  const outside = municipalities?.find((m) => !actor.municipalities.includes(m));
  if (outside) throw invalid('municipalities', 'unknown_reference', { what: `kommun ${outside}` });
  return municipalities;
}

/** An organisation the actor's municipalities administer (one that only works there as a guest is read-only). */
async function ownOrganisation(q: Queryable, actor: Actor, id: string): Promise<Organisation> {
  const o = await selectOrganisation(q, id, actor.municipalities);
  if (!o) throw notFound('organisation');
  if (!actor.municipalities.includes(o.municipalityId)) throw new DomainError('forbidden');
  return o;
}

export async function createOrganisation(db: Database, actor: Actor, input: { municipalityId?: string; municipalities?: string[]; name: string; shortName?: string | null; kind: OrganisationKind }): Promise<Organisation> {
  requireAdmin(actor);
  const municipalityId = targetMunicipality(actor, input.municipalityId);
  const municipalities = worksIn(actor, input.municipalities) ?? [];
  return db.transaction(async (tx) => {
    if (await findOrganisationByName(tx, municipalityId, input.name.trim())) throw invalid('name', 'taken');
    const o = await insertOrganisation(tx, { municipalityId, municipalities, name: input.name.trim(), shortName: input.shortName?.trim() || null, kind: input.kind });
    await recordAudit(tx, { municipalityId, userId: actor.userId, action: 'organisation.create', subjectType: 'organisation', subjectId: o.id, details: { municipalities: o.municipalities } });
    return o;
  });
}

export async function changeOrganisation(db: Database, actor: Actor, id: string, patch: { name?: string; shortName?: string | null; kind?: OrganisationKind; active?: boolean; municipalities?: string[] }): Promise<Organisation> {
  requireAdmin(actor);
  const municipalities = worksIn(actor, patch.municipalities);
  const changed = await db.transaction(async (tx) => {
    const o = await ownOrganisation(tx, actor, id);
    if (patch.name && patch.name.trim().toLowerCase() !== o.name.toLowerCase()) {
      const other = await findOrganisationByName(tx, o.municipalityId, patch.name.trim());
      if (other && other.id !== id) throw invalid('name', 'taken');
    }
    const { municipalities: _, ...fields } = patch;
    // Where it works outside the administrator's municipalities is left as it is.
    if (municipalities) await setOrganisationMunicipalities(tx, id, o.municipalityId, municipalities, actor.municipalities);
    const updated = (await updateOrganisation(tx, id, o.municipalityId, { ...fields, name: fields.name?.trim() }))!;
    await recordAudit(tx, { municipalityId: o.municipalityId, userId: actor.userId, action: 'organisation.update', subjectType: 'organisation', subjectId: id, details: patch });
    return updated;
  });
  // Its users' municipalities and the organisation's name, in every process's cached sessions too.
  await sessionsChanged(db);
  return changed;
}

/** Deletes an organisation nothing refers to; one with users or reports can only be deactivated. */
export async function removeOrganisation(db: Database, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  await db.transaction(async (tx) => {
    const o = await ownOrganisation(tx, actor, id);
    const refs = await organisationReferences(tx, id, o.municipalityId);
    if (refs > 0) throw new DomainError('conflict', [{ field: 'id', code: 'in_use', params: { count: refs } }]);
    await deleteOrganisation(tx, id, o.municipalityId);
    await recordAudit(tx, { municipalityId: o.municipalityId, userId: actor.userId, action: 'organisation.delete', subjectType: 'organisation', subjectId: id });
  });
}
