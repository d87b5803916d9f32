-- ============================================================================
-- research: privacy-protected cohort counts, studies, double-blind trial
-- invitations and post-market safety analyses. The cohort index itself lives
-- in memory and is rebuilt from the record's tables; here are its dense patient
-- numbers, the query log (with what was released and, per query, the set of
-- patients counted, so a patient can learn they were counted without a row per
-- patient), studies, saved definitions and invitations.
-- ============================================================================
create sequence research_patient_number_seq as integer minvalue 0 start with 0;

-- Bitmaps index patients by small dense numbers; these are they, assigned once, never reused.
create table research_patient_number (
    patient_id uuid    primary key references directory_patient (id) on delete cascade,
    number     integer not null unique default nextval('research_patient_number_seq')
);

create table research_study (
    id            uuid        primary key,
    sponsor_id    uuid        not null references directory_organisation (id),
    title         text        not null check (length(btrim(title)) between 1 and 200),
    summary       text        not null check (length(btrim(summary)) between 1 and 4000),
    sites         text        not null check (length(btrim(sites)) between 1 and 1000),
    contact       text        not null check (length(btrim(contact)) between 1 and 500),
    criteria      text        not null,
    status        text        not null check (status in ('SUBMITTED', 'APPROVED', 'REJECTED')),
    submitted_by  text        not null,
    submitted_at  timestamptz not null,
    reviewed_by   text,
    reviewed_at   timestamptz,
    review_note   text,
    check ((status = 'SUBMITTED') = (reviewed_at is null))
);
create index research_study_sponsor on research_study (sponsor_id, submitted_at desc);

-- Every query a sponsor asked, refused ones included: its definition and exactly what was released.
create table research_query (
    id          uuid        primary key,
    sponsor_id  uuid        not null references directory_organisation (id),
    actor       text        not null,
    actor_name  text        not null,
    at          timestamptz not null,
    kind        text        not null check (kind in ('COUNT', 'BREAKDOWN', 'INVITATION', 'POST_MARKET')),
    purpose     text        not null check (purpose in ('TRIAL_RECRUITMENT', 'POST_MARKET')),
    study_id    uuid        references research_study (id),
    definition  text        not null,
    outcome     text        not null check (outcome in ('RELEASED', 'REFUSED_BUDGET', 'REFUSED_DIFFERENCING')),
    released    text        not null,
    -- The patients counted (a serialized bitmap of their numbers); null when refused.
    counted     bytea,
    check ((outcome = 'RELEASED') = (counted is not null))
);
create index research_query_sponsor on research_query (sponsor_id, at desc);

-- Each exact figure a query released, as the set of patients behind it: a later query whose figures
-- differ from these by 1 to 10 people is refused (differencing).
create table research_released_set (
    query_id    uuid    not null references research_query (id),
    label       text    not null,
    members     bytea   not null,
    primary key (query_id, label)
);

create function research_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the research query log is append-only (% refused)', tg_op;
end
$$;
create trigger research_query_append_only before update or delete on research_query
    for each row execute function research_refuse_change();
create trigger research_released_set_append_only before update or delete on research_released_set
    for each row execute function research_refuse_change();

create table research_definition (
    id          uuid        primary key,
    sponsor_id  uuid        not null references directory_organisation (id),
    name        text        not null check (length(btrim(name)) between 1 and 100),
    definition  text        not null,
    saved_by    text        not null,
    saved_at    timestamptz not null,
    unique (sponsor_id, name)
);

-- A study's invitation to one patient. The sponsor never reads patient_id: only counts, and the contact
-- details a patient chose to reveal by accepting.
create table research_invitation (
    id             uuid        primary key,
    study_id       uuid        not null references research_study (id),
    patient_id     uuid        not null references directory_patient (id) on delete cascade,
    sent_at        timestamptz not null,
    status         text        not null check (status in ('SENT', 'ACCEPTED', 'DECLINED')),
    answered_at    timestamptz,
    contact_name   text,
    contact_phone  text,
    contact_email  text,
    unique (study_id, patient_id),
    check ((status = 'SENT') = (answered_at is null)),
    check ((status = 'ACCEPTED') = (contact_name is not null))
);
create index research_invitation_patient on research_invitation (patient_id, sent_at desc);
