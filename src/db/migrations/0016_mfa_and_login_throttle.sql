-- Two-factor authentication with TOTP, recovery codes, the pending step of a two-step login, the
-- per-account throttle after failed attempts and the absolute session lifetime (issue 16, items 4
-- and 6). Every table here belongs to a user or to an address, not to a municipality: like users and
-- sessions they are reference tables on Citus (src/db/distribution.ts), read by login before any
-- municipality is known.

-- A user's TOTP authenticator (RFC 6238). A row with enabled_at null is an enrolment under way: the
-- secret shown to the user, not yet confirmed with a code. last_time_step is the 30-second step of
-- the last code accepted: a code of that step or an earlier one is refused (no replay).
CREATE TABLE user_mfa (
  user_id         uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  totp_secret     text NOT NULL CHECK (totp_secret ~ '^[A-Z2-7]{16,128}$'),
  enabled_at      timestamptz,
  last_time_step  bigint,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Single-use recovery codes, by their SHA-256 only (a code is 59 random bits: no dictionary reaches
-- it); used_at says when one was spent. A new set replaces the old one.
CREATE TABLE user_recovery_codes (
  user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash       text NOT NULL,
  used_at         timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- A login whose password was right and whose second factor is awaited: the browser holds a random
-- token in an httpOnly cookie, the table its SHA-256, so any process of the deployment completes it.
CREATE TABLE pending_logins (
  id              text PRIMARY KEY,
  user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at      timestamptz NOT NULL
);
CREATE INDEX pending_logins_user_idx ON pending_logins (user_id);

-- Failed attempts per address, shared by every process. Keyed by the SHA-256 of the address as
-- typed (lower case): the same for an address no user has, so a lock-out does not tell whether an
-- account exists, and the typed text itself is not kept. A success deletes the row.
CREATE TABLE login_throttle (
  key             text PRIMARY KEY,
  failures        integer NOT NULL CHECK (failures >= 0),
  last_failure_at timestamptz NOT NULL,
  locked_until    timestamptz
);

-- A session opened by a password alone for a user whose role requires a second factor and who has
-- none yet: it reaches only the enrolment (src/server/plugins/auth.ts) until a TOTP is confirmed.
ALTER TABLE sessions ADD COLUMN mfa_enrolment boolean NOT NULL DEFAULT false;
