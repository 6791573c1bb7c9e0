/**
 * Erasing one person's personal data: the one function behind GDPR art. 17 (POST
 * /api/users/:id/erase) and retention rule (c) (accounts closed long enough). Reports stay as data
 * about places: the incidents keep their category, time, place and counts, and their author becomes
 * "Borttagen användare …"; the person's name, address and identity numbers are taken out of what
 * they wrote.
 */
import { redactPersonalData } from '../core/privacy/index.ts';
import { pseudonymFor } from '../core/retention/rules.ts';
import type { Queryable } from '../db/engine.ts';
import { descriptionsByReporter, eraseUserRows, getErasableUser, setDescription, type ErasureCounts } from '../db/repositories/user-erasure.ts';
import { announceSessionChange } from '../db/repositories/sessions.ts';

export interface ErasureResult extends ErasureCounts {
  userId: string;
  /** Reports whose description named the person (or held a phone or identity number) and was stripped. */
  descriptions: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text without the person's e-mail address, full name, the parts of their name (whole words
 * of three letters or more, as written with a capital) and any phone or identity number.
 */
export function stripPersonFromText(text: string, person: { name: string; email: string }): string {
  let out = redactPersonalData(text).text;
  const parts = person.name.split(/\s+/).filter((p) => p.length >= 3);
  const patterns = [person.email, person.name].filter((s) => s.trim().length >= 3).map((s) => new RegExp(escapeRegExp(s.trim()), 'giu'));
  for (const p of parts) patterns.push(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(p)}(?![\\p{L}\\p{N}])`, 'gu'));
  for (const re of patterns) out = out.replace(re, '[namn borttaget]');
  return out;
}

/**
 * Erases the user's personal data inside the caller's transaction (which has called
 * allowRetentionWrites). Null when there is no such user or it was erased before: a second run
 * changes nothing.
 */
export async function erasePersonalData(tx: Queryable, userId: string, now: Date): Promise<ErasureResult | null> {
  const u = await getErasableUser(tx, userId);
  if (!u || u.erasedAt) return null;
  let descriptions = 0;
  for (const d of await descriptionsByReporter(tx, u.id)) {
    const stripped = stripPersonFromText(d.description, u);
    if (stripped !== d.description) {
      await setDescription(tx, d.municipalityId, d.id, stripped, now);
      descriptions++;
    }
  }
  const counts = await eraseUserRows(tx, u, pseudonymFor(u.id), now);
  // Its sessions are gone: every process's cache hears of it when the caller commits.
  await announceSessionChange(tx);
  return { userId: u.id, descriptions, ...counts };
}
