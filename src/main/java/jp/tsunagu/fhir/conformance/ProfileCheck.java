package jp.tsunagu.fhir.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/** Applies compiled {@link ElementRule}s to one resource; walks only the elements the profile constrains. */
final class ProfileCheck {

    static final String CARDINALITY_MIN = "fhir.conformance.cardinalityMin";
    static final String CARDINALITY_MAX = "fhir.conformance.cardinalityMax";
    static final String TYPE_NOT_ALLOWED = "fhir.conformance.typeNotAllowed";
    static final String FIXED_VALUE = "fhir.conformance.fixedValue";
    static final String PATTERN = "fhir.conformance.pattern";
    static final String SLICE_MIN = "fhir.conformance.sliceMin";
    static final String SLICE_MAX = "fhir.conformance.sliceMax";
    static final String CLOSED_SLICE = "fhir.conformance.closedSlice";
    static final String CODE_NOT_IN_VALUE_SET = "fhir.conformance.codeNotInValueSet";
    static final String UNKNOWN_CODE_SYSTEM = "fhir.conformance.unknownCodeSystem";
    static final String INVARIANT = "fhir.conformance.invariant";

    /** Data type profiles nest (a dosage's timing, an extension's extension); a cycle must not recurse forever. */
    private static final int MAX_PROFILE_DEPTH = 12;

    private final Map<String, ProfileCompiler.CompiledProfile> profiles;
    private final Invariants invariants;

    ProfileCheck(Map<String, ProfileCompiler.CompiledProfile> profiles, Invariants invariants) {
        this.profiles = profiles;
        this.invariants = invariants;
    }

    private static final class Run {
        final Resource focus;
        final Resource root;
        final List<Finding> out;
        final Set<String> seen;
        int depth;

        Run(Resource focus, Resource root, List<Finding> out, Set<String> seen) {
            this.focus = focus;
            this.root = root;
            this.out = out;
            this.seen = seen;
        }

        /**
         * A snapshot repeats the base element's constraints on each slice, and a resource may claim a JP Core
         * profile and the JP-CLINS one built on it: the same fault is reported once, under the first name
         * found for it. {@code identity} is what tells two faults at one path apart.
         */
        void report(Finding finding, Object... identity) {
            if (seen.add(finding.severity() + "|" + finding.path() + "|" + finding.messageKey() + "|"
                    + Arrays.toString(identity))) {
                out.add(finding);
            }
        }
    }

    /** {@code seen} spans all profiles checked on one resource, so that none repeats another's finding. */
    void check(ProfileCompiler.CompiledProfile profile, Resource resource, Resource root, Path at,
            List<Finding> out, Set<String> seen) {
        value(profile.root(), resource, at, new Run(resource, root, out, seen));
    }

    private void value(ElementRule rule, Base value, Path path, Run run) {
        if (rule.allowedTypes != null && !rule.allowedTypes.contains(value.fhirType())) {
            run.report(Finding.error(path.toString(), TYPE_NOT_ALLOWED, rule.label, value.fhirType(),
                    String.join(", ", rule.allowedTypes), rule.profile), value.fhirType());
        }
        if (rule.fixed != null && !rule.fixed.matches(value)) {
            run.report(Finding.error(path.toString(), FIXED_VALUE, rule.label, rule.fixed.description(),
                    rule.profile, ValueMatch.describe(value)), rule.fixed.description());
        }
        if (rule.pattern != null && !rule.pattern.matches(value)) {
            run.report(Finding.error(path.toString(), PATTERN, rule.label, rule.pattern.description(),
                    rule.profile), rule.pattern.description());
        }
        if (rule.valueSet != null) {
            binding(rule, rule.valueSet, value, path, run);
        }
        for (Invariants.Invariant invariant : rule.invariants) {
            if (!invariants.holds(invariant, run.focus, run.root, value)) {
                Object[] arguments = {invariant.key(), invariant.human(), rule.profile};
                run.report(invariant.error() ? Finding.error(path.toString(), INVARIANT, arguments)
                        : Finding.warning(path.toString(), INVARIANT, arguments), invariant.key());
            }
        }
        // Several profiles on one type would mean "any of them"; the packages never list more than one, so each
        // profile whose type the value has is simply applied.
        if (!rule.typeProfiles.isEmpty() && run.depth < MAX_PROFILE_DEPTH) {
            for (String url : rule.typeProfiles) {
                ProfileCompiler.CompiledProfile profile = profiles.get(url);
                if (profile != null && profile.type().equals(value.fhirType())) {
                    run.depth++;
                    value(profile.root(), value, path, run);
                    run.depth--;
                }
            }
        }
        if (rule.childrenType == null || rule.childrenType.equals(value.fhirType())) {
            for (ElementRule child : rule.children) {
                element(child, value, path, run);
            }
        }
    }

    private void element(ElementRule rule, Base parent, Path parentPath, Run run) {
        List<Integer> indexes = new ArrayList<>(4);
        List<Base> values = rule.values(parent, indexes);
        boolean missingSlice = false;
        if (!values.isEmpty() || rule.slicing != null) {
            List<Path> paths = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                Path path = parentPath.child(rule.name, rule.list ? indexes.get(i) : -1);
                paths.add(path);
                value(rule, values.get(i), path, run);
            }
            if (rule.slicing != null) {
                missingSlice = slices(rule, rule.slicing, values, paths, parentPath, run);
            }
        }
        if (rule.checkCardinality) {
            // A missing required slice already says that something is missing here, and says what.
            if (values.size() < rule.min && !missingSlice) {
                run.report(Finding.error(parentPath.child(rule.name).toString(), CARDINALITY_MIN, rule.label,
                        rule.min, rule.profile, values.size()), rule.min);
            } else if (values.size() > rule.max) {
                run.report(Finding.error(parentPath.child(rule.name).toString(), CARDINALITY_MAX, rule.label,
                        rule.max, rule.profile, values.size()), rule.max);
            }
        }
    }

    /** Matches values to slices, checks them there, counts them; true when a required slice is missing. */
    private boolean slices(ElementRule rule, ElementRule.Slicing slicing, List<Base> values, List<Path> paths,
            Path parentPath, Run run) {
        List<ElementRule.Slice> slices = slicing.slices();
        int[] counts = new int[slices.size()];
        for (int i = 0; i < values.size(); i++) {
            Base value = values.get(i);
            int match = -1;
            for (int s = 0; s < slices.size() && match < 0; s++) {
                if (slices.get(s).matches(value)) {
                    match = s;
                }
            }
            if (match >= 0) {
                counts[match]++;
                value(slices.get(match).rule(), value, paths.get(i), run);
            } else if (slicing.canRefuseUnmatched()) {
                run.report(Finding.error(paths.get(i).toString(), CLOSED_SLICE, rule.label,
                        slices.stream().map(ElementRule.Slice::name).collect(Collectors.joining(", ")),
                        rule.profile));
            }
        }
        boolean missing = false;
        for (int s = 0; s < slices.size(); s++) {
            ElementRule slice = slices.get(s).rule();
            if (!slice.checkCardinality) {
                continue;
            }
            if (counts[s] < slice.min) {
                missing = true;
                run.report(Finding.error(parentPath.child(rule.name).toString(), SLICE_MIN, slice.label, slice.min,
                        slice.profile, counts[s]), slice.label);
            } else if (counts[s] > slice.max) {
                run.report(Finding.error(parentPath.child(rule.name).toString(), SLICE_MAX, slice.label, slice.max,
                        slice.profile, counts[s]), slice.label);
            }
        }
        return missing;
    }

    /**
     * A required binding: some coding must be in the value set. A code of a system the packages do not define
     * cannot be verified (warning); a code of a system the value set takes by filter is not judged at all.
     */
    private void binding(ElementRule rule, Terminology.ValueSetCodes codes, Base value, Path path, Run run) {
        List<Coding> codings = switch (value) {
            case CodeableConcept concept -> concept.getCoding();
            case Coding coding -> List.of(coding);
            case Quantity quantity -> quantity.hasCode()
                    ? List.of(new Coding(quantity.getSystem(), quantity.getCode(), null)) : List.of();
            default -> value.isPrimitive() && value.primitiveValue() != null
                    ? List.of(new Coding(null, value.primitiveValue(), null)) : List.of();
        };
        Coding refused = null;
        Coding unverifiable = null;
        for (Coding coding : codings) {
            if (!coding.hasCode()) {
                continue;
            }
            switch (codes.member(coding.getSystem(), coding.getCode())) {
                case IN, UNDECIDABLE -> {
                    return;
                }
                case UNKNOWN_SYSTEM -> unverifiable = unverifiable == null ? coding : unverifiable;
                case NOT_IN -> refused = refused == null ? coding : refused;
            }
        }
        if (unverifiable != null) {
            run.report(Finding.warning(path.toString(), UNKNOWN_CODE_SYSTEM, text(unverifiable.getSystem()),
                    codes.name, rule.label), unverifiable.getSystem());
        } else if (refused != null) {
            run.report(Finding.error(path.toString(), CODE_NOT_IN_VALUE_SET, rule.label, refused.getCode(),
                    text(refused.getSystem()), codes.name, rule.profile), refused.getCode(), refused.getSystem());
        }
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
