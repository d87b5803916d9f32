-- ============================================================================
-- research: a patient who accepted an invitation may withdraw (issue 17). The
-- sponsor stops seeing her among those to contact; what it was already shown
-- (name, phone, e-mail at acceptance) stays in the row, as it was handed over.
-- ============================================================================
alter table research_invitation add column withdrawn_at timestamptz;
alter table research_invitation add constraint research_invitation_withdrawn_accepted
    check (withdrawn_at is null or status = 'ACCEPTED');
