package jp.tsunagu.record.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.ItemId;
import jp.tsunagu.record.ItemKind;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.SenderEntry;
import jp.tsunagu.record.SensitiveLabel;
import jp.tsunagu.record.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code record_*} tables. */
@Repository
public class RecordStore {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    RecordStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Registers a received bundle for the patient. The same bytes received before give the earlier
     * receipt back ({@code resend} true) instead of a second row.
     */
    public Receipt insertImport(PatientId patient, Optional<OrganisationId> source, String bundleType,
            Optional<String> bundleIdentifier, String sha256, String original, Instant receivedAt, String receivedBy,
            int resources) {
        UUID id = UUID.randomUUID();
        int rows = jdbc.sql("""
                        insert into record_import (id, patient_id, source_org_id, bundle_type, bundle_identifier,
                            content_sha256, original, received_at, received_by, resource_count)
                        values (:id, :patient, :source, :type, :identifier, :sha, :original, :at, :by, :count)
                        on conflict (patient_id, source_org_id, content_sha256) do nothing
                        """)
                .param("id", id)
                .param("patient", patient.value())
                .param("source", source.map(OrganisationId::value).orElse(null))
                .param("type", bundleType)
                .param("identifier", bundleIdentifier.orElse(null))
                .param("sha", sha256)
                .param("original", original)
                .param("at", Timestamp.from(receivedAt))
                .param("by", receivedBy)
                .param("count", resources)
                .update();
        if (rows == 1) {
            return new Receipt(id, false);
        }
        UUID existing = jdbc.sql("""
                        select id from record_import
                        where patient_id = :p and source_org_id is not distinct from cast(:source as uuid) and content_sha256 = :sha
                        """)
                .param("p", patient.value()).param("source", source.map(OrganisationId::value).orElse(null))
                .param("sha", sha256)
                .query(UUID.class).single();
        return new Receipt(existing, true);
    }

    public record Receipt(UUID importId, boolean resend) {
    }

    /** A received bundle that still holds at least one of the patient's items, oldest first. */
    public record StoredImport(UUID id, Optional<OrganisationId> source, String original, Instant receivedAt,
            boolean holdsUndisclosed) {
    }

    public List<StoredImport> importsInUse(PatientId patient) {
        return jdbc.sql("""
                        select id, source_org_id, original, received_at,
                            exists (select 1 from record_item u where u.import_id = ri.id and u.undisclosed)
                                as holds_undisclosed
                        from record_import ri
                        where ri.patient_id = :p and exists (select 1 from record_item i where i.import_id = ri.id)
                        order by received_at, id
                        """)
                .param("p", patient.value())
                .query((rs, row) -> new StoredImport(rs.getObject("id", UUID.class),
                        Optional.ofNullable(rs.getObject("source_org_id", UUID.class)).map(OrganisationId::new),
                        rs.getString("original"), rs.getTimestamp("received_at").toInstant(),
                        rs.getBoolean("holds_undisclosed")))
                .list();
    }

    /** A file the patient imported herself (no sending organisation), with how many items it still holds. */
    public record PatientImport(UUID id, Instant receivedAt, int items) {
    }

    public List<PatientImport> patientImports(PatientId patient) {
        return jdbc.sql("""
                        select ri.id, ri.received_at, count(i.id) as items from record_import ri
                        join record_item i on i.import_id = ri.id and i.patient_id = ri.patient_id
                        where ri.patient_id = :p and ri.source_org_id is null and ri.received_by like 'patient:%'
                          and i.source_org_id is null
                        group by ri.id, ri.received_at
                        order by ri.received_at desc, ri.id
                        """)
                .param("p", patient.value())
                .query((rs, row) -> new PatientImport(rs.getObject("id", UUID.class),
                        rs.getTimestamp("received_at").toInstant(), rs.getInt("items")))
                .list();
    }

    /** Deletes what one of the patient's own imports added, and the import; returns the number of items. */
    public int deletePatientImport(PatientId patient, UUID importId) {
        int items = jdbc.sql("""
                        delete from record_item where patient_id = :p and import_id = :i and source_org_id is null
                        """)
                .param("p", patient.value()).param("i", importId).update();
        jdbc.sql("""
                        delete from record_import ri where ri.id = :i and ri.patient_id = :p and ri.source_org_id is null
                          and not exists (select 1 from record_item x where x.import_id = ri.id)
                        """)
                .param("p", patient.value()).param("i", importId).update();
        return items;
    }

    public Optional<SenderEntry> entryOfSender(OrganisationId sender, ItemId id) {
        return jdbc.sql("select id, patient_id, source_key from record_item where id = :id and source_org_id = :o")
                .param("id", id.value()).param("o", sender.value())
                .query((rs, row) -> senderEntry(rs)).optional();
    }

    /**
     * An entry whose key is exactly this type and identifier, or whose first identifier it is (the key of a
     * resource with several identifiers lists them all, sorted).
     */
    public Optional<SenderEntry> entryOfSender(OrganisationId sender, String resourceType,
            String identifier) {
        return jdbc.sql("""
                        select id, patient_id, source_key from record_item
                        where source_org_id = :o and (source_key = :key
                          or (source_identifier = :identifier and source_key like :prefix escape '\'))
                        order by received_at limit 1
                        """)
                .param("o", sender.value()).param("key", resourceType + "|" + identifier)
                .param("identifier", identifier)
                .param("prefix", resourceType.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "|%")
                .query((rs, row) -> senderEntry(rs)).optional();
    }

    private static SenderEntry senderEntry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SenderEntry(new ItemId(rs.getObject("id", UUID.class)),
                new PatientId(rs.getObject("patient_id", UUID.class)), rs.getString("source_key"));
    }

    public record Existing(ItemId id, String contentSha256) {
    }

    /** Inserts the item row unless the patient already has one with this source key. */
    public Optional<ItemId> insertItem(ItemId id, PatientId patient, ItemContent content, Source source,
            String contentSha256, @Nullable UUID importId, Instant receivedAt, LocalDate retainUntil,
            boolean undisclosed, List<SensitiveLabel> labels) {
        boolean[] inserted = insertItems(patient, receivedAt, List.of(new NewRow(id, content, source, contentSha256,
                importId, retainUntil, undisclosed, labels)));
        return inserted[0] ? Optional.of(id) : Optional.empty();
    }

    /** One item row to insert for a patient. */
    public record NewRow(ItemId id, ItemContent content, Source source, String contentSha256, @Nullable UUID importId,
            LocalDate retainUntil, boolean undisclosed, List<SensitiveLabel> labels) {
    }

    private static final String INSERT_ITEM = """
            insert into record_item (id, patient_id, kind, category, source_org_id, source_key,
                source_identifier, original_resource, content_sha256, import_id, received_at, retain_until,
                effective_at, undisclosed, sensitive_labels, quarantined)
            values (:id, :patient, :kind, :category, :org, :key, :identifier, :original, :sha, :import,
                :received, :retain, :effective, :undisclosed, :labels,
                -- a sender the patient said is filing somebody else's records stays held back
                exists (select 1 from record_quarantine q where q.patient_id = :patient
                        and q.organisation_id = :org and q.state = 'OPEN'))
            on conflict (patient_id, source_org_id, source_key) do nothing
            """;

    /**
     * Inserts the rows a sender's bundle brings in one JDBC batch (one round trip instead of one per item), then
     * the detail rows of those that were new, a batch per kind. Row by row: true when inserted, false when the
     * sender already has an item under that key (the caller compares and replaces).
     */
    public boolean[] insertItems(PatientId patient, Instant receivedAt, List<NewRow> rows) {
        @SuppressWarnings("unchecked")
        Map<String, ?>[] items = rows.stream().map(r -> itemParams(r.id(), patient, r.content(), r.source(),
                r.contentSha256(), r.importId(), receivedAt, r.retainUntil(), r.undisclosed(), r.labels()))
                .toArray(Map[]::new);
        int[] counts = batch.batchUpdate(INSERT_ITEM, items);
        boolean[] inserted = new boolean[rows.size()];
        List<NewRow> added = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            inserted[i] = counts[i] == 1;
            if (inserted[i]) {
                added.add(rows.get(i));
            }
        }
        insertDetails(added.stream().map(r -> Map.entry(r.id(), r.content())).toList());
        return inserted;
    }

    /** The typed rows of new items, a batch per kind, and the sections of documents. */
    private void insertDetails(List<Map.Entry<ItemId, ItemContent>> items) {
        Map<ItemKind, List<Map.Entry<ItemId, ItemContent>>> byKind = new java.util.EnumMap<>(ItemKind.class);
        List<Map<String, ?>> sections = new ArrayList<>();
        for (Map.Entry<ItemId, ItemContent> item : items) {
            byKind.computeIfAbsent(item.getValue().kind(), k -> new ArrayList<>()).add(item);
            if (item.getValue() instanceof ClinicalDocument document) {
                int position = 0;
                for (ClinicalDocument.Section section : document.sections()) {
                    Map<String, @Nullable Object> params = new HashMap<>();
                    params.put("id", item.getKey().value());
                    params.put("position", position++);
                    params.put("depth", section.depth());
                    params.put("title", section.title());
                    params.put("code", section.code().orElse(null));
                    params.put("text", section.text());
                    sections.add(params);
                }
            }
        }
        byKind.forEach((kind, ofKind) -> {
            List<String> columns = ItemColumns.allColumns(kind);
            String sql = "insert into " + ItemColumns.table(kind) + " (" + String.join(", ", columns)
                    + ") values (" + columns.stream().map(c -> ":" + c).collect(Collectors.joining(", ")) + ")";
            @SuppressWarnings("unchecked")
            Map<String, ?>[] values = ofKind.stream().map(i -> detailParams(columns, i.getKey(), i.getValue()))
                    .toArray(Map[]::new);
            batch.batchUpdate(sql, values);
        });
        if (!sections.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, ?>[] values = sections.toArray(Map[]::new);
            batch.batchUpdate("""
                    insert into record_document_section (item_id, position, depth, title, code, text)
                    values (:id, :position, :depth, :title, :code, :text)
                    """, values);
        }
    }

    private static Map<String, @Nullable Object> detailParams(List<String> columns, ItemId id, ItemContent content) {
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("item_id", id.value());
        @Nullable Object[] values = ItemColumns.values(content);
        for (int i = 0; i < values.length; i++) {
            params.put(columns.get(i + 1), values[i]);
        }
        return params;
    }

    /** The item this sender filed under this key for the patient (another sender's item never answers). */
    public Existing existing(PatientId patient, Optional<OrganisationId> sender, String sourceKey) {
        return jdbc.sql("""
                        select id, content_sha256 from record_item
                        where patient_id = :p and source_org_id is not distinct from cast(:org as uuid) and source_key = :k
                        """)
                .param("p", patient.value()).param("org", sender.map(OrganisationId::value).orElse(null))
                .param("k", sourceKey)
                .query((rs, row) -> new Existing(new ItemId(rs.getObject(1, UUID.class)), rs.getString(2)))
                .single();
    }

    /** Deletes one of the patient's items; false when the patient has no such item of that kind. */
    public boolean deleteItem(PatientId patient, ItemId id, ItemKind kind) {
        return jdbc.sql("delete from record_item where id = :id and patient_id = :p and kind = :kind")
                .param("id", id.value()).param("p", patient.value()).param("kind", kind.name())
                .update() == 1;
    }

    /** Replaces an item's content and provenance in place (a corrected resend), keeping its id. */
    public void replaceItem(ItemId id, PatientId patient, ItemContent content, Source source, String contentSha256,
            @Nullable UUID importId, Instant receivedAt, LocalDate retainUntil, boolean undisclosed,
            List<SensitiveLabel> labels) {
        jdbc.sql("""
                        update record_item set kind = :kind, category = :category, source_org_id = :org,
                            source_identifier = :identifier, original_resource = :original, content_sha256 = :sha,
                            import_id = :import, received_at = :received, retain_until = :retain,
                            effective_at = :effective, undisclosed = :undisclosed, sensitive_labels = :labels
                        where id = :id and patient_id = :patient
                        """)
                .params(itemParams(id, patient, content, source, contentSha256, importId, receivedAt, retainUntil,
                        undisclosed, labels))
                .update();
        for (ItemKind kind : ItemKind.values()) {
            jdbc.sql("delete from " + ItemColumns.table(kind) + " where item_id = :id").param("id", id.value()).update();
        }
        insertDetails(List.of(Map.entry(id, content)));
    }

    private static Map<String, @Nullable Object> itemParams(ItemId id, PatientId patient, ItemContent content,
            Source source, String sha, @Nullable UUID importId, Instant receivedAt, LocalDate retainUntil,
            boolean undisclosed, List<SensitiveLabel> labels) {
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("id", id.value());
        params.put("patient", patient.value());
        params.put("kind", content.kind().name());
        params.put("category", content.category().name());
        params.put("org", source.organisation().map(OrganisationId::value).orElse(null));
        params.put("key", source.sourceKey());
        params.put("identifier", source.sourceIdentifier().orElse(null));
        params.put("original", source.originalResource().orElse(null));
        params.put("sha", sha);
        params.put("import", importId);
        params.put("received", Timestamp.from(receivedAt));
        params.put("retain", retainUntil);
        params.put("effective", content.effectiveAt().map(Timestamp::from).orElse(null));
        params.put("undisclosed", undisclosed);
        params.put("labels", labels.stream().map(SensitiveLabel::name).toArray(String[]::new));
        return params;
    }

    /** Every item of the patient, all kinds, newest first. */
    public List<RecordItem> items(PatientId patient) {
        return items(patient, Optional.empty());
    }

    /** One item, only if it is this patient's: the patient id is part of every lookup, so a forged id finds nothing. */
    public Optional<RecordItem> item(PatientId patient, ItemId id) {
        return items(patient, Optional.of(id)).stream().findFirst();
    }

    private List<RecordItem> items(PatientId patient, Optional<ItemId> only) {
        List<RecordItem> items = new ArrayList<>();
        for (ItemKind kind : ItemKind.values()) {
            items.addAll(jdbc.sql("select i.*, d.* from record_item i join " + ItemColumns.table(kind)
                            + " d on d.item_id = i.id where i.patient_id = :p"
                            + (only.isPresent() ? " and i.id = :id" : "")
                            + " order by i.effective_at desc nulls last, i.id")
                    .param("p", patient.value())
                    .param("id", only.map(ItemId::value).orElse(null))
                    .query((rs, row) -> {
                        Timestamp effective = rs.getTimestamp("effective_at");
                        ItemContent content = ItemColumns.read(kind, rs, effective == null ? null : effective.toInstant());
                        String[] labels = (String[]) rs.getArray("sensitive_labels").getArray();
                        UUID org = rs.getObject("source_org_id", UUID.class);
                        return new RecordItem(new ItemId(rs.getObject("id", UUID.class)), patient, content,
                                new Source(Optional.ofNullable(org).map(OrganisationId::new), rs.getString("source_key"),
                                        Optional.ofNullable(rs.getString("source_identifier")),
                                        Optional.ofNullable(rs.getString("original_resource"))),
                                rs.getTimestamp("received_at").toInstant(),
                                rs.getObject("retain_until", LocalDate.class),
                                rs.getBoolean("undisclosed"),
                                java.util.Arrays.stream(labels).map(SensitiveLabel::ofName).flatMap(Optional::stream)
                                        .toList(),
                                Optional.ofNullable(rs.getObject("import_id", UUID.class)),
                                rs.getBoolean("quarantined"));
                    })
                    .list());
        }
        return withSections(items);
    }

    private List<RecordItem> withSections(List<RecordItem> items) {
        List<UUID> documentIds = items.stream().filter(i -> i.content() instanceof ClinicalDocument)
                .map(i -> i.id().value()).toList();
        if (documentIds.isEmpty()) {
            return items;
        }
        Map<UUID, List<ClinicalDocument.Section>> sections = new HashMap<>();
        jdbc.sql("select * from record_document_section where item_id = any(:ids) order by item_id, position")
                .param("ids", documentIds.toArray(UUID[]::new))
                .query(rs -> {
                    sections.computeIfAbsent(rs.getObject("item_id", UUID.class), k -> new ArrayList<>())
                            .add(new ClinicalDocument.Section(rs.getInt("depth"), rs.getString("title"),
                                    Optional.ofNullable(rs.getString("code")), rs.getString("text")));
                });
        return items.stream().map(item -> item.content() instanceof ClinicalDocument d
                ? new RecordItem(item.id(), item.patient(),
                        new ClinicalDocument(d.type(), d.title(), d.status(), d.authoredAt(),
                                sections.getOrDefault(item.id().value(), Collections.emptyList())),
                        item.source(), item.receivedAt(), item.retainUntil(), item.undisclosed(), item.sensitiveLabels(),
                        item.importId(), item.quarantined())
                : item).toList();
    }

    // --- retention ---

    /**
     * Removes up to {@code batch} expired items through the owner's function (which reads the date and
     * the patients' choices itself and logs the purge); answers how many items each patient lost.
     */
    public java.util.Map<UUID, Integer> purgeExpired(int batch) {
        java.util.Map<UUID, Integer> removed = new java.util.HashMap<>();
        jdbc.sql("select patient_id, items from record_purge_expired(:batch)").param("batch", batch)
                .query(rs -> {
                    removed.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        return removed;
    }

    public void keepBeyondRetention(UUID patient, java.time.Instant now, boolean keep) {
        if (keep) {
            jdbc.sql("insert into record_keep (patient_id, chosen_at) values (:p, :at) on conflict do nothing")
                    .param("p", patient).param("at", java.sql.Timestamp.from(now)).update();
        } else {
            jdbc.sql("delete from record_keep where patient_id = :p").param("p", patient).update();
        }
    }

    public boolean keepsBeyondRetention(UUID patient) {
        return jdbc.sql("select exists (select 1 from record_keep where patient_id = :p)").param("p", patient)
                .query(Boolean.class).single();
    }
}
