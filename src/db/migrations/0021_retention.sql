-- Retention and the rights of data subjects (issue 16 items 11 and 13).
--
-- 1. When an account was closed. Rule (c) deletes a closed account's personal data N months after
-- it was closed, so the time it was closed is kept; updated_at would move with every later change.
-- A row trigger sets it, so every path that deactivates a user (the web, the command line, later
-- ones) records it without knowing about retention. Accounts closed before this migration count
-- from their last change. erased_at marks an account whose personal data was removed (by the rule
-- or by an erasure under GDPR art. 17): its row stays, pseudonymised, because reports, history and
-- the audit log point at it.
ALTER TABLE users ADD COLUMN deactivated_at timestamptz, ADD COLUMN erased_at timestamptz;
UPDATE users SET deactivated_at = updated_at WHERE NOT active;

CREATE FUNCTION users_track_deactivation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.deactivated_at := CASE WHEN NEW.active THEN NULL ELSE COALESCE(NEW.deactivated_at, now()) END;
  ELSIF NEW.active IS DISTINCT FROM OLD.active THEN
    NEW.deactivated_at := CASE WHEN NEW.active THEN NULL ELSE now() END;
  END IF;
  RETURN NEW;
END $$;
-- users is a reference table on Citus; a trigger on it is created with the switch the Citus step uses.
SET LOCAL citus.enable_unsafe_triggers = on;
CREATE TRIGGER users_deactivation BEFORE INSERT OR UPDATE OF active ON users
  FOR EACH ROW EXECUTE FUNCTION users_track_deactivation();

-- 2. The append-only tables (incident_history, audit_log, deployment_audit_log) let retention
-- through, and nothing else: a transaction that set lagesbild.retention = on (src/db/repositories/
-- retention.ts, the one place that does) may remove free text and exact positions from the history,
-- pseudonymise audit details and delete audit entries older than the municipality's period. Undoing
-- an import still deletes the history its incidents take with them (migration 0014). On Citus the
-- setting reaches the workers' shards because the same transaction sets
-- citus.propagate_set_commands = local.
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME LIKE 'incident\_history%' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  IF current_setting('lagesbild.retention', true) = 'on' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;

-- 3. Erasure (GDPR art. 17) and retention's closed accounts remove a person's name and address from
-- the audit entries by or about them. The audit tables refuse every row change (migration 0019), so
-- this is the one change to them besides the purge: a function that runs as their owner, raises the
-- same guard flag as the purge for its own statements, and can do nothing but drop the `email` and
-- `name` keys from the details of the entries that concern this user or this address.
CREATE FUNCTION pseudonymise_audit_details(p_user uuid, p_email text) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n bigint;
  total bigint := 0;
BEGIN
  IF p_user IS NULL THEN
    RAISE EXCEPTION 'pseudonymise_audit_details needs a user' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SET LOCAL lagesbild.audit_purge TO 'on';
  UPDATE audit_log SET details = details - 'email' - 'name'
   WHERE ((user_id = p_user OR (subject_type = 'user' AND subject_id = p_user::text)) AND (details ? 'email' OR details ? 'name'))
      OR (p_email IS NOT NULL AND details->>'email' = p_email);
  GET DIAGNOSTICS n = ROW_COUNT;
  total := total + n;
  UPDATE deployment_audit_log SET details = details - 'email' - 'name'
   WHERE ((user_id = p_user OR (subject_type = 'user' AND subject_id = p_user::text)) AND (details ? 'email' OR details ? 'name'))
      OR (p_email IS NOT NULL AND details->>'email' = p_email);
  GET DIAGNOSTICS n = ROW_COUNT;
  total := total + n;
  SET LOCAL lagesbild.audit_purge TO 'off';
  RETURN total;
END $$;
