-- ============================================================================
-- consent: the ledger. One row per version of a directive; a change (a new
-- grant, a revocation, a switched purpose) is a new row, never an update, so
-- the history is complete and "what held at time T" can be answered. The
-- current state of a directive is its highest version.
-- ============================================================================
create table consent_directive (
    id              uuid        primary key,
    directive_id    uuid        not null,
    version         integer     not null check (version >= 1),
    patient_id      uuid        not null references directory_patient (id) on delete cascade,
    purpose         text        not null check (purpose in ('TREATMENT', 'EMERGENCY', 'TRIAL_RECRUITMENT', 'RESEARCH',
                                                            'POST_MARKET', 'PUBLIC_HEALTH')),
    effect          text        not null check (effect in ('PERMIT', 'DENY')),
    grantee_kind    text        not null check (grantee_kind in ('ORGANISATION', 'TREATING', 'AUDIENCE')),
    grantee_org     uuid        references directory_organisation (id),
    categories      text[]      not null,
    excluded_labels text[]      not null,
    valid_from      timestamptz not null,
    valid_until     timestamptz,
    status          text        not null check (status in ('ACTIVE', 'REVOKED')),
    recorded_at     timestamptz not null,
    recorded_by     text        not null,
    unique (directive_id, version),
    check ((grantee_kind = 'ORGANISATION') = (grantee_org is not null)),
    check (valid_until is null or valid_until > valid_from)
);
create index consent_directive_patient on consent_directive (patient_id, purpose, directive_id, version desc);

create function consent_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'consent directives are never changed in place (% refused): add a new version', tg_op;
end
$$;
create trigger consent_directive_versions_only before update on consent_directive
    for each row execute function consent_refuse_change();

-- The patient's inbox: emergency access, consent changes, data use (when asked for), invitations later.
create table consent_inbox (
    id          uuid        primary key,
    patient_id  uuid        not null references directory_patient (id) on delete cascade,
    at          timestamptz not null,
    kind        text        not null check (kind in ('CONSENT_CHANGED', 'DATA_USED', 'EMERGENCY_ACCESS', 'INVITATION')),
    arguments   text[]      not null,
    read        boolean     not null default false
);
create index consent_inbox_patient on consent_inbox (patient_id, at desc);

create table consent_preference (
    patient_id       uuid    primary key references directory_patient (id) on delete cascade,
    notify_every_use boolean not null
);
