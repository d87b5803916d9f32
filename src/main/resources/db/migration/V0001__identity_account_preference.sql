-- ============================================================================
-- identity: what a signed-in person chose for themselves, keyed by the
-- identity provider's subject (issuer-scoped ids come with the directory).
-- ============================================================================
create table identity_account_preference (
    subject     text        primary key,
    language    text        not null check (language in ('ja', 'en')),
    updated_at  timestamptz not null default now()
);

comment on table identity_account_preference is
    'Per-account settings that follow a person across devices (language). No health data.';
