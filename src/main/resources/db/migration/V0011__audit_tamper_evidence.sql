-- ============================================================================
-- audit: a log its own database owner cannot silently change.
--
-- * Every row's hash becomes a keyed MAC (HMAC-SHA-256 with a key kept outside
--   the database; key_id names which key). The rows written before this
--   migration are sealed again with the key by the Java migration that follows
--   (V0011_1), so no plain SHA-256 row remains.
-- * The anchor a retention purge leaves carries its own MAC.
-- * Appends are checked: a row must follow the newest row and link to it.
-- * Deletes happen only inside audit_purge_through(), an owner-defined function
--   that applies the retention rule and records itself in audit_purge. The old
--   escape (any session could set tsunagu.audit_purge=on) is gone.
-- * The portal's own connection role owns nothing and may only insert and read
--   the log (grants in afterMigrate.sql, re-applied after every migration).
--
-- What the owner can still do (drop the trigger, delete rows directly) is not
-- prevented here but detected: the MACs need the key, and the newest chain
-- heads are checkpointed in signed files outside the database.
-- ============================================================================
alter table audit_access_log add column key_id text;
alter table audit_chain_anchor add column key_id text;
alter table audit_chain_anchor add column mac text;

create table audit_purge (
    at            timestamptz not null default now(),
    by_role       text        not null,
    through_seq   bigint      not null,
    rows_removed  bigint      not null,
    kept          interval    not null
);

create or replace function audit_refuse_change() returns trigger language plpgsql as $$
begin
    -- Only the purge function (running as the table's owner) sets this, for its own transaction.
    if tg_op = 'DELETE' and current_setting('tsunagu.audit_purging', true) = 'yes'
            and current_user = (select pg_get_userbyid(relowner) from pg_class where oid = tg_relid) then
        return old;
    end if;
    raise exception 'the access log is append-only (% refused)', tg_op;
end
$$;

create trigger audit_purge_append_only before update or delete on audit_purge
    for each row execute function audit_refuse_change();
create trigger audit_chain_anchor_guarded before update or delete on audit_chain_anchor
    for each row execute function audit_refuse_change();

create function audit_check_append() returns trigger language plpgsql as $$
declare
    newest_seq  bigint;
    newest_hash text;
begin
    select seq, hash into newest_seq, newest_hash from audit_access_log order by seq desc limit 1;
    if newest_seq is null then
        select after_seq, hash into newest_seq, newest_hash from audit_chain_anchor where id = 1;
    end if;
    if newest_seq is null then
        if new.prev_hash <> 'genesis' then
            raise exception 'the access log''s first row must start the chain';
        end if;
    elsif new.seq <= newest_seq or new.prev_hash <> newest_hash then
        raise exception 'the access log only grows at its end: row % must follow row % and link to its hash',
            new.seq, newest_seq;
    end if;
    if new.key_id is null then
        raise exception 'an access log row names the key of its MAC';
    end if;
    return new;
end
$$;
create trigger audit_access_log_append_checked before insert on audit_access_log
    for each row execute function audit_check_append();

-- The one way rows leave the log. The caller (the portal's nightly job) names the newest row to remove
-- and brings the anchor's MAC (the key is not in the database); the function checks the retention rule
-- itself, so a caller cannot remove anything younger than what is kept.
create function audit_purge_through(p_seq bigint, p_keep interval, p_key_id text, p_mac text,
                                    p_purged_at timestamptz) returns bigint
    language plpgsql security definer set search_path = pg_catalog, public as $$
declare
    newest_at   timestamptz;
    anchor_hash text;
    removed     bigint;
begin
    if p_keep < interval '1 year' then
        raise exception 'the access log keeps at least one year (asked to keep %)', p_keep;
    end if;
    select max(at) into newest_at from audit_access_log where seq <= p_seq;
    if newest_at is null then
        return 0;
    end if;
    if newest_at >= now() - p_keep then
        raise exception 'rows up to % are not all older than %', p_seq, p_keep;
    end if;
    select hash into anchor_hash from audit_access_log where seq = p_seq;
    if anchor_hash is null then
        raise exception 'row % is not in the log', p_seq;
    end if;
    perform set_config('tsunagu.audit_purging', 'yes', true);
    delete from audit_access_log where seq <= p_seq;
    get diagnostics removed = row_count;
    delete from audit_chain_anchor where id = 1;
    perform set_config('tsunagu.audit_purging', 'no', true);
    insert into audit_chain_anchor (id, after_seq, hash, purged_at, key_id, mac)
        values (1, p_seq, anchor_hash, p_purged_at, p_key_id, p_mac);
    insert into audit_purge (by_role, through_seq, rows_removed, kept) values (session_user, p_seq, removed, p_keep);
    return removed;
end
$$;
revoke all on function audit_purge_through(bigint, interval, text, text, timestamptz) from public;
