-- The one-time link of a new installation's first start (issue 13): when `serve` starts on a
-- database without a municipality it prints a set-up link, and the browser's set-up guide sends its
-- token back. Only the token's SHA-256 is stored (like sessions): a copy of the database cannot be
-- used to set up. One row: a new start replaces a token not yet used, and the set-up marks it used
-- in the transaction that creates the municipalities, so every server process on the database
-- agrees that a second use is refused, and a restart before the set-up keeps the link working.
CREATE TABLE setup_token (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  token_hash  text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  used_at     timestamptz
);
