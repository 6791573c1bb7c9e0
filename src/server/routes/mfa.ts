import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Database } from '../../services/database.ts';
import { DEFAULT_SIGN_IN, type SignInPolicy } from '../../services/auth.ts';
import { confirmTotp, disableTotp, mfaStatus, startTotp } from '../../services/mfa.ts';
import { currentSession } from '../plugins/auth.ts';
import { MfaCodeBody, MfaStatus, RecoveryCodes, TotpEnrolment, errors } from '../../contract/index.ts';

/** The user's own second factor (TOTP): its state, enrolment by QR code, confirmation, turning it off. */
export const mfaRoutes: FastifyPluginAsyncTypebox<{ db: Database; signIn?: SignInPolicy }> = async (app, opts) => {
  const { db } = opts;
  const signIn = opts.signIn ?? DEFAULT_SIGN_IN;

  app.get('/api/me/mfa', {
    schema: { tags: ['auth'], summary: 'Whether the user has a second factor, must have one, and how many recovery codes are left', response: { 200: MfaStatus, ...errors(401) } },
  }, async (req) => {
    const s = currentSession(req);
    return mfaStatus(db, s.actor, s.user, signIn);
  });

  app.post('/api/me/mfa/totp', {
    schema: {
      tags: ['auth'],
      summary: 'Start enrolling a TOTP app: a new secret, its otpauth URL and a QR code (replaces an unconfirmed one)',
      response: { 200: TotpEnrolment, ...errors(401, 403, 409) },
    },
  }, async (req) => {
    const s = currentSession(req);
    return startTotp(db, s.actor, s.user);
  });

  app.post('/api/me/mfa/totp/confirm', {
    schema: {
      tags: ['auth'],
      summary: 'Confirm the enrolment with a code from the app: turns the second factor on and returns the recovery codes (shown once)',
      body: MfaCodeBody,
      response: { 200: RecoveryCodes, ...errors(401, 403, 404, 409, 422, 429) },
    },
  }, async (req) => {
    const s = currentSession(req);
    return confirmTotp(db, s.actor, s.user, s.token, req.body.code);
  });

  app.post('/api/me/mfa/totp/disable', {
    schema: {
      tags: ['auth'],
      summary: 'Turn the second factor off, with a current code or a recovery code (refused when the role requires it)',
      body: MfaCodeBody,
      response: { 204: Type.Null(), ...errors(401, 403, 404, 409, 422, 429) },
    },
  }, async (req, reply) => {
    const s = currentSession(req);
    await disableTotp(db, s.actor, s.user, req.body.code, signIn);
    return reply.code(204).send(null);
  });
};
