-- research ------------------------------------------------------------------------------------------------
-- One release ledger for every number about people that leaves the portal: sponsors' counts, breakdown cells
-- and their hidden group, invitation rounds, post-market figures, and the public figures. Each entry keeps
-- exactly whom it counted (a serialized bitmap of research patient numbers) and who saw it. A new figure is
-- held against every earlier one (ADR 0009). Replaces research_released_set, whose rows it takes over.
create table research_release (
    seq        bigint      generated always as identity primary key,
    at         timestamptz not null,
    audience   text        not null check (audience in ('SPONSORS', 'PUBLIC')),
    recipient  uuid        references directory_organisation (id),
    query_id   uuid        references research_query (id),
    label      text        not null check (length(label) between 1 and 300),
    kind       text        not null check (kind in ('EXACT', 'HIDDEN')),
    -- The value released (null for a hidden group), and the earlier entry it read as when its people were
    -- within 10 of that entry's on both sides (ADR 0009).
    shown      bigint      check (shown >= 0),
    same_as    bigint      references research_release (seq),
    check ((kind = 'HIDDEN') = (shown is null)),
    -- sha256 of the members: a public figure is entered again only when its people change.
    digest     bytea       not null,
    members    bytea       not null,
    check ((audience = 'PUBLIC') = (recipient is null)),
    check ((audience = 'PUBLIC') = (query_id is null))
);
create index research_release_at on research_release (at);
create unique index research_release_public on research_release (label, digest) where audience = 'PUBLIC';

-- Earlier releases move in with the value the query log says was released (the total, or the cell by its key).
insert into research_release (at, audience, recipient, query_id, label, kind, shown, digest, members)
select at, 'SPONSORS', sponsor_id, id, label, kind,
       case when kind = 'HIDDEN' then null when token ~ '^[0-9]+$' then token::bigint else 0 end,
       sha256(members), members
from (select q.at, q.sponsor_id, q.id, s.label, s.members,
             case when s.label = 'hidden' then 'HIDDEN' else 'EXACT' end as kind,
             case when s.label in ('total') or s.label like 'invited:%' then q.released::jsonb ->> 'total'
                  when s.label like 'safety:%' then q.released::jsonb ->> substr(s.label, 8)
                  else q.released::jsonb -> 'cells' ->> split_part(s.label, ':', 2) end as token
      from research_released_set s join research_query q on q.id = s.query_id) old
order by at, label;

drop table research_released_set;

create trigger research_release_append_only before update or delete on research_release
    for each row execute function research_refuse_change();

-- The key of the released figures' adjustment (research.release.Perturbation), made once at first start.
-- Never shown; never changed (a new key would give every known group a new figure to average).
create table research_secret (
    name  text  primary key,
    value bytea not null check (length(value) >= 32)
);
create trigger research_secret_unchanging before update or delete on research_secret
    for each row execute function research_refuse_change();

-- A query with a part of 1–10 people is refused before anything is counted (a tracker; ADR 0009) and logged so.
alter table research_query drop constraint research_query_outcome_check;
alter table research_query add constraint research_query_outcome_check
    check (outcome in ('RELEASED', 'REFUSED_BUDGET', 'REFUSED_DIFFERENCING', 'REFUSED_SMALL_PART'));
