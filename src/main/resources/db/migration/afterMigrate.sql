-- ============================================================================
-- After every migration (a Flyway callback, so tables added later are covered):
-- what the portal's own connection role may do. It owns nothing. It reads and
-- writes the modules' tables, but the append-only ones only grow: no UPDATE,
-- DELETE or TRUNCATE on the access log, its anchor and purge record, the release
-- ledger, the query log and the research secret; the anchor changes only through
-- audit_purge_through(); record_purge is written only by record_purge_expired().
-- Nothing happens when the portal connects as the owner itself (production
-- refuses that at start; see identity's database checks).
-- ============================================================================
do $grants$
declare
    app text := '${app_role}';
    schema_name text := current_schema();
begin
    if app = '' or app = current_user or not exists (select 1 from pg_roles where rolname = app) then
        return;
    end if;
    execute format('grant usage on schema %I to %I', schema_name, app);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', schema_name, app);
    execute format('grant usage, select on all sequences in schema %I to %I', schema_name, app);
    execute format('revoke truncate, references, trigger on all tables in schema %I from %I', schema_name, app);
    execute format('revoke update, delete on audit_access_log, audit_chain_anchor, audit_purge, research_release, '
        || 'research_query, research_secret from %I', app);
    execute format('revoke insert on audit_chain_anchor, audit_purge from %I', app);
    execute format('revoke all on flyway_schema_history from %I', app);
    execute format('grant select on flyway_schema_history to %I', app);
    execute format('grant execute on function audit_purge_through(bigint, interval, text, text, timestamptz) to %I',
        app);
    -- record retention: expired items leave only through record_purge_expired(), which logs itself
    execute format('revoke insert, update, delete on record_purge from %I', app);
    execute format('grant execute on function record_purge_expired(integer) to %I', app);
end
$grants$;
