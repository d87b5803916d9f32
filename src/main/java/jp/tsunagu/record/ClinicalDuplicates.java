package jp.tsunagu.record;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * <em>Clinical duplicates</em>, as the clinician's shared view marks them (他院と重複): among the
 * prescriptions in front of her (the current ones), the same drug (by its coded product, else by its name)
 * prescribed by two or more different hospitals. Only hospitals count: the patient's own copy of a
 * hospital's prescription (an upload or an entry, no organisation) is the same prescription, not another
 * hospital's.
 * <p>
 * It differs from the {@link StatisticalDuplicate statistical duplicate} on purpose: here the question is
 * "is this medicine on the list twice from different prescribers?" for exactly the items shown, whatever
 * their dates, with the exact product as the key; the statistic counts the same ingredient within 30 days
 * across a year.
 */
public final class ClinicalDuplicates {

    private final Set<String> duplicated;

    private ClinicalDuplicates(Set<String> duplicated) {
        this.duplicated = duplicated;
    }

    /** The clinical duplicates among these items (items other than prescriptions are ignored). */
    public static ClinicalDuplicates among(Collection<RecordItem> items) {
        Map<String, Set<Object>> hospitals = items.stream()
                .filter(i -> i.content() instanceof Prescription && i.source().organisation().isPresent())
                .collect(Collectors.groupingBy(i -> drugKey((Prescription) i.content()),
                        Collectors.mapping(i -> i.source().organisation().orElseThrow(), Collectors.toSet())));
        return new ClinicalDuplicates(hospitals.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * The prescriptions among these items, one entry per drug (the same key as the duplicate: the coded product,
     * else the name), each with every prescription of it, newest first, and the drugs in the order of their newest
     * prescription. A hospital that prescribes for six weeks every five weeks has two current prescriptions of
     * each drug on most days: they are one medicine to the reader, not two.
     */
    public static List<List<RecordItem>> perDrug(Collection<RecordItem> items) {
        Map<String, List<RecordItem>> drugs = new LinkedHashMap<>();
        items.stream().filter(i -> i.content() instanceof Prescription)
                .sorted(Comparator.comparing((RecordItem i) -> i.content().effectiveAt().orElse(i.receivedAt()))
                        .reversed())
                .forEach(i -> drugs.computeIfAbsent(drugKey((Prescription) i.content()), k -> new ArrayList<>()).add(i));
        return drugs.values().stream().map(List::copyOf).toList();
    }

    /** Whether the item is a prescription of a drug that two or more hospitals prescribed. */
    public boolean contains(RecordItem item) {
        return item.content() instanceof Prescription p && duplicated.contains(drugKey(p));
    }

    public boolean isEmpty() {
        return duplicated.isEmpty();
    }

    private static String drugKey(Prescription p) {
        return p.code().map(c -> c.system() + "|" + c.code()).orElse("name|" + p.drugName());
    }
}
