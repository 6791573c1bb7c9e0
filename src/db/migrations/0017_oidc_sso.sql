-- Single sign-on with OpenID Connect (issue 16 item 3; src/services/sso.ts).

-- A user's link to an identity at an OpenID provider: the issuer and the `sub` it asserts. Written
-- the first time the provider's claim (e-mail, preferred_username) matches the account, so later
-- logins find the account by `sub` and a changed e-mail address at the provider does not move the
-- login to another account. Users are a reference table (migration 0013), found at login without a
-- municipality, and so is this link.
ALTER TABLE users ADD COLUMN oidc_issuer text, ADD COLUMN oidc_subject text,
  ADD CONSTRAINT users_oidc_link_check CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL)
    AND char_length(oidc_issuer) <= 500 AND char_length(oidc_subject) <= 255);
CREATE UNIQUE INDEX users_oidc_idx ON users (oidc_issuer, oidc_subject);

-- A municipality's own provider (Microsoft Entra ID, most often), set by its administrators. One
-- per municipality: the municipality's code is the provider's name in its URLs. The secret is
-- written by the API and read only by the login, never returned.
CREATE TABLE oidc_providers (
  municipality_id text NOT NULL REFERENCES municipalities(id),
  label           text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 100),
  issuer          text NOT NULL CHECK (char_length(issuer) BETWEEN 8 AND 500),
  client_id       text NOT NULL CHECK (char_length(client_id) BETWEEN 1 AND 255),
  client_secret   text CHECK (char_length(client_secret) BETWEEN 1 AND 1000),
  user_claim      text NOT NULL DEFAULT 'email' CHECK (user_claim IN ('email', 'preferred_username', 'oid', 'sub')),
  -- [{ group, organisationId, roles }]: the first entry whose group the user is in decides the
  -- organisation and roles of an account created at the first login.
  group_mapping   jsonb NOT NULL DEFAULT '[]'::jsonb,
  create_users    boolean NOT NULL DEFAULT false,
  enabled         boolean NOT NULL DEFAULT true,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id)
);

-- Logins under way: between the redirect to the provider and its answer. The browser holds the
-- state (in the URL and in a cookie); the row is found by its hash and holds the PKCE verifier and
-- the nonce, so any process of the deployment can finish a login another one started. Used once,
-- and worth nothing after ten minutes.
CREATE TABLE oidc_logins (
  state_hash      text PRIMARY KEY,
  provider        text NOT NULL,
  code_verifier   text NOT NULL,
  nonce           text NOT NULL,
  redirect_uri    text NOT NULL,
  expires_at      timestamptz NOT NULL
);
CREATE INDEX oidc_logins_expires_idx ON oidc_logins (expires_at);
