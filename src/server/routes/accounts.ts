import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../services/database.ts';
import {
  changeOwnPassword, describeAccountLink, requestPasswordReset, resendInvitation, resetMfaFor, resetPasswordFor, setPasswordFromLink, type AccountLinks,
} from '../../services/accounts.ts';
import { actor, currentSession } from '../plugins/auth.ts';
import {
  AccountLinkInfo, AccountLinkQuery, ChangePasswordBody, IdParams, LinkSent, PasswordResetRequest, SetPasswordBody, SetPasswordDone, errors,
} from '../../contract/index.ts';

/**
 * Accounts people manage themselves (issue 16 item 5). The routes without a session (the reset
 * request and the link) are rate-limited per client like the login; the reset request answers the
 * same for every address.
 */
export const accountRoutes: FastifyPluginAsyncTypebox<{ db: Database; accountLinks: AccountLinks; rateLimit: { max: number; timeWindow: number } }> = async (app, opts) => {
  const { db, accountLinks } = opts;
  const limited = { rateLimit: opts.rateLimit };

  app.post('/api/auth/password-reset', {
    config: limited,
    schema: {
      tags: ['auth'], summary: 'Ask for a link to set a new password; the same answer whether the address has an account or not',
      body: PasswordResetRequest, response: { 204: Type.Null(), ...errors(400, 413, 415, 422, 429) },
    },
  }, async (req, reply) => {
    await requestPasswordReset(db, req.body.email, req.lang, { ip: req.ip }, accountLinks);
    return reply.code(204).send(null);
  });

  app.get('/api/auth/account-link', {
    config: { rateLimit: { max: opts.rateLimit.max * 3, timeWindow: opts.rateLimit.timeWindow } },
    schema: {
      tags: ['auth'], summary: 'Whose account an invitation or reset link is for, or why it does not work (404 unknown, 410 expired or used)',
      querystring: AccountLinkQuery, response: { 200: AccountLinkInfo, ...errors(400, 404, 410, 422, 429) },
    },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return describeAccountLink(db, req.query.accountToken);
  });

  app.post('/api/auth/account-link', {
    config: limited,
    schema: {
      tags: ['auth'], summary: 'Choose a password with the link of an invitation or a reset; ends the user\'s sessions',
      body: SetPasswordBody, response: { 200: SetPasswordDone, ...errors(400, 404, 410, 413, 415, 422, 429) },
    },
  }, async (req) => setPasswordFromLink(db, req.body.accountToken, req.body.password, { ip: req.ip }));

  app.post('/api/me/password', {
    config: limited,
    schema: {
      tags: ['auth'], summary: 'Change one\'s own password (the current one is required); ends one\'s other sessions',
      body: ChangePasswordBody, response: { 204: Type.Null(), ...errors(400, 401, 403, 413, 415, 422, 429) },
    },
  }, async (req, reply) => {
    const s = currentSession(req);
    await changeOwnPassword(db, s.actor, s.token, req.body.currentPassword, req.body.newPassword, req.lang, { ip: req.ip }, accountLinks);
    return reply.code(204).send(null);
  });

  app.post('/api/users/:id/invitation', {
    schema: {
      tags: ['users'], summary: 'Send a user who has not yet chosen a password a new invitation (admin, coordinator)',
      params: IdParams, response: { 200: LinkSent, ...errors(400, 401, 403, 404, 409, 422) },
    },
  }, async (req) => resendInvitation(db, actor(req), req.params.id, accountLinks));

  app.post('/api/users/:id/password-reset', {
    schema: {
      tags: ['users'], summary: 'Reset a user\'s password: it stops working, their sessions end and they are e-mailed a link to choose a new one (admin, coordinator)',
      params: IdParams, response: { 200: LinkSent, ...errors(400, 401, 403, 404, 422) },
    },
  }, async (req) => resetPasswordFor(db, actor(req), req.params.id, accountLinks));

  app.post('/api/users/:id/mfa-reset', {
    schema: {
      tags: ['users'], summary: 'Remove a user\'s two-step verification (a lost phone): their sessions end and they are told by e-mail (admin, coordinator); 409 when they have none',
      params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => {
    await resetMfaFor(db, actor(req), req.params.id, accountLinks);
    return reply.code(204).send(null);
  });
};
