/**
 * The rights of data subjects (issue 16 item 13): a register extract (GDPR art. 15) as JSON or PDF,
 * for oneself or, by a coordinator or administrator, for a user whose account they manage; and the
 * erasure of a user's personal data (art. 17), which keeps their reports as data about places.
 */
import type { Actor } from '../core/access/roles.ts';
import { can, type Action } from '../core/access/policy.ts';
import { DomainError, forbidden, invalid, notFound } from '../core/errors/index.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import {
  extractAccount, extractAudit, extractHistory, extractNotifications, extractReports, extractSessions, type RegisterExtractData,
} from '../db/repositories/register-extract.ts';
import { allowRetentionWrites } from '../db/repositories/retention.ts';
import { getUser } from '../db/repositories/users.ts';
import { registerExtractDocument } from '../reports/register-extract/document.ts';
import { renderPdf } from '../reports/document/pdf.ts';
import { erasePersonalData } from './user-erasure.ts';


export interface ExtractFile { contentType: string; fileName: string; body: Buffer }

async function gather(db: Database, userId: string): Promise<RegisterExtractData> {
  const account = await extractAccount(db, userId);
  if (!account) throw notFound('user');
  return {
    generatedAt: new Date(),
    account,
    reports: await extractReports(db, userId),
    history: await extractHistory(db, userId),
    audit: await extractAudit(db, userId, account.email),
    sessions: await extractSessions(db, userId),
    notifications: await extractNotifications(db, userId, account.email),
  };
}

/**
 * A user the actor may act on for the action: at home in one of the actor's municipalities, and an
 * administrator's account only for those who may manage administrators (as changing a user).
 */
async function reachableUser(db: Database, actor: Actor, id: string, action: Action) {
  if (!can(actor, action)) throw forbidden();
  const u = await getUser(db, id, actor.municipalities);
  if (!u) throw notFound('user');
  if (u.roles.includes('admin') && !can(actor, 'users.manageAdmins')) throw forbidden();
  return u;
}

async function render(d: RegisterExtractData, format: 'json' | 'pdf', lang: 'sv' | 'en'): Promise<ExtractFile> {
  const stem = `${lang === 'sv' ? 'registerutdrag' : 'register-extract'}-${d.account.id.slice(0, 8)}-${d.generatedAt.toISOString().slice(0, 10)}`;
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', fileName: `${stem}.json`, body: Buffer.from(JSON.stringify(d, null, 2)) };
  return { contentType: 'application/pdf', fileName: `${stem}.pdf`, body: await renderPdf(registerExtractDocument(d, lang, stem)) };
}

/** The extract of a user the actor manages; audited on the user's home municipality. */
export async function registerExtractOf(db: Database, actor: Actor, userId: string, format: 'json' | 'pdf', lang: 'sv' | 'en'): Promise<ExtractFile> {
  const u = await reachableUser(db, actor, userId, 'users.registerExtract');
  const file = await render(await gather(db, u.id), format, lang);
  await recordAudit(db, { municipalityId: u.municipalityId, userId: actor.userId, action: 'user.register_extract', subjectType: 'user', subjectId: u.id, details: { format } });
  return file;
}

/** The actor's own extract. */
export async function ownRegisterExtract(db: Database, actor: Actor, format: 'json' | 'pdf', lang: 'sv' | 'en'): Promise<ExtractFile> {
  if (!can(actor, 'me.registerExtract')) throw forbidden();
  const file = await render(await gather(db, actor.userId), format, lang);
  await recordAudit(db, { municipalityId: actor.municipalityId, userId: actor.userId, action: 'user.register_extract', subjectType: 'user', subjectId: actor.userId, details: { format, own: true } });
  return file;
}

/** Erases a user's personal data (GDPR art. 17); the account is closed and pseudonymised, its reports stay. */
export async function eraseUser(db: Database, actor: Actor, userId: string) {
  if (userId === actor.userId) throw invalid('id', 'not_permitted');
  const u = await reachableUser(db, actor, userId, 'users.erase');
  const now = new Date();
  return db.transaction(async (tx) => {
    await allowRetentionWrites(tx);
    const r = await erasePersonalData(tx, u.id, now);
    if (!r) throw new DomainError('conflict');
    await recordAudit(tx, { municipalityId: u.municipalityId, userId: actor.userId, action: 'user.erase', subjectType: 'user', subjectId: u.id, details: { ...r } });
    const after = await extractAccount(tx, u.id);
    return { ...r, name: after!.name };
  });
}
