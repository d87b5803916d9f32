-- ============================================================================
-- audit: two more kinds of row, so that every touch of personal data is logged:
-- SEARCHED (a clinician's search found this patient, or a steward searched the
-- access log) and IMPORTED (records were added to or changed in this patient's
-- record, by whom and how many).
-- ============================================================================
alter table audit_access_log drop constraint audit_access_log_action_check;
alter table audit_access_log add constraint audit_access_log_action_check check (action in ('READ', 'EXPORT',
    'CONSENT_CHANGE', 'EMERGENCY_ACCESS', 'EMERGENCY_REVIEW', 'COUNTED', 'RECORDS_RECEIVED', 'QUARANTINE',
    'IMPORT_WITHDRAWN', 'SEARCHED', 'IMPORTED'));
