package jp.tsunagu.record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One of the 3文書, with its sections as readable text (the original document Bundle is kept as well). */
public record ClinicalDocument(DocumentType type, String title, String status, Optional<Instant> authoredAt,
        List<Section> sections) implements ItemContent {

    public enum DocumentType {
        REFERRAL_LETTER(RecordCategory.REFERRAL_LETTER),
        DISCHARGE_SUMMARY(RecordCategory.DISCHARGE_SUMMARY),
        HEALTH_CHECK(RecordCategory.HEALTH_CHECK),
        OTHER(RecordCategory.OTHER);

        private final RecordCategory category;

        DocumentType(RecordCategory category) {
            this.category = category;
        }

        public RecordCategory category() {
            return category;
        }
    }

    /** A section in document order; {@code depth} 0 for top-level sections, 1 for their sub-sections. */
    public record Section(int depth, String title, Optional<String> code, String text) {
    }

    public ClinicalDocument {
        sections = List.copyOf(sections);
    }

    @Override
    public ItemKind kind() {
        return ItemKind.DOCUMENT;
    }

    @Override
    public RecordCategory category() {
        return type.category();
    }

    @Override
    public Optional<Instant> effectiveAt() {
        return authoredAt;
    }
}
