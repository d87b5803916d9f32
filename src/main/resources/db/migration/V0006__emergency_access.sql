-- ============================================================================
-- consent: break-the-glass. A clinician opens a patient's record in an
-- emergency with a reason; the opening is time-boxed, reported to the patient
-- at once, logged, and waits in the stewards' review queue until reviewed.
-- The event columns never change; only the review is filled in, once.
-- ============================================================================
create table consent_emergency_access (
    id                uuid        primary key,
    patient_id        uuid        not null references directory_patient (id) on delete cascade,
    clinician         text        not null,
    clinician_name    text        not null,
    organisation_code text,
    reason            text        not null check (reason in ('UNCONSCIOUS', 'LIFE_THREATENING', 'URGENT_TREATMENT',
                                                             'OTHER')),
    detail            text        not null check (length(btrim(detail)) > 0),
    opened_at         timestamptz not null,
    expires_at        timestamptz not null check (expires_at > opened_at),
    review            text        check (review in ('JUSTIFIED', 'NOT_JUSTIFIED')),
    reviewer          text,
    review_comment    text,
    reviewed_at       timestamptz,
    check ((review is null) = (reviewer is null) and (review is null) = (reviewed_at is null))
);
create index consent_emergency_access_open on consent_emergency_access (patient_id, clinician, expires_at desc);
create index consent_emergency_access_pending on consent_emergency_access (opened_at) where review is null;

create function consent_emergency_review_once() returns trigger language plpgsql as $$
begin
    if old.review is not null then
        raise exception 'this emergency access has been reviewed already';
    end if;
    if (new.id, new.patient_id, new.clinician, new.clinician_name, new.organisation_code, new.reason, new.detail,
        new.opened_at, new.expires_at) is distinct from
       (old.id, old.patient_id, old.clinician, old.clinician_name, old.organisation_code, old.reason, old.detail,
        old.opened_at, old.expires_at) then
        raise exception 'an emergency access is never changed, only reviewed';
    end if;
    return new;
end
$$;
create trigger consent_emergency_access_review_only before update on consent_emergency_access
    for each row execute function consent_emergency_review_once();
create function consent_emergency_keep() returns trigger language plpgsql as $$
begin
    raise exception 'an emergency access is kept for review and audit (% refused)', tg_op;
end
$$;
create trigger consent_emergency_access_no_delete before delete on consent_emergency_access
    for each row execute function consent_emergency_keep();

-- The stewards' reviews are logged like every other act on personal data.
alter table audit_access_log drop constraint audit_access_log_action_check;
alter table audit_access_log add constraint audit_access_log_action_check check (action in ('READ', 'EXPORT',
    'CONSENT_CHANGE', 'EMERGENCY_ACCESS', 'EMERGENCY_REVIEW', 'COUNTED'));
