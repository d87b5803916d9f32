-- ============================================================================
-- identity: the embedded provider's passkeys (WebAuthn, demo mode). A person's
-- WebAuthn user handle is random, never the user name (authenticators may show
-- or sync it). Each credential keeps its public key, its signature counter (a
-- cloned authenticator shows as a counter going backwards) and when it was last
-- used; the private key never leaves the person's device.
-- ============================================================================
create table identity_passkey_user (
    id           bytea primary key,
    username     text  not null unique,
    display_name text  not null
);

create table identity_passkey (
    credential_id        bytea       primary key,
    user_id              bytea       not null references identity_passkey_user (id) on delete cascade,
    public_key           bytea       not null,
    signature_count      bigint      not null,
    uv_initialized       boolean     not null,
    backup_eligible      boolean     not null,
    backup_state         boolean     not null,
    transports           text        not null default '',
    credential_type      text        not null,
    attestation_object   bytea,
    attestation_client_data bytea,
    label                text        not null check (length(label) between 1 and 64),
    created              timestamptz not null,
    last_used            timestamptz not null
);

create index identity_passkey_user_id on identity_passkey (user_id);
