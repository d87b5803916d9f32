-- ============================================================================
-- record: the countable facts. What an aggregate use (cohort counts, post-market
-- views, public figures) may count, decided here once for every reader: an item
-- the patient has not been told of (未告知), an item held back as "not my record"
-- (quarantined) and an item with a sensitive label are no facts for anybody's
-- statistics; nor is a diagnosis the clinician refuted or entered in error.
-- Other modules read these only through jp.tsunagu.record.CountableFacts.
-- ============================================================================
create view record_countable_item as
select i.id, i.patient_id, i.kind, i.source_org_id, i.effective_at
from record_item i
where not i.undisclosed and not i.quarantined and cardinality(i.sensitive_labels) = 0;

create view record_countable_diagnosis as
select i.id as item_id, i.patient_id, d.icd10, d.name
from record_countable_item i
join record_diagnosis d on d.item_id = i.id
where d.icd10 is not null and coalesce(d.verification, '') not in ('refuted', 'entered-in-error');
