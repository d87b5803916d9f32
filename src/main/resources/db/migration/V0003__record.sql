-- ============================================================================
-- record: the health record (6情報, 3文書, PHR entries). Every item is one row
-- in record_item (who it is about, where it came from, the original FHIR
-- resource unchanged, when it arrived, until when it is kept, 未告知, sensitive
-- labels) plus one row in the table of its kind with the typed fields.
-- ============================================================================

-- One received bundle (or single resource). Bundle.identifier makes a resend idempotent.
create table record_import (
    id                 uuid        primary key,
    patient_id         uuid        not null references directory_patient (id) on delete cascade,
    source_org_id      uuid        references directory_organisation (id),
    bundle_type        text        not null,
    -- Bundle.identifier as system|value, for tracing; the content hash decides what is a resend.
    bundle_identifier  text,
    content_sha256     text        not null,
    -- The bundle (or single resource) as received: export gives it back whole, so every internal
    -- reference still resolves and documents keep their exact form.
    original           text        not null,
    received_at        timestamptz not null,
    received_by        text        not null,
    resource_count     integer     not null,
    unique (patient_id, content_sha256)
);

create table record_item (
    id                 uuid        primary key,
    patient_id         uuid        not null references directory_patient (id) on delete cascade,
    kind               text        not null check (kind in ('ENCOUNTER', 'DIAGNOSIS', 'ALLERGY', 'INFECTION_TEST',
                                       'LAB_RESULT', 'PRESCRIPTION', 'DOCUMENT', 'PHR_ENTRY', 'OTHER')),
    -- The consent category (6情報, 3文書, PHR, or ENCOUNTER / OTHER for context).
    category           text        not null,
    source_org_id      uuid        references directory_organisation (id),
    -- Stable identity at the source: resource type + identifiers (+ id), so a resend finds the same row.
    source_key         text        not null,
    source_identifier  text,
    -- The resource as it arrived, byte-for-byte JSON of that entry; null when the item was born here
    -- (patient-entered PHR, synthetic population) and is rendered on export.
    original_resource  text,
    content_sha256     text        not null,
    import_id          uuid        references record_import (id),
    received_at        timestamptz not null,
    retain_until       date        not null,
    effective_at       timestamptz,
    undisclosed        boolean     not null default false,
    sensitive_labels   text[]      not null default '{}',
    unique (patient_id, source_key)
);
create index record_item_patient_kind on record_item (patient_id, kind, effective_at desc);
create index record_item_retention on record_item (retain_until);

create table record_encounter (
    item_id      uuid primary key references record_item (id) on delete cascade,
    class        text not null check (class in ('AMB', 'IMP', 'EMER', 'HH', 'VR', 'OTHER')),
    status       text not null,
    ward_type    text,
    period_start timestamptz,
    period_end   timestamptz
);
-- Beds in use: inpatients now, per organisation.
create index record_encounter_open on record_encounter (class, period_end);

create table record_diagnosis (
    item_id          uuid primary key references record_item (id) on delete cascade,
    name             text not null,
    code_system      text,
    code             text,
    icd10            text,
    clinical_status  text,
    verification     text,
    -- FHIR onset may be a year or a month ("2018", "2022-05"): kept as given, plus its first day for sorting.
    onset_text       text,
    onset_date       date,
    note             text
);
create index record_diagnosis_icd10 on record_diagnosis (icd10);

create table record_allergy (
    item_id          uuid primary key references record_item (id) on delete cascade,
    substance        text not null,
    code_system      text,
    code             text,
    allergy_category text not null check (allergy_category in ('medication', 'food', 'environment', 'biologic', 'unknown')),
    type             text,
    criticality      text,
    clinical_status  text,
    reaction         text,
    note             text
);

create table record_infection_test (
    item_id      uuid primary key references record_item (id) on delete cascade,
    name         text not null,
    code_system  text,
    code         text,
    result       text not null,
    positive     boolean
);

create table record_lab_result (
    item_id        uuid primary key references record_item (id) on delete cascade,
    name           text not null,
    code_system    text,
    code           text,
    value_numeric  numeric,
    value_text     text,
    unit           text,
    reference_low  numeric,
    reference_high numeric,
    interpretation text
);
create index record_lab_result_code on record_lab_result (code);

create table record_prescription (
    item_id        uuid primary key references record_item (id) on delete cascade,
    drug_name      text not null,
    code_system    text,
    code           text,
    dose_text      text,
    dose_quantity  numeric,
    dose_unit      text,
    period_start   date,
    period_end     date,
    status         text
);
create index record_prescription_code on record_prescription (code);

create table record_document (
    item_id     uuid primary key references record_item (id) on delete cascade,
    type        text not null check (type in ('REFERRAL_LETTER', 'DISCHARGE_SUMMARY', 'HEALTH_CHECK', 'OTHER')),
    title       text not null,
    status      text not null,
    authored_at timestamptz
);

create table record_document_section (
    item_id   uuid    not null references record_document (item_id) on delete cascade,
    position  integer not null,
    depth     integer not null,
    title     text    not null,
    code      text,
    -- The section's narrative as plain text (the XHTML is in the original document).
    text      text    not null,
    primary key (item_id, position)
);

create table record_phr_entry (
    item_id      uuid primary key references record_item (id) on delete cascade,
    type         text not null check (type in ('BLOOD_PRESSURE', 'WEIGHT', 'BLOOD_GLUCOSE', 'STEPS',
                                               'BODY_TEMPERATURE', 'SYMPTOM', 'NOTE')),
    value1       numeric,
    value2       numeric,
    unit         text,
    note         text
);

-- Resources the record does not model: kept with provenance and listed in the import result.
create table record_other (
    item_id        uuid primary key references record_item (id) on delete cascade,
    resource_type  text not null,
    summary        text
);
