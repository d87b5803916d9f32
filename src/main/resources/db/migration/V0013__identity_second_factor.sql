-- ============================================================================
-- identity: the embedded provider's second factor (demo mode). One TOTP secret
-- per account, the last time step used (a code is never accepted twice), and
-- when it was enrolled. Production's provider keeps its own factors.
-- ============================================================================
create table identity_second_factor (
    username     text        primary key,
    totp_secret  text        not null,
    last_step    bigint      not null default 0,
    enrolled_at  timestamptz not null default now()
);
