/**
 * The first start in the browser (issue 13, item 2): `serve` on a database without a municipality
 * issues a one-time set-up link, and its guide sets up the municipalities, their organisations and
 * the first administrator in one transaction. There is no actor: the link's token is the authority,
 * as the command line on the server is for `municipality add` — whoever can read the server's
 * output may set it up. The token is stored only as its SHA-256 and is used up by the set-up that
 * succeeds; one that fails writes nothing and leaves the link working.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_CATEGORIES } from '../core/categories/defaults.ts';
import { DomainError, type FieldIssue } from '../core/errors/index.ts';
import type { MunicipalityName } from '../core/municipalities/codes.ts';
import { SetupRefusal } from '../core/municipalities/setup-refusal.ts';
import { checkSetupInput, type SetupInput } from '../core/setup/input.ts';
import { organisationTemplate, type TemplateKind } from '../core/setup/organisation-template.ts';
import type { Database } from '../db/engine.ts';
import { joinedTransaction } from '../db/joined-transaction.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { consumeSetupToken, deploymentIsEmpty, issueSetupToken, setupTokenUse } from '../db/repositories/setup-token.ts';
import { shippedMunicipalities } from '../setup/boundaries.ts';
import { hashToken } from './auth.ts';
import { addMunicipality, addOrganisation } from './municipality-setup.ts';
import { PASSWORD_MIN_LENGTH } from './passwords.ts';
import { createUser } from './users.ts';

export type SetupState = 'ready' | 'used' | 'done' | 'invalid';

/**
 * A new set-up token when the deployment has no municipality (replacing one not yet used, so the
 * link of the latest start is the one that works), else null: nothing to set up.
 */
export async function issueSetupLink(db: Database): Promise<string | null> {
  const token = randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    if (!(await deploymentIsEmpty(tx))) return null;
    return (await issueSetupToken(tx, hashToken(token))) ? token : null;
  });
}

/** Whether this link can set up the deployment now, and if not why. */
export async function setupState(db: Database, token: string | undefined): Promise<SetupState> {
  const use = token ? await setupTokenUse(db, hashToken(token)) : 'unknown';
  if (use === 'used') return 'used';
  if (use === 'unknown') return 'invalid';
  return (await deploymentIsEmpty(db)) ? 'ready' : 'done';
}

const REFUSAL: Record<Exclude<SetupState, 'ready'>, DomainError['code']> = { used: 'setup_token_used', done: 'setup_done', invalid: 'setup_token_invalid' };

/** Refuses (403, 410, 409) unless the link can set up the deployment now. */
async function requireReady(db: Database, token: string): Promise<void> {
  const state = await setupState(db, token);
  if (state !== 'ready') throw new DomainError(REFUSAL[state]);
}

/** SCB's 290 municipalities, to choose from. */
export async function setupMunicipalities(db: Database, token: string): Promise<MunicipalityName[]> {
  await requireReady(db, token);
  return shippedMunicipalities();
}

/** The suggested organisations, named for the chosen municipalities (the police area after the first). */
export async function setupOrganisationTemplate(db: Database, token: string, codes: readonly string[] = []): Promise<{ kinds: TemplateKind[] }> {
  await requireReady(db, token);
  const shipped = shippedMunicipalities();
  const names = codes.map((c) => shipped.find((m) => m.code === c)?.name).filter((n): n is string => !!n);
  return { kinds: organisationTemplate(names) };
}

/** The default category tree each municipality starts with, to review. */
export async function setupCategories(db: Database, token: string): Promise<Array<{ code: string; parentCode: string | null; nameSv: string; nameEn: string; colour: string }>> {
  await requireReady(db, token);
  return DEFAULT_CATEGORIES.map(({ code, parentCode, nameSv, nameEn, colour }) => ({ code, parentCode, nameSv, nameEn, colour }));
}

export interface SetupResult {
  municipalities: Array<{ id: string; name: string }>;
  organisations: Array<{ id: string; name: string }>;
  administrator: { id: string; email: string; name: string };
}

/** A refusal of the command-line services, which the checks before should have caught, at its field. */
function atField(e: unknown, field: string): never {
  if (e instanceof SetupRefusal) {
    const issue: FieldIssue | null = e.code === 'organisation_exists' ? { field: `${field}.name`, code: 'duplicate_name', params: { other: String(e.params.name ?? '') } }
      : e.code === 'unknown_municipality' ? { field, code: 'unknown_municipality', params: { code: String(e.params.code ?? '') } }
      : null;
    if (e.code === 'municipality_exists') throw new DomainError('setup_done');
    if (issue) throw new DomainError('validation_failed', [issue]);
  }
  throw e;
}

/**
 * Sets up the deployment: the municipalities from SCB's shipped boundaries with the default
 * categories, the organisations where each works, and the first administrator (of every chosen
 * municipality), in one transaction that also uses up the token. Refused, with nothing written: a
 * token that is not the live one (403) or already used (410), a deployment that has a municipality
 * (409), and input that names an unknown municipality, puts an organisation in one not chosen,
 * repeats an organisation's name, or gives a bad e-mail address, a short password or an
 * administrator's organisation not among those set up (422, every problem at its field).
 */
export async function completeSetup(db: Database, input: SetupInput & { token: string }, meta: { ip?: string } = {}): Promise<SetupResult> {
  const hash = hashToken(input.token);
  return db.transaction(async (tx) => {
    // First, so that of two set-ups sent at once the second waits here and then finds the token used.
    if (!(await consumeSetupToken(tx, hash))) {
      throw new DomainError((await setupTokenUse(tx, hash)) === 'used' ? 'setup_token_used' : 'setup_token_invalid');
    }
    if (!(await deploymentIsEmpty(tx))) throw new DomainError('setup_done');
    const plan = checkSetupInput(input, shippedMunicipalities(), PASSWORD_MIN_LENGTH);
    // The services each open a transaction; joined, they are steps of this one.
    const joined = joinedTransaction(tx, db);
    const municipalities: SetupResult['municipalities'] = [];
    for (const [i, m] of plan.municipalities.entries()) {
      const added = await addMunicipality(joined, { code: m.code }).catch((e: unknown) => atField(e, `municipalities[${i}]`));
      municipalities.push({ id: added.id, name: added.name });
    }
    const organisations: SetupResult['organisations'] = [];
    for (const [i, o] of plan.organisations.entries()) {
      const { organisation } = await addOrganisation(joined, { municipalities: o.municipalities, name: o.name, shortName: o.shortName, kind: o.kind })
        .catch((e: unknown) => atField(e, `organisations[${i}]`));
      organisations.push({ id: organisation.id, name: organisation.name });
    }
    const a = plan.administrator;
    const user = await createUser(joined, null, {
      email: a.email, name: a.name, password: a.password, roles: ['admin'], organisationId: organisations[a.organisation].id,
      // The first administrator administers every municipality set up, whichever its organisation works in.
      municipalities: municipalities.map((m) => m.id),
    }).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'validation_failed') {
        throw new DomainError('validation_failed', e.fields.map((f) => ({ ...f, field: `administrator.${f.field === 'organisationId' ? 'organisation' : f.field}` })));
      }
      throw e;
    });
    await recordAudit(tx, {
      municipalityId: municipalities[0].id, userId: null, action: 'setup.complete', subjectType: 'user', subjectId: user.id,
      details: { municipalities: municipalities.map((m) => m.id), organisations: organisations.length, ip: meta.ip },
    });
    return { municipalities, organisations, administrator: { id: user.id, email: user.email, name: user.name } };
  });
}
