-- ============================================================================
-- audit: the access log. Every permitted read of personal data, every export,
-- every consent change and every denied attempt, one row each, written in the
-- transaction of the act itself. Append-only (a trigger refuses UPDATE, DELETE
-- and TRUNCATE; only the retention purge may delete, and it leaves an anchor)
-- and hash-chained: each row's hash covers its content and the previous row's
-- hash, so a changed or missing row breaks the chain at that point.
-- ============================================================================
create table audit_access_log (
    seq           bigint      primary key,
    at            timestamptz not null,
    actor         text        not null,
    actor_name    text        not null,
    actor_role    text        not null,
    organisation  text,
    patient_id    uuid,
    categories    text[]      not null,
    purpose       text,
    action        text        not null check (action in ('READ', 'EXPORT', 'CONSENT_CHANGE', 'EMERGENCY_ACCESS',
                                                         'COUNTED')),
    outcome       text        not null check (outcome in ('PERMITTED', 'DENIED', 'RECORDED')),
    reason        text        not null,
    prev_hash     text        not null,
    hash          text        not null
);
create sequence audit_access_log_seq;
create index audit_access_log_patient on audit_access_log (patient_id, seq desc);
create index audit_access_log_at on audit_access_log (at);

-- Where the chain starts after a retention purge: the last purged row's hash.
create table audit_chain_anchor (
    id          smallint    primary key check (id = 1),
    after_seq   bigint      not null,
    hash        text        not null,
    purged_at   timestamptz not null
);

create function audit_refuse_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_setting('tsunagu.audit_purge', true) = 'on' then
        return old;
    end if;
    raise exception 'the access log is append-only (% refused)', tg_op;
end
$$;
create trigger audit_access_log_append_only before update or delete on audit_access_log
    for each row execute function audit_refuse_change();
create trigger audit_access_log_no_truncate before truncate on audit_access_log
    for each statement execute function audit_refuse_change();
