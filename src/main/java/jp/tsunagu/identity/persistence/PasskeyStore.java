package jp.tsunagu.identity.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code identity_passkey_user} and {@code identity_passkey}, in the shapes Spring Security's
 * WebAuthn relying party reads and writes (its own JDBC repositories would want tables outside the
 * module's names).
 */
@Repository
public class PasskeyStore implements UserCredentialRepository, PublicKeyCredentialUserEntityRepository {

    private static final String COLUMNS = "credential_id, user_id, public_key, signature_count, uv_initialized, "
            + "backup_eligible, backup_state, transports, credential_type, attestation_object, "
            + "attestation_client_data, label, created, last_used";

    private final JdbcClient jdbc;

    PasskeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- the people (WebAuthn user entities) ---

    @Override
    public PublicKeyCredentialUserEntity findById(Bytes id) {
        return jdbc.sql("select id, username, display_name from identity_passkey_user where id = :id")
                .param("id", id.getBytes()).query(PasskeyStore::user).optional().orElse(null);
    }

    @Override
    public PublicKeyCredentialUserEntity findByUsername(String username) {
        return jdbc.sql("select id, username, display_name from identity_passkey_user where username = :u")
                .param("u", username).query(PasskeyStore::user).optional().orElse(null);
    }

    @Override
    public void save(PublicKeyCredentialUserEntity user) {
        jdbc.sql("""
                        insert into identity_passkey_user (id, username, display_name) values (:id, :u, :d)
                        on conflict (id) do update set username = excluded.username, display_name = excluded.display_name""")
                .param("id", user.getId().getBytes()).param("u", user.getName())
                .param("d", user.getDisplayName()).update();
    }

    @Override
    public void delete(Bytes id) {
        // Either a person (with all their passkeys) or one passkey: Spring calls both by id.
        jdbc.sql("delete from identity_passkey_user where id = :id").param("id", id.getBytes()).update();
        jdbc.sql("delete from identity_passkey where credential_id = :id").param("id", id.getBytes()).update();
    }

    // --- the passkeys ---

    @Override
    public void save(CredentialRecord record) {
        jdbc.sql("insert into identity_passkey (" + COLUMNS + """
                        ) values (:id, :user, :key, :count, :uv, :be, :bs, :transports, :type, :att, :client, :label,
                                  :created, :used)
                        on conflict (credential_id) do update set signature_count = excluded.signature_count,
                            uv_initialized = excluded.uv_initialized, backup_state = excluded.backup_state,
                            last_used = excluded.last_used, label = excluded.label""")
                .param("id", record.getCredentialId().getBytes())
                .param("user", record.getUserEntityUserId().getBytes())
                .param("key", record.getPublicKey().getBytes())
                .param("count", record.getSignatureCount())
                .param("uv", record.isUvInitialized())
                .param("be", record.isBackupEligible())
                .param("bs", record.isBackupState())
                .param("transports", record.getTransports() == null ? "" : record.getTransports().stream()
                        .map(AuthenticatorTransport::getValue).collect(Collectors.joining(",")))
                .param("type", record.getCredentialType() == null ? PublicKeyCredentialType.PUBLIC_KEY.getValue()
                        : record.getCredentialType().getValue())
                .param("att", record.getAttestationObject() == null ? null : record.getAttestationObject().getBytes())
                .param("client", record.getAttestationClientDataJSON() == null ? null
                        : record.getAttestationClientDataJSON().getBytes())
                .param("label", record.getLabel())
                .param("created", Timestamp.from(record.getCreated()))
                .param("used", Timestamp.from(record.getLastUsed()))
                .update();
    }

    @Override
    public CredentialRecord findByCredentialId(Bytes credentialId) {
        return jdbc.sql("select " + COLUMNS + " from identity_passkey where credential_id = :id")
                .param("id", credentialId.getBytes()).query(PasskeyStore::credential).optional().orElse(null);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return jdbc.sql("select " + COLUMNS + " from identity_passkey where user_id = :id order by created")
                .param("id", userId.getBytes()).query(PasskeyStore::credential).list();
    }

    /** The person's passkeys, or none if they never registered one. */
    public List<CredentialRecord> of(String username) {
        PublicKeyCredentialUserEntity user = findByUsername(username);
        return user == null ? List.of() : findByUserId(user.getId());
    }

    /** Removes one of the person's own passkeys; false if it is not theirs. */
    public boolean remove(String username, Bytes credentialId) {
        return jdbc.sql("""
                        delete from identity_passkey p using identity_passkey_user u
                        where p.user_id = u.id and u.username = :u and p.credential_id = :id""")
                .param("u", username).param("id", credentialId.getBytes()).update() == 1;
    }

    private static PublicKeyCredentialUserEntity user(ResultSet rs, int row) throws SQLException {
        return ImmutablePublicKeyCredentialUserEntity.builder().id(new Bytes(rs.getBytes(1))).name(rs.getString(2))
                .displayName(rs.getString(3)).build();
    }

    private static CredentialRecord credential(ResultSet rs, int row) throws SQLException {
        String transports = rs.getString("transports");
        Set<AuthenticatorTransport> parsed = transports.isEmpty() ? Set.of() : Arrays.stream(transports.split(","))
                .map(AuthenticatorTransport::valueOf).collect(Collectors.toSet());
        byte[] attestation = rs.getBytes("attestation_object");
        byte[] client = rs.getBytes("attestation_client_data");
        return ImmutableCredentialRecord.builder()
                .credentialId(new Bytes(rs.getBytes("credential_id")))
                .userEntityUserId(new Bytes(rs.getBytes("user_id")))
                .publicKey(new ImmutablePublicKeyCose(rs.getBytes("public_key")))
                .signatureCount(rs.getLong("signature_count"))
                .uvInitialized(rs.getBoolean("uv_initialized"))
                .backupEligible(rs.getBoolean("backup_eligible"))
                .backupState(rs.getBoolean("backup_state"))
                .transports(parsed)
                .credentialType(PublicKeyCredentialType.valueOf(rs.getString("credential_type")))
                .attestationObject(attestation == null ? null : new Bytes(attestation))
                .attestationClientDataJSON(client == null ? null : new Bytes(client))
                .label(rs.getString("label"))
                .created(rs.getTimestamp("created").toInstant())
                .lastUsed(rs.getTimestamp("last_used").toInstant())
                .build();
    }
}
