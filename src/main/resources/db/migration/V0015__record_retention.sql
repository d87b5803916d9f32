-- ============================================================================
-- record: retention that happens. Items carry retain_until (V0003); once it has
-- passed, the nightly purge removes them, except for patients who chose to keep
-- their record beyond it (record_keep). The purge runs through the owner's
-- function below, which decides by the database's own clock (no date is passed
-- in), removes at most a batch, then the bundles as received that no item needs
-- any more (record_import.original holds the same resources), and writes what it
-- did to record_purge (counts only: the items are gone). The portal's role may
-- call the function and read record_purge, never write it (afterMigrate.sql);
-- nobody else may call it (no PUBLIC execute).
-- ============================================================================
create table record_keep (
    patient_id uuid        primary key references directory_patient (id) on delete cascade,
    chosen_at  timestamptz not null
);

create table record_purge (
    id             bigserial   primary key,
    purged_at      timestamptz not null,
    expired_before date        not null,
    items          integer     not null check (items >= 0),
    kept           integer     not null check (kept >= 0)
);

create function record_purge_expired(batch integer)
    returns table (patient_id uuid, items integer)
    language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
    today date := (now() at time zone 'Asia/Tokyo')::date;
    purged uuid[];
    still_kept integer;
begin
    if batch is null or batch < 1 or batch > 100000 then
        raise exception 'record_purge_expired: a batch between 1 and 100000, not %', batch;
    end if;
    with gone as (
        delete from record_item i
        where i.id in (select e.id from record_item e
                       where e.retain_until < today
                         and not exists (select 1 from record_keep k where k.patient_id = e.patient_id)
                       order by e.retain_until
                       limit batch)
        returning i.patient_id)
    select coalesce(array_agg(g.patient_id), '{}') into purged from gone g;
    -- The bundle as received repeats the items: it goes with the last of them.
    delete from record_import r
    where r.patient_id = any (purged)
      and not exists (select 1 from record_item i where i.import_id = r.id);
    select count(*) into still_kept from record_item e
    where e.retain_until < today and exists (select 1 from record_keep k where k.patient_id = e.patient_id);
    insert into record_purge (purged_at, expired_before, items, kept)
    values (now(), today, cardinality(purged), still_kept);
    return query select u, count(*)::integer from unnest(purged) u group by u;
end
$$;

revoke all on function record_purge_expired(integer) from public;

-- The access log's purge function (V0011), likewise: the caller's temporary tables are searched last, never first.
alter function audit_purge_through(bigint, interval, text, text, timestamptz)
    set search_path = pg_catalog, public, pg_temp;
