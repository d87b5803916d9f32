package jp.tsunagu.fhir.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Base;
import org.jspecify.annotations.Nullable;

/**
 * What a profile says about one element, compiled at load: which property to read, how many there may be, the
 * fixed or pattern value, the required binding, the invariants, the type profiles and slices that apply to
 * each value, and the rules of its children. Only elements that carry a check (or lead to one) get a rule, so a
 * check per resource touches only what the profile constrains. Built once by {@link ProfileCompiler}, then
 * only read (safe to share between threads).
 */
final class ElementRule {

    static final int UNBOUNDED = Integer.MAX_VALUE;

    /** The element as the profile names it, without the resource type ({@code identifier:insuranceNo.system}). */
    final String label;
    /** The property read on the parent ({@code value} for {@code value[x]}), and its hash for HAPI's look-up. */
    final String name;
    final int hash;
    /** For a choice element restricted to one type ({@code boundsDuration}): the FHIR type to keep. */
    final @Nullable String typeFilter;
    /** Whether the base element repeats, so that paths to its values carry an index. */
    final boolean list;
    /** The profile the rule comes from, for messages. */
    final String profile;

    int min;
    int max = UNBOUNDED;
    /** Whether min/max say more than the base resource already does (for slices: whether they say anything). */
    boolean checkCardinality;
    @Nullable ValueMatch fixed;
    @Nullable ValueMatch pattern;
    Terminology.@Nullable ValueSetCodes valueSet;
    List<Invariants.Invariant> invariants = List.of();
    /** For a choice element the profile narrows: the types still allowed. */
    @Nullable Set<String> allowedTypes;
    /** Canonical URLs of data type and extension profiles the values must also meet. */
    List<String> typeProfiles = List.of();
    List<ElementRule> children = List.of();
    /**
     * For a choice element the profile narrows to one type without naming it ({@code medication[x]} as a
     * CodeableConcept): the children rules read that type, so a value of another type (already a type error)
     * is not also held to them.
     */
    @Nullable String childrenType;
    @Nullable Slicing slicing;

    ElementRule(String label, String name, @Nullable String typeFilter, boolean list, String profile) {
        this.label = label;
        this.name = name;
        this.hash = name.hashCode();
        this.typeFilter = typeFilter;
        this.list = list;
        this.profile = profile;
    }

    boolean hasChecks() {
        return checkCardinality || fixed != null || pattern != null || valueSet != null || !invariants.isEmpty()
                || allowedTypes != null || !typeProfiles.isEmpty() || !children.isEmpty() || slicing != null;
    }

    /** The values of this element on a parent, without empty ones and, for a typed choice, only that type. */
    List<Base> values(Base parent, List<Integer> indexes) {
        Base[] raw = parent.getProperty(hash, name, false);
        if (raw == null || raw.length == 0) {
            return List.of();
        }
        List<Base> values = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            Base value = raw[i];
            if (value != null && !value.isEmpty() && (typeFilter == null || typeFilter.equals(value.fhirType()))) {
                values.add(value);
                indexes.add(i);
            }
        }
        return values;
    }

    /** How a repeating element's values are told apart, and how many of each kind there must be. */
    record Slicing(boolean closed, List<Slice> slices) {

        /** Closed slicing can refuse an unmatched value only when every slice could be recognised. */
        boolean canRefuseUnmatched() {
            return closed && slices.stream().allMatch(slice -> slice.tests() != null);
        }
    }

    /**
     * One slice: its rule (min/max count the values it matches) and the discriminator tests a value must pass
     * to belong to it; null tests when a discriminator cannot be evaluated here (see {@link ProfileCompiler}).
     */
    record Slice(String name, ElementRule rule, @Nullable List<SliceTest> tests) {

        boolean matches(Base value) {
            if (tests == null) {
                return false;
            }
            for (SliceTest test : tests) {
                if (!test.test(value)) {
                    return false;
                }
            }
            return true;
        }
    }

    @FunctionalInterface
    interface SliceTest {
        boolean test(Base value);
    }

    /** The values at a dotted path below a value ({@code coding.system}); an empty path is the value itself. */
    static List<Base> navigate(Base from, String[] path) {
        List<Base> current = List.of(from);
        for (String segment : path) {
            List<Base> next = new ArrayList<>();
            int hash = segment.hashCode();
            for (Base value : current) {
                Base[] children = value.getProperty(hash, segment, false);
                if (children != null) {
                    for (Base child : children) {
                        if (child != null && !child.isEmpty()) {
                            next.add(child);
                        }
                    }
                }
            }
            current = next;
        }
        return current;
    }
}
