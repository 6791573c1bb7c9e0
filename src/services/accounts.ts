/**
 * Accounts people manage themselves (issue 16 item 5): invitations by e-mail with a link to choose
 * one's own password, a reset by e-mail (asked for by the user, or sent by an administrator or
 * coordinator, who never learn the password), a password change for every user, and the e-mail
 * that tells a user someone else changed their account.
 *
 * A link carries a random token of 256 bits; only its SHA-256 is stored (account_links). It works
 * once, until it expires, and only the newest link of a user works. E-mail goes through the outbox
 * (notifications, kind 'account'), which drops the token from its copy once the message is sent.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../core/access/roles.ts';
import { mayManageAccount } from '../core/access/policy.ts';
import { DomainError, notFound } from '../core/errors/index.ts';
import type { Language } from '../core/i18n/errors.ts';
import { accountLink, accountMail, type AccountMail } from '../core/users/account-mail.ts';
import type { User } from '../core/users/types.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { countRecentResetLinks, expireAccountLinks, findAccountLink, insertAccountLink, useAccountLink, type AccountLinkPurpose } from '../db/repositories/account-links.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { queueEmails } from '../db/repositories/email-outbox.ts';
import { getOrganisation } from '../db/repositories/organisations.ts';
import { deleteMfa, hasMfa } from '../db/repositories/mfa.ts';
import { deleteOtherUserSessions, deleteUserSessions } from '../db/repositories/sessions.ts';
import { sessionsChanged } from './session-cache.ts';
import { findUserWithPassword, getUser, hasPassword, setUserPassword, userHome } from '../db/repositories/users.ts';
import { hashToken } from './auth.ts';
import { hashPassword, newPasswordIssues, verifyPassword } from './passwords.ts';

/** How long an invitation's link works: long enough for someone back from a week away. */
export const INVITATION_DAYS = 7;
/** How long a reset link works: it is asked for to be used at once. */
export const RESET_HOURS = 2;
/** At most this many reset links per user per RESET_WINDOW_MIN through the public form (no e-mail bombing). */
export const RESET_MAX_PER_WINDOW = 3;
export const RESET_WINDOW_MIN = 60;

/** Where links point and how a queued message is sent at once (the server's mailer; absent: at its next pass). */
export interface AccountLinks {
  /** PUBLIC_URL: the app's address as its users reach it. */
  publicUrl: string;
  /** Starts a mailer pass now, so a person waiting for a link does not wait for the minute's pass. */
  deliver?: () => void;
}

interface Recipient { id: string; municipalityId: string; name: string; email: string }

async function issueLink(q: Queryable, user: Recipient, purpose: AccountLinkPurpose, createdBy: string | null, links: AccountLinks): Promise<{ link: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + (purpose === 'invitation' ? INVITATION_DAYS * 24 : RESET_HOURS) * 3600_000);
  await insertAccountLink(q, { tokenHash: hashToken(token), userId: user.id, purpose, createdBy, expiresAt });
  return { link: accountLink(links.publicUrl, token), expiresAt };
}

async function queueMail(q: Queryable, user: Recipient, lang: Language, mail: AccountMail): Promise<void> {
  const { subject, body } = accountMail(lang, mail);
  await queueEmails(q, { municipalityId: user.municipalityId, kind: 'account', subject, body, subjectType: 'user', subjectId: user.id, userIds: [user.id], addresses: [] });
}

/** The actor as named in an e-mail: "Anna Andersson (Kommunledningskontoret)". */
async function actorName(q: Queryable, actor: Actor | null): Promise<string> {
  if (!actor) return 'Lägesbild';
  const u = await getUser(q, actor.userId, [actor.municipalityId]);
  return u ? `${u.name} (${u.organisationName})` : 'Lägesbild';
}

/** A user the actor may manage (administers its organisation, may grant its roles), else not found or forbidden. */
async function managedUser(db: Queryable, actor: Actor, id: string): Promise<User> {
  const user = await getUser(db, id, actor.municipalities);
  if (!user) throw notFound('user');
  const organisation = await getOrganisation(db, user.organisationId, [user.municipalityId]);
  if (!organisation || !mayManageAccount(actor, { organisation, roles: user.roles, municipalities: user.municipalities })) throw new DomainError('forbidden');
  return user;
}

/**
 * Sends a new user the invitation (inside the transaction that creates the user, so no user is
 * made without one). Swedish: nothing is known yet of the person's language.
 */
export async function sendInvitation(q: Queryable, actor: Actor | null, user: User, links: AccountLinks): Promise<{ expiresAt: Date }> {
  const { link, expiresAt } = await issueLink(q, user, 'invitation', actor?.userId ?? null, links);
  await queueMail(q, user, 'sv', { kind: 'invitation', name: user.name, organisation: user.organisationName, invitedBy: await actorName(q, actor), link, validDays: INVITATION_DAYS });
  await recordAudit(q, { municipalityId: user.municipalityId, userId: actor?.userId ?? null, action: 'user.invite', subjectType: 'user', subjectId: user.id, details: { email: user.email, expiresAt: expiresAt.toISOString() } });
  return { expiresAt };
}

/** Sends the invitation again (a new link; the old one stops working), to a user who has not yet chosen a password. */
export async function resendInvitation(db: Database, actor: Actor, id: string, links: AccountLinks): Promise<{ expiresAt: Date }> {
  const user = await managedUser(db, actor, id);
  if (!user.active) throw new DomainError('forbidden');
  if (await hasPassword(db, user.id)) throw new DomainError('invitation_accepted');
  const sent = await db.transaction(async (tx) => {
    const r = await sendInvitation(tx, actor, user, links);
    await recordAudit(tx, { municipalityId: user.municipalityId, userId: actor.userId, action: 'user.invite.resend', subjectType: 'user', subjectId: user.id });
    return r;
  });
  links.deliver?.();
  return sent;
}

/**
 * An administrator or coordinator resets someone's password: the old one stops working at once,
 * the user's sessions end, and the user gets a link to choose a new one. The actor never learns
 * or sets the password. Not one's own (that is the password change).
 */
export async function resetPasswordFor(db: Database, actor: Actor, id: string, links: AccountLinks): Promise<{ expiresAt: Date }> {
  if (id === actor.userId) throw new DomainError('forbidden');
  const user = await managedUser(db, actor, id);
  if (!user.active) throw new DomainError('forbidden');
  const by = await actorName(db, actor);
  const sent = await db.transaction(async (tx) => {
    await setUserPassword(tx, user.id, user.municipalityId, null);
    await deleteUserSessions(tx, user.id);
    const { link, expiresAt } = await issueLink(tx, user, 'reset', actor.userId, links);
    await queueMail(tx, user, 'sv', { kind: 'resetBy', name: user.name, by, link, validHours: RESET_HOURS });
    await recordAudit(tx, { municipalityId: user.municipalityId, userId: actor.userId, action: 'user.password.reset', subjectType: 'user', subjectId: user.id, details: { expiresAt: expiresAt.toISOString() } });
    return { expiresAt };
  });
  await sessionsChanged(db);
  links.deliver?.();
  return sent;
}

/**
 * An administrator or coordinator removes someone's second factor (a lost phone, no recovery codes
 * left): their TOTP and recovery codes go, their sessions end, and they are told by e-mail who did
 * it. They log in with the password next, and enrol again at once if their role requires it. Not
 * one's own (that is turning it off with a code); 409 when the user has none.
 */
export async function resetMfaFor(db: Database, actor: Actor, id: string, links: AccountLinks): Promise<void> {
  if (id === actor.userId) throw new DomainError('forbidden');
  const user = await managedUser(db, actor, id);
  if (!(await hasMfa(db, user.id))) throw new DomainError('conflict');
  await db.transaction(async (tx) => {
    await deleteMfa(tx, user.id);
    await deleteUserSessions(tx, user.id);
    await recordAudit(tx, { municipalityId: user.municipalityId, userId: actor.userId, action: 'mfa.reset', subjectType: 'user', subjectId: user.id });
    await notifyMfaReset(tx, actor, user);
  });
  await sessionsChanged(db);
  links.deliver?.();
}

/**
 * "Glömt lösenordet?": sends a reset link to the address if it is an active user's. Answers the
 * same whatever the address (the caller learns nothing of who has an account); the audit log
 * keeps the request, and for an unknown address not the typed text (people type passwords into
 * the e-mail field). At most RESET_MAX_PER_WINDOW links per user an hour.
 */
export async function requestPasswordReset(db: Database, email: string, lang: Language, meta: { ip?: string }, links: AccountLinks): Promise<void> {
  const user = await findUserWithPassword(db, email.trim());
  if (!user || !user.active) {
    await recordAudit(db, { municipalityId: null, userId: null, action: 'password.reset.request', details: { ip: meta.ip, known: false } });
    return;
  }
  const recent = await countRecentResetLinks(db, user.id, new Date(Date.now() - RESET_WINDOW_MIN * 60_000));
  await db.transaction(async (tx) => {
    const throttled = recent >= RESET_MAX_PER_WINDOW;
    if (!throttled) {
      const { link } = await issueLink(tx, user, 'reset', null, links);
      await queueMail(tx, user, lang, { kind: 'reset', name: user.name, link, validHours: RESET_HOURS });
    }
    await recordAudit(tx, { municipalityId: user.municipalityId, userId: null, action: 'password.reset.request', subjectType: 'user', subjectId: user.id, details: { ip: meta.ip, known: true, throttled } });
  });
  links.deliver?.();
}

export interface LinkInfo {
  purpose: AccountLinkPurpose;
  email: string;
  name: string;
  expiresAt: Date;
}

/** The link's state: whose and what for, or the error that says why it does not work. */
async function checkLink(q: Queryable, token: string): Promise<{ info: LinkInfo; user: User }> {
  const link = await findAccountLink(q, hashToken(token));
  if (!link) throw new DomainError('account_link_invalid');
  const home = await userHome(q, link.userId);
  const user = home ? await getUser(q, link.userId, [home]) : null;
  if (!user || !user.active) throw new DomainError('account_link_invalid');
  if (link.usedAt) throw new DomainError('account_link_used');
  if (link.expiresAt.getTime() <= Date.now()) throw new DomainError('account_link_expired');
  return { info: { purpose: link.purpose, email: user.email, name: user.name, expiresAt: link.expiresAt }, user };
}

/** What the page that opens a link shows: whose account and whether it is an invitation or a reset. */
export async function describeAccountLink(db: Database, token: string): Promise<LinkInfo> {
  return (await checkLink(db, token)).info;
}

/**
 * Sets the password from a link: once, before it expires. Ends the user's sessions and every other
 * link. The user then logs in as usual (so a second factor, where one is set, is still asked for).
 */
export async function setPasswordFromLink(db: Database, token: string, password: string, meta: { ip?: string }): Promise<{ email: string }> {
  const issues = await newPasswordIssues(password);
  const { info, user } = await checkLink(db, token);
  if (issues.length) throw new DomainError('validation_failed', issues);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    if (!(await useAccountLink(tx, hashToken(token)))) throw new DomainError('account_link_used');
    await setUserPassword(tx, user.id, user.municipalityId, passwordHash);
    await deleteUserSessions(tx, user.id);
    await expireAccountLinks(tx, user.id);
    await recordAudit(tx, { municipalityId: user.municipalityId, userId: user.id, action: info.purpose === 'invitation' ? 'user.invite.accept' : 'password.reset', subjectType: 'user', subjectId: user.id, details: { ip: meta.ip } });
  });
  await sessionsChanged(db);
  return { email: user.email };
}

/**
 * Changes the actor's own password: the current one must be given. Every other session of the
 * user ends (the one that made the change goes on), and the user is told by e-mail, so a change
 * they did not make does not go unnoticed.
 */
export async function changeOwnPassword(db: Database, actor: Actor, sessionToken: string, current: string, next: string, lang: Language, meta: { ip?: string }, links: AccountLinks): Promise<void> {
  const me = await getUser(db, actor.userId, [actor.municipalityId]);
  if (!me) throw new DomainError('unauthenticated');
  const found = await findUserWithPassword(db, me.email);
  const ok = await verifyPassword(found?.passwordHash ?? null, current);
  const issues = await newPasswordIssues(next, 'newPassword');
  if (!ok) {
    await recordAudit(db, { municipalityId: me.municipalityId, userId: me.id, action: 'password.change.failed', subjectType: 'user', subjectId: me.id, details: { ip: meta.ip } });
    issues.unshift({ field: 'currentPassword', code: 'wrong_password' });
  }
  if (issues.length) throw new DomainError('validation_failed', issues);
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await setUserPassword(tx, me.id, me.municipalityId, passwordHash);
    await deleteOtherUserSessions(tx, me.id, hashToken(sessionToken));
    await expireAccountLinks(tx, me.id);
    await queueMail(tx, me, lang, { kind: 'passwordChanged', name: me.name, at: stamp(new Date(), lang) });
    await recordAudit(tx, { municipalityId: me.municipalityId, userId: me.id, action: 'password.change', subjectType: 'user', subjectId: me.id, details: { ip: meta.ip } });
  });
  await sessionsChanged(db);
  links.deliver?.();
}

/** A time for an e-mail, in Swedish time. */
function stamp(d: Date, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(d);
}

/**
 * Tells a user by e-mail that an administrator or coordinator reset their second factor. For the
 * MFA reset (issue 16 item 4) to call in its own transaction, after it has checked with
 * `mayManageAccount` that the actor may manage the user and removed the factor; audits the notice.
 */
export async function notifyMfaReset(q: Queryable, actor: Actor, user: Pick<User, 'id' | 'municipalityId' | 'name' | 'email'>): Promise<void> {
  await queueMail(q, user, 'sv', { kind: 'mfaReset', name: user.name, by: await actorName(q, actor) });
  await recordAudit(q, { municipalityId: user.municipalityId, userId: actor.userId, action: 'user.mfa.reset.notified', subjectType: 'user', subjectId: user.id });
}
