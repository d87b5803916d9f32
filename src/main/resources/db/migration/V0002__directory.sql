-- ============================================================================
-- directory: who is who. Patients, organisations (hospitals, clinics,
-- pharmacies, sponsors, authorities), practitioners and care relationships.
-- Identifiers are kept as (system, value) pairs exactly as FHIR carries them,
-- so a bundle's Patient.identifier finds the same person again.
-- ============================================================================
create table directory_organisation (
    id              uuid        primary key,
    kind            text        not null check (kind in ('HOSPITAL', 'CLINIC', 'PHARMACY', 'SPONSOR', 'AUTHORITY', 'OTHER')),
    name            text        not null,
    prefecture      smallint    check (prefecture between 1 and 47),
    licensed_beds   integer     check (licensed_beds >= 0),
    -- 医療機関コード (10 digits) for care providers; sponsors and authorities use their own systems.
    identifier_system text      not null,
    identifier_value  text      not null,
    phone           text,
    address         text,
    created_at      timestamptz not null default now(),
    unique (identifier_system, identifier_value)
);

create table directory_patient (
    id              uuid        primary key,
    family_name     text        not null,
    given_name      text        not null,
    family_kana     text,
    given_kana      text,
    birth_date      date        not null,
    sex             text        not null check (sex in ('male', 'female', 'other', 'unknown')),
    prefecture      smallint    check (prefecture between 1 and 47),
    postal_code     text,
    address         text,
    phone           text,
    email           text,
    -- The OIDC subject of the person's own portal account, once linked.
    account_subject text        unique,
    created_at      timestamptz not null default now()
);
create index directory_patient_birth_name on directory_patient (birth_date, family_name, given_name);

create table directory_patient_identifier (
    patient_id  uuid not null references directory_patient (id) on delete cascade,
    system      text not null,
    value       text not null,
    primary key (system, value)
);
create index directory_patient_identifier_patient on directory_patient_identifier (patient_id);

create table directory_practitioner (
    id               uuid primary key,
    organisation_id  uuid references directory_organisation (id),
    name             text not null,
    name_kana        text,
    -- A stable key from the source (identifier, or the source's own resource key).
    source_key       text not null unique
);

-- An organisation treats a patient: it sent data about them or saw them.
-- Clinician search and the TREATMENT "all organisations treating me" grant build on this.
create table directory_care_relationship (
    patient_id       uuid        not null references directory_patient (id) on delete cascade,
    organisation_id  uuid        not null references directory_organisation (id),
    since            timestamptz not null default now(),
    primary key (patient_id, organisation_id)
);
create index directory_care_relationship_org on directory_care_relationship (organisation_id);
