-- Accounts people manage themselves (issue 16 item 5): the links an invitation and a password reset
-- send by e-mail. Only the token's SHA-256 is stored (like sessions and the set-up token), so a copy
-- of the database cannot be used to set anyone's password. A link is single-use (used_at) and
-- expires; a used one is kept until the user's next link so that its second use can be told apart
-- from a link that never existed.
--
-- Shared like users and sessions (src/db/distribution.ts): the link is looked up by its token before
-- any municipality is known. No foreign key to users, for the reason sessions have none (migration
-- 0013): on Citus a write to a reference table locks the tables its keys name, and a link is only
-- honoured while its user exists and is active (src/services/accounts.ts).
CREATE TABLE account_links (
  token_hash      text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id         uuid NOT NULL,
  purpose         text NOT NULL CHECK (purpose IN ('invitation', 'reset')),
  -- Who sent it: null when the user asked for it (or the command line did).
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  used_at         timestamptz
);
CREATE INDEX account_links_user_idx ON account_links (user_id, created_at);

-- The e-mail about one's own account (invitation, reset link, "your password was changed").
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('feedback', 'draft_ready', 'measure_due', 'account'));
