package jp.tsunagu.audit.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import jp.tsunagu.audit.ChainContent;
import jp.tsunagu.audit.ChainKeys;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Seals the rows written before the chain was keyed: every row's link and hash are recomputed as
 * HMACs under the current key, in chain order, and the purge anchor gets its MAC. It runs once, as the
 * database owner, inside Flyway's transaction, so a log is either wholly plain or wholly keyed.
 * Rows that had already been changed behind the trigger's back are sealed as they are; the release
 * that brings this migration should be installed on a log that {@code verify-audit} found intact.
 */
@Component
class V0011_1__Seal_access_log_with_key extends BaseJavaMigration {

    private final ChainKeys keys;

    V0011_1__Seal_access_log_with_key(ChainKeys keys) {
        this.keys = keys;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        String keyId = keys.currentId();
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table audit_access_log disable trigger user");
            statement.execute("alter table audit_chain_anchor disable trigger user");
        }
        String previous = AccessLogStore.GENESIS;
        try (Statement statement = connection.createStatement();
             ResultSet anchor = statement.executeQuery("select after_seq, hash, purged_at from audit_chain_anchor")) {
            if (anchor.next()) {
                previous = anchor.getString("hash");
                Instant purgedAt = anchor.getTimestamp("purged_at").toInstant();
                try (PreparedStatement update = connection.prepareStatement(
                        "update audit_chain_anchor set key_id = ?, mac = ? where id = 1")) {
                    update.setString(1, keyId);
                    update.setString(2, keys.mac(keyId, ChainContent.anchor(anchor.getLong("after_seq"), previous,
                            purgedAt)));
                    update.executeUpdate();
                }
            }
        }
        try (Statement read = connection.createStatement();
             PreparedStatement update = connection.prepareStatement(
                     "update audit_access_log set prev_hash = ?, hash = ?, key_id = ? where seq = ?")) {
            read.setFetchSize(1000);
            int pending = 0;
            try (ResultSet rows = read.executeQuery("select * from audit_access_log order by seq")) {
                while (rows.next()) {
                    var entry = AccessLogStore.entry(rows);
                    String hash = keys.mac(keyId, ChainContent.row(entry, previous));
                    update.setString(1, previous);
                    update.setString(2, hash);
                    update.setString(3, keyId);
                    update.setLong(4, entry.seq());
                    update.addBatch();
                    if (++pending == 1000) {
                        update.executeBatch();
                        pending = 0;
                    }
                    previous = hash;
                }
            }
            update.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table audit_access_log alter column key_id set not null");
            statement.execute("alter table audit_access_log enable trigger user");
            statement.execute("alter table audit_chain_anchor enable trigger user");
        }
    }
}
