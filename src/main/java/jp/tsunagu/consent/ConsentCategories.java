package jp.tsunagu.consent;

import java.util.EnumSet;
import java.util.Set;

import jp.tsunagu.record.RecordCategory;

/**
 * What a patient shares, category by category: the 6情報, the 3文書 and their own PHR. Visits and
 * resources the record does not model are not shared person by person.
 */
public final class ConsentCategories {

    public static final Set<RecordCategory> SHAREABLE = Set.copyOf(EnumSet.of(RecordCategory.DIAGNOSIS,
            RecordCategory.INFECTION, RecordCategory.DRUG_ALLERGY, RecordCategory.OTHER_ALLERGY, RecordCategory.LAB,
            RecordCategory.PRESCRIPTION, RecordCategory.REFERRAL_LETTER, RecordCategory.DISCHARGE_SUMMARY,
            RecordCategory.HEALTH_CHECK, RecordCategory.PHR));

    /** In the order screens list them: safety first, then what is going on, then documents, then PHR. */
    public static final java.util.List<RecordCategory> ORDER = java.util.List.of(RecordCategory.DRUG_ALLERGY,
            RecordCategory.OTHER_ALLERGY, RecordCategory.DIAGNOSIS, RecordCategory.PRESCRIPTION, RecordCategory.LAB,
            RecordCategory.INFECTION, RecordCategory.REFERRAL_LETTER, RecordCategory.DISCHARGE_SUMMARY,
            RecordCategory.HEALTH_CHECK, RecordCategory.PHR);

    private ConsentCategories() {
    }

    /**
     * Category names (as the access log keeps them) in {@link #ORDER}, anything else after them in the
     * record's own order and unknown names last: every row and screen lists the same categories the same way.
     */
    public static java.util.List<String> inOrder(java.util.Collection<String> names) {
        return names.stream().distinct().sorted(java.util.Comparator.comparingInt(ConsentCategories::rank)
                .thenComparing(java.util.Comparator.naturalOrder())).toList();
    }

    private static int rank(String name) {
        for (RecordCategory category : RecordCategory.values()) {
            if (category.name().equals(name)) {
                int at = ORDER.indexOf(category);
                return at >= 0 ? at : ORDER.size() + category.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    /** What nobody-said-anything means for an aggregate purpose: every shareable category, or none. */
    public static Set<RecordCategory> byDefault(Purpose purpose) {
        return purpose.permittedByDefault() ? EnumSet.copyOf(SHAREABLE) : EnumSet.noneOf(RecordCategory.class);
    }
}
