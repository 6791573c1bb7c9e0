-- The application cannot erase its own trail (docs/it/headers-and-database-roles.md).
--
-- On PostgreSQL `lagesbild serve` runs as a role that owns no table (docs/production.md); the
-- schema belongs to the owner role that runs the migrations. The role names are the deployment's,
-- so nothing here names them: the owner is whoever owns the audit tables.
--
-- 1. Rights: no role but the owner keeps UPDATE, DELETE or TRUNCATE on the audit tables, however
--    they were granted (by name, to PUBLIC, or by ALTER DEFAULT PRIVILEGES when the table was made).
-- 2. Triggers, for a right granted again later by mistake: a statement trigger refuses TRUNCATE
--    unless the current role is the table's owner (or a member of it, which a superuser is), and
--    the row trigger that made the logs append-only refuses UPDATE and DELETE to every role unless
--    the owner runs them through a purge function. Only the owner may drop or disable a trigger,
--    so the serving role can remove neither. Where one role does everything (PGlite, a single-role
--    server) it is the owner: it may truncate, as it could drop the triggers, and that is why a
--    server runs as a second role.
-- 3. The one way a non-owner removes audit rows: purge_audit_log and purge_deployment_audit_log,
--    SECURITY DEFINER functions of the owner that delete only rows at least a year old (retention
--    keeps the log N years, N >= 1).

-- On Citus: the grants, functions and triggers below go to every worker, over one connection per
-- node (Citus refuses a function command after a parallel step in the same transaction), and the
-- triggers run on the shards, where each sees only its own rows, which is all this guard needs
-- (TRUNCATE triggers on distributed and reference tables included). Both settings are unknown to
-- PostgreSQL and PGlite without Citus, where SET LOCAL keeps them as placeholders nothing reads.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';
SET LOCAL citus.enable_unsafe_triggers = on;

DO $$
DECLARE
  t text;
  g record;
BEGIN
  FOREACH t IN ARRAY ARRAY['audit_log', 'deployment_audit_log'] LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM PUBLIC', t);
    FOR g IN
      SELECT DISTINCT grantee FROM information_schema.role_table_grants
       WHERE table_schema = 'public' AND table_name = t AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
         AND grantee <> 'PUBLIC'
         AND grantee <> (SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = format('public.%I', t)::regclass)
    LOOP
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM %I', t, g.grantee);
    END LOOP;
  END LOOP;
END $$;

-- Row changes stay refused to everyone, the owner included, as before this migration (the audit
-- log is append-only), except inside the purge functions below, which run as the owner and raise
-- lagesbild.audit_purge for their own statement. TRUNCATE is the owner's alone: resetting a database.
-- On Citus the row triggers fire on the shards (audit_log_102126 …) on the workers, which a
-- function's SET LOCAL does not reach: there the owner's row changes pass (the owner may drop the
-- triggers anyway), and every other role is refused as everywhere. Citus hides a shard on the
-- coordinator from pg_class, so its owner is read from its distributed table, whose name it extends.
CREATE FUNCTION refuse_unless_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  owner oid := coalesce(
    (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID),
    (SELECT c.relowner FROM pg_class c WHERE c.oid = to_regclass(format('%I.%I', TG_TABLE_SCHEMA, regexp_replace(TG_TABLE_NAME, '_[0-9]+$', '')))));
BEGIN
  IF owner IS NOT NULL AND pg_has_role(current_user, owner, 'MEMBER')
     AND (TG_OP = 'TRUNCATE' OR current_setting('lagesbild.audit_purge', true) = 'on'
          OR TG_TABLE_NAME NOT IN ('audit_log', 'deployment_audit_log')) THEN
    RETURN CASE WHEN TG_LEVEL = 'STATEMENT' THEN NULL WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION 'table % is append-only: % is refused to role %', TG_TABLE_NAME, TG_OP, current_user
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit rows are removed only by purge_audit_log(municipality, before) once at least a year old.';
END $$;

-- Each statement through EXECUTE: Citus forwards some DDL to the workers as the text of the query
-- that carried it, and a worker refuses a text of several statements.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['audit_log', 'deployment_audit_log'] LOOP
    EXECUTE format('DROP TRIGGER %I ON %I', t || '_append_only', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_unless_owner()', t || '_append_only', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_unless_owner()', t || '_no_truncate', t);
  END LOOP;
END $$;

-- Retention's way to remove a municipality's audit rows older than p_before (which must be at least
-- a year ago). Runs as the owner, so the guard above lets it through; returns how many it removed.
CREATE FUNCTION purge_audit_log(p_municipality text, p_before timestamptz) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n bigint;
BEGIN
  IF p_municipality IS NULL OR p_before IS NULL THEN
    RAISE EXCEPTION 'purge_audit_log needs a municipality and a date' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_before > now() - interval '1 year' THEN
    RAISE EXCEPTION 'audit rows are kept at least a year: % is later than %', p_before, now() - interval '1 year'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SET LOCAL lagesbild.audit_purge TO 'on';
  DELETE FROM audit_log WHERE municipality_id = p_municipality AND at < p_before;
  GET DIAGNOSTICS n = ROW_COUNT;
  SET LOCAL lagesbild.audit_purge TO 'off';
  RETURN n;
END $$;

-- The same for the deployment's own log (events of no municipality).
CREATE FUNCTION purge_deployment_audit_log(p_before timestamptz) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n bigint;
BEGIN
  IF p_before IS NULL THEN
    RAISE EXCEPTION 'purge_deployment_audit_log needs a date' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_before > now() - interval '1 year' THEN
    RAISE EXCEPTION 'audit rows are kept at least a year: % is later than %', p_before, now() - interval '1 year'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SET LOCAL lagesbild.audit_purge TO 'on';
  DELETE FROM deployment_audit_log WHERE at < p_before;
  GET DIAGNOSTICS n = ROW_COUNT;
  SET LOCAL lagesbild.audit_purge TO 'off';
  RETURN n;
END $$;
