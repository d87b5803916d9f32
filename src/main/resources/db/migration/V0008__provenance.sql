-- ============================================================================
-- record: a sender speaks only for itself. An item's identity at the source
-- includes the sender, so the same identifiers from two hospitals are two items
-- and only the sender replaces its own; a received bundle likewise. "Nulls not
-- distinct": the patient's own items (no organisation) are one sender too.
-- ============================================================================
alter table record_item drop constraint record_item_patient_id_source_key_key;
alter table record_item add constraint record_item_sender_key
    unique nulls not distinct (patient_id, source_org_id, source_key);
alter table record_import drop constraint record_import_patient_id_content_sha256_key;
alter table record_import add constraint record_import_sender_content
    unique nulls not distinct (patient_id, source_org_id, content_sha256);

-- "これは私の記録ではありません": the patient says a sender filed records of somebody else under her
-- name. Everything that sender filed for her is held back from every reader (clinicians, counts,
-- public figures; her own view marks it) until a steward releases or removes it.
create table record_quarantine (
    id               uuid        primary key,
    patient_id       uuid        not null references directory_patient (id) on delete cascade,
    organisation_id  uuid        not null references directory_organisation (id),
    opened_at        timestamptz not null,
    state            text        not null check (state in ('OPEN', 'RELEASED', 'REMOVED')),
    resolved_at      timestamptz,
    resolved_by      text,
    note             text,
    check ((state = 'OPEN') = (resolved_at is null))
);
-- At most one open case per patient and sender.
create unique index record_quarantine_open on record_quarantine (patient_id, organisation_id) where state = 'OPEN';

-- Set on every item of an open case, also on items the sender files while the case is open;
-- readers filter on this one column.
alter table record_item add column quarantined boolean not null default false;
create index record_item_quarantined on record_item (patient_id) where quarantined;

-- New kinds of access-log rows and notices: records arrived from a new sender (or were refused
-- because the sender could not show it knows the patient), a quarantine opened or resolved, and a
-- patient's own upload withdrawn.
alter table audit_access_log drop constraint audit_access_log_action_check;
alter table audit_access_log add constraint audit_access_log_action_check check (action in ('READ', 'EXPORT',
    'CONSENT_CHANGE', 'EMERGENCY_ACCESS', 'EMERGENCY_REVIEW', 'COUNTED', 'RECORDS_RECEIVED', 'QUARANTINE',
    'IMPORT_WITHDRAWN'));
alter table consent_inbox drop constraint consent_inbox_kind_check;
alter table consent_inbox add constraint consent_inbox_kind_check check (kind in ('CONSENT_CHANGED', 'DATA_USED',
    'EMERGENCY_ACCESS', 'INVITATION', 'RECORDS_ARRIVED', 'RECORDS_DECIDED'));
