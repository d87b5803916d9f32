package jp.tsunagu.record.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import jp.tsunagu.shared.CopyRows;
import java.util.Map;

import javax.sql.DataSource;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.ItemId;
import jp.tsunagu.record.ItemKind;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.record.Source;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.stereotype.Repository;

/**
 * Writes record items with PostgreSQL COPY instead of one INSERT per row: the bulk path of the
 * synthetic population and of large imports. Column values come from {@link ItemColumns}, the same
 * mapping the row-by-row {@link RecordStore} uses.
 *
 * <p>A {@link Rows} batch is pure encoding and may be filled on another thread while an earlier one
 * is being written. {@link #write} runs on the connection of the caller's transaction, so the rows
 * commit together with whatever else that transaction wrote (the patients they belong to).
 */
@Repository
public class ItemCopyWriter {

    static final List<String> ITEM_COLUMNS = List.of("id", "patient_id", "kind", "category", "source_org_id",
            "source_key", "source_identifier", "original_resource", "content_sha256", "import_id", "received_at",
            "retain_until", "effective_at", "undisclosed", "sensitive_labels");

    static final List<String> SECTION_COLUMNS = List.of("item_id", "position", "depth", "title", "code", "text");

    private final DataSource dataSource;

    ItemCopyWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Rows newRows() {
        return new Rows();
    }

    /** COPY rows in foreign-key order: items, then their details, then document sections. */
    public long write(Rows rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long written = rows.items.copyTo(copy);
            for (CopyRows detail : rows.details.values()) {
                detail.copyTo(copy);
            }
            rows.sections.copyTo(copy);
            return written;
        } catch (SQLException e) {
            var translated = new SQLExceptionSubclassTranslator().translate("COPY record items", null, e);
            throw translated != null ? translated : new DataAccessResourceFailureException("COPY record items", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One batch of encoded rows for every record table. */
    public static final class Rows {

        private final CopyRows items = new CopyRows("record_item", ITEM_COLUMNS);
        // EnumMap iterates in ItemKind order, which puts record_document before its sections.
        private final Map<ItemKind, CopyRows> details = new EnumMap<>(ItemKind.class);
        private final CopyRows sections = new CopyRows("record_document_section", SECTION_COLUMNS);

        private Rows() {
        }

        public void add(ItemId id, PatientId patient, ItemContent content, Source source, String contentSha256,
                Instant receivedAt, LocalDate retainUntil, boolean undisclosed, List<SensitiveLabel> labels) {
            items.add(id.value())
                    .add(patient.value())
                    .add(content.kind().name())
                    .add(content.category().name())
                    .add(source.organisation().map(OrganisationId::value).orElse(null))
                    .add(source.sourceKey())
                    .add(source.sourceIdentifier().orElse(null))
                    .add(source.originalResource().orElse(null))
                    .add(contentSha256)
                    .add(null)
                    .add(receivedAt)
                    .add(retainUntil)
                    .add(content.effectiveAt().orElse(null))
                    .add(undisclosed)
                    .add(labels.stream().map(SensitiveLabel::name).toArray(String[]::new))
                    .end();
            CopyRows detail = details.computeIfAbsent(content.kind(),
                    kind -> new CopyRows(ItemColumns.table(kind), ItemColumns.allColumns(kind)));
            detail.add(id.value());
            for (@Nullable Object value : ItemColumns.values(content)) {
                detail.add(value);
            }
            detail.end();
            if (content instanceof ClinicalDocument document) {
                int position = 0;
                for (ClinicalDocument.Section section : document.sections()) {
                    sections.add(id.value()).add(position++).add(section.depth()).add(section.title())
                            .add(section.code().orElse(null)).add(section.text()).end();
                }
            }
        }

        public long items() {
            return items.rows();
        }

        /** Rows over all tables (items, details, sections). */
        public long rows() {
            long total = items.rows() + sections.rows();
            for (CopyRows detail : details.values()) {
                total += detail.rows();
            }
            return total;
        }

        public long bytes() {
            long total = items.bytes() + sections.bytes();
            for (CopyRows detail : details.values()) {
                total += detail.bytes();
            }
            return total;
        }
    }
}
