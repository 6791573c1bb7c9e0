-- Issue 16, items 8 and 10: the data-protection officer's role and the audit view.
--
-- 1. The role `dataProtection` (Dataskyddsombud): reads the audit trail of its municipalities and no
-- incidents (src/core/access/policy.ts). The users' CHECK names every role the policy knows.
ALTER TABLE users DROP CONSTRAINT users_roles_check;
ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (cardinality(roles) >= 1 AND
  roles <@ ARRAY['reporter', 'coordinator', 'areaGroup', 'viewer', 'admin', 'dataProtection']::text[]);

-- 2. A user's own log-in history (GET /api/me/logins) is read by user; every read of incidents now
-- writes a row, so without this index it would scan the municipality's whole recent log. The audit
-- view itself pages by time on audit_log_municipality_idx (migration 0001).
CREATE INDEX audit_log_user_idx ON audit_log (municipality_id, user_id, at DESC);
