-- ============================================================================
-- consent: the patient's objection to a break-the-glass (issue 17). One tap in
-- the emergency notice; it waits in the stewards' review queue with the event.
-- One per event (objecting twice changes nothing), never changed or removed:
-- it is part of what the review is judged against.
-- ============================================================================
create table consent_emergency_objection (
    emergency_id uuid        primary key references consent_emergency_access (id),
    patient_id   uuid        not null references directory_patient (id) on delete cascade,
    objected_at  timestamptz not null
);
create function consent_emergency_objection_keep() returns trigger language plpgsql as $$
begin
    raise exception 'an objection is kept for review and audit (% refused)', tg_op;
end
$$;
create trigger consent_emergency_objection_no_change before update or delete on consent_emergency_objection
    for each row execute function consent_emergency_objection_keep();
