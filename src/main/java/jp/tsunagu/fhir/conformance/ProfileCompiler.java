package jp.tsunagu.fhir.conformance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.ResourceFactory;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a StructureDefinition into {@link ElementRule}s once, at load. JP-CLINS profiles come with a snapshot;
 * JP Core profiles only with a differential, whose elements are the profile's own constraints on top of base R4
 * (which HAPI's strict parser has already enforced), merged down the chain of JP Core profiles it derives from.
 *
 * <p>The shape of the base resource (which property an element path reads, whether it repeats, what type a
 * choice or backbone element has) is taken from an empty HAPI model instance of the type, walked alongside the
 * element paths: no base StructureDefinitions are needed.
 *
 * <p>Slice discriminators: {@code value}/{@code pattern} compare the fixed or pattern value (or required binding)
 * the slice sets at the discriminator path; an extension slice without a fixed url is recognised by the url of
 * its extension profile. {@code type} compares the value's FHIR type. Approximated: {@code profile} is taken to
 * mean "is of the profile's type" (conformance to the profile is then checked separately), and {@code exists}
 * is read from the slice's min/max at that path. A discriminator through {@code resolve()} or another function
 * cannot be evaluated without the surrounding bundle: such slices are neither counted nor used to refuse values
 * of closed slicing. Re-slices ({@code entry:a/b}) are skipped.
 */
final class ProfileCompiler {

    private static final Logger log = LoggerFactory.getLogger(ProfileCompiler.class);

    /** Base invariants every element or resource has; HAPI's parser covers what they say. */
    private static boolean isStructural(String key) {
        return key.equals("ele-1") || key.equals("ext-1") || key.startsWith("dom-");
    }

    private final PackageContent content;
    private final Terminology terminology;
    private final Invariants invariants;

    ProfileCompiler(PackageContent content, Terminology terminology, Invariants invariants) {
        this.content = content;
        this.terminology = terminology;
        this.invariants = invariants;
    }

    record CompiledProfile(String url, String name, String type, boolean resource, ElementRule root,
            ExtensionDefinition extension) {
    }

    /** An element definition's place in the profile: its children by name and its slices by slice name. */
    private static final class Node {
        /** The element's name in its parent ({@code value[x]}, {@code identifier}), also for a slice. */
        final String name;
        @Nullable ElementDefinition definition;
        final Map<String, Node> children = new LinkedHashMap<>();
        final Map<String, Node> slices = new LinkedHashMap<>();

        Node(String name) {
            this.name = name;
        }
    }

    @Nullable CompiledProfile compile(StructureDefinition profile) {
        String type = profile.getType();
        Base dummy;
        try {
            dummy = ResourceFactory.createResourceOrType(type);
        } catch (RuntimeException e) {
            log.debug("Profile {} constrains a type HAPI does not know; skipped", profile.getUrl());
            return null;
        }
        Node root = tree(definitions(profile), type);
        String name = profile.hasName() ? profile.getName() : profile.getUrl();
        ElementRule rule = new ElementRule("", "", null, false, name);
        if (root.definition != null) {
            applyConstraints(rule, root.definition, root, dummy);
        }
        rule.children = childRules(root, dummy, "", name);
        return new CompiledProfile(profile.getUrl(), name, type,
                profile.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE, rule,
                ExtensionDefinition.of(root));
    }

    /** The snapshot, or the differentials from the first JP Core ancestor down to this profile, merged by id. */
    private List<ElementDefinition> definitions(StructureDefinition profile) {
        if (profile.hasSnapshot()) {
            return profile.getSnapshot().getElement();
        }
        Deque<StructureDefinition> chain = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (StructureDefinition at = profile; at != null && seen.add(at.getUrl());
                at = at.hasBaseDefinition() ? content.structures.get(at.getBaseDefinition()) : null) {
            chain.push(at);
        }
        Map<String, ElementDefinition> merged = new LinkedHashMap<>();
        for (StructureDefinition at : chain) {
            List<ElementDefinition> elements = at.hasSnapshot() ? at.getSnapshot().getElement()
                    : at.getDifferential().getElement();
            for (ElementDefinition element : elements) {
                ElementDefinition base = merged.get(element.getId());
                merged.put(element.getId(), base == null ? element : overlay(base.copy(), element));
            }
        }
        return new ArrayList<>(merged.values());
    }

    private static ElementDefinition overlay(ElementDefinition into, ElementDefinition from) {
        if (from.hasMin()) {
            into.setMinElement(from.getMinElement());
        }
        if (from.hasMax()) {
            into.setMaxElement(from.getMaxElement());
        }
        if (from.hasType()) {
            into.setType(from.getType());
        }
        if (from.hasFixed()) {
            into.setFixed(from.getFixed());
        }
        if (from.hasPattern()) {
            into.setPattern(from.getPattern());
        }
        if (from.hasBinding()) {
            into.setBinding(from.getBinding());
        }
        if (from.hasSlicing()) {
            into.setSlicing(from.getSlicing());
        }
        Set<String> keys = new HashSet<>();
        into.getConstraint().forEach(constraint -> keys.add(constraint.getKey()));
        from.getConstraint().stream().filter(constraint -> !keys.contains(constraint.getKey()))
                .forEach(into::addConstraint);
        return into;
    }

    private static Node tree(List<ElementDefinition> definitions, String type) {
        Node root = new Node(type);
        for (ElementDefinition definition : definitions) {
            List<String> segments = segments(definition);
            if (segments.isEmpty() || !segments.getFirst().equals(type)) {
                continue;
            }
            Node node = root;
            for (int i = 1; i < segments.size() && node != null; i++) {
                String segment = segments.get(i);
                int colon = segment.indexOf(':');
                String name = colon < 0 ? segment : segment.substring(0, colon);
                node = node.children.computeIfAbsent(name, Node::new);
                if (colon >= 0) {
                    String slice = segment.substring(colon + 1);
                    node = slice.contains("/") ? null : node.slices.computeIfAbsent(slice, s -> new Node(name));
                }
            }
            if (node != null) {
                node.definition = definition;
            }
        }
        return root;
    }

    /**
     * An element id split into its path steps with their slice names. A slice name may itself contain a dot, so
     * a piece that does not start the next step of the element's path belongs to the previous one.
     */
    private static List<String> segments(ElementDefinition definition) {
        String id = definition.hasId() ? definition.getId() : definition.getPath();
        String[] steps = definition.getPath().split("\\.");
        List<String> segments = new ArrayList<>();
        for (String piece : id.split("\\.")) {
            int step = segments.size();
            if (segments.isEmpty() || step >= steps.length || piece.equals(steps[step])
                    || piece.startsWith(steps[step] + ":")) {
                segments.add(piece);
            } else {
                segments.set(step - 1, segments.get(step - 1) + "." + piece);
            }
        }
        return segments.size() == steps.length ? segments : List.of();
    }

    private List<ElementRule> childRules(Node node, Base dummy, String label, String profile) {
        List<ElementRule> rules = new ArrayList<>();
        for (Node child : node.children.values()) {
            String childLabel = label.isEmpty() ? child.name : label + "." + child.name;
            ElementRule rule = rule(child, dummy, childLabel, null, false, profile);
            if (rule != null && rule.hasChecks()) {
                rules.add(rule);
            }
            if (child.name.endsWith("[x]")) {
                // Type slices of a choice (value[x]:valueQuantity) are the element restricted to one type.
                for (Map.Entry<String, Node> slice : child.slices.entrySet()) {
                    String sliceType = singleType(slice.getValue().definition);
                    if (sliceType == null) {
                        Property alias = property(dummy, slice.getKey());
                        sliceType = alias == null ? null : alias.getTypeCode();
                    }
                    ElementRule typed = sliceType == null ? null
                            : rule(slice.getValue(), dummy, childLabel + ":" + slice.getKey(), sliceType, false,
                                    profile);
                    if (typed != null && typed.hasChecks()) {
                        rules.add(typed);
                    }
                }
            }
        }
        return List.copyOf(rules);
    }

    private @Nullable ElementRule rule(Node node, Base parentDummy, String label, @Nullable String forcedType,
            boolean slice, String profile) {
        Property property = property(parentDummy, node.name);
        if (property == null) {
            log.debug("Profile {}: element {} is not in the base resource; skipped", profile, label);
            return null;
        }
        boolean choice = property.getName().endsWith("[x]");
        String name = choice ? property.getName().substring(0, property.getName().length() - 3) : property.getName();
        String typeFilter = forcedType;
        if (typeFilter == null && choice && !node.name.equals(property.getName())) {
            typeFilter = property.getTypeCode();
        }
        ElementRule rule = new ElementRule(label, name, typeFilter, property.isList(), profile);
        ElementDefinition definition = node.definition;
        int baseMin = slice || typeFilter != null ? 0 : property.getMinCardinality();
        int baseMax = slice ? ElementRule.UNBOUNDED : property.getMaxCardinality();
        rule.min = baseMin;
        rule.max = baseMax == Integer.MAX_VALUE ? ElementRule.UNBOUNDED : baseMax;
        Base childDummy = childDummy(parentDummy, property, name, choice, typeFilter, definition);
        if (definition != null) {
            if (definition.hasMin()) {
                rule.min = definition.getMin();
            }
            if (definition.hasMax()) {
                rule.max = definition.getMax().equals("*") ? ElementRule.UNBOUNDED : parseMax(definition.getMax());
            }
            rule.checkCardinality = rule.min > baseMin || rule.max < baseMax;
            if (choice && typeFilter == null && definition.hasType()) {
                Set<String> allowed = new LinkedHashSet<>();
                definition.getType().forEach(type -> allowed.add(type.getWorkingCode()));
                Set<String> base = new HashSet<>(Arrays.asList(property.getTypeCode().split("\\|")));
                if (!allowed.containsAll(base)) {
                    rule.allowedTypes = Set.copyOf(allowed);
                }
            }
            applyConstraints(rule, definition, node, childDummy);
        }
        if (childDummy != null) {
            rule.children = childRules(node, childDummy, label, profile);
            if (choice && typeFilter == null) {
                rule.childrenType = childDummy.fhirType();
            }
        }
        if (!choice && !node.slices.isEmpty()) {
            rule.slicing = slicing(node, definition, parentDummy, label, typeFilter, profile);
        }
        return rule;
    }

    private void applyConstraints(ElementRule rule, ElementDefinition definition, Node node, @Nullable Base dummy) {
        if (definition.hasFixed()) {
            rule.fixed = ValueMatch.of(definition.getFixed());
        }
        if (definition.hasPattern()) {
            rule.pattern = ValueMatch.of(definition.getPattern());
        }
        if (definition.hasBinding() && definition.getBinding().hasValueSet()
                && definition.getBinding().getStrength() == Enumerations.BindingStrength.REQUIRED) {
            rule.valueSet = terminology.valueSet(definition.getBinding().getValueSet());
        }
        List<Invariants.Invariant> compiled = new ArrayList<>();
        for (ElementDefinition.ElementDefinitionConstraintComponent constraint : definition.getConstraint()) {
            if (constraint.hasKey() && constraint.hasExpression() && !isStructural(constraint.getKey())) {
                compiled.add(invariants.compile(constraint.getKey(),
                        constraint.hasHuman() ? constraint.getHuman() : constraint.getKey(),
                        constraint.getSeverity() != ElementDefinition.ConstraintSeverity.WARNING,
                        constraint.getExpression()));
            }
        }
        rule.invariants = List.copyOf(compiled);
        List<String> typeProfiles = new ArrayList<>();
        for (ElementDefinition.TypeRefComponent type : definition.getType()) {
            for (CanonicalType profile : type.getProfile()) {
                StructureDefinition target = profile.hasValue()
                        ? content.structures.get(PackageContent.canonical(profile.getValue())) : null;
                // Resource profiles of contained or bundled resources are checked as resources of their own.
                if (target != null && target.getKind() != StructureDefinition.StructureDefinitionKind.RESOURCE) {
                    typeProfiles.add(target.getUrl());
                }
            }
        }
        rule.typeProfiles = List.copyOf(typeProfiles);
    }

    private ElementRule.@Nullable Slicing slicing(Node node, @Nullable ElementDefinition definition,
            Base parentDummy, String label, @Nullable String typeFilter, String profile) {
        List<ElementDefinition.ElementDefinitionSlicingDiscriminatorComponent> discriminators;
        boolean closed = false;
        if (definition != null && definition.hasSlicing()) {
            discriminators = definition.getSlicing().getDiscriminator();
            closed = definition.getSlicing().getRules() == ElementDefinition.SlicingRules.CLOSED;
        } else if (node.name.equals("extension") || node.name.equals("modifierExtension")) {
            // Extensions are always sliced by url, whether or not the profile says so.
            discriminators = List.of(new ElementDefinition.ElementDefinitionSlicingDiscriminatorComponent()
                    .setType(ElementDefinition.DiscriminatorType.VALUE).setPath("url"));
        } else {
            discriminators = List.of();
        }
        List<ElementRule.Slice> slices = new ArrayList<>();
        for (Map.Entry<String, Node> entry : node.slices.entrySet()) {
            Node sliceNode = entry.getValue();
            ElementRule rule = rule(sliceNode, parentDummy, label + ":" + entry.getKey(), typeFilter, true, profile);
            if (rule == null) {
                continue;
            }
            List<ElementRule.SliceTest> tests = new ArrayList<>();
            for (var discriminator : discriminators) {
                ElementRule.SliceTest test = test(discriminator, sliceNode);
                if (test == null) {
                    tests = null;
                    break;
                }
                tests.add(test);
            }
            if (discriminators.isEmpty()) {
                tests = null;
            }
            if (tests == null) {
                // Not recognisable here: its count cannot be checked, only values matched to other slices are.
                rule.checkCardinality = false;
            }
            slices.add(new ElementRule.Slice(entry.getKey(), rule, tests == null ? null : List.copyOf(tests)));
        }
        return slices.isEmpty() ? null : new ElementRule.Slicing(closed, List.copyOf(slices));
    }

    private ElementRule.@Nullable SliceTest test(ElementDefinition.ElementDefinitionSlicingDiscriminatorComponent
            discriminator, Node slice) {
        String path = discriminator.getPath();
        if (path == null || path.contains("(")) {
            return null;
        }
        String[] steps = path.equals("$this") ? new String[0] : path.replace("$this.", "").split("\\.");
        return switch (discriminator.getType()) {
            case VALUE, PATTERN -> valueTest(slice, steps);
            case TYPE -> {
                Node at = descend(slice, steps);
                Set<String> types = new HashSet<>();
                if (at != null && at.definition != null) {
                    at.definition.getType().forEach(type -> types.add(type.getWorkingCode()));
                }
                yield types.isEmpty() ? null : value -> anyType(value, steps, types);
            }
            case PROFILE -> {
                Node at = descend(slice, steps);
                Set<String> types = new HashSet<>();
                if (at != null && at.definition != null) {
                    for (ElementDefinition.TypeRefComponent type : at.definition.getType()) {
                        for (CanonicalType profile : type.getProfile()) {
                            StructureDefinition target = content.structures.get(
                                    PackageContent.canonical(String.valueOf(profile.getValue())));
                            types.add(target != null ? target.getType() : type.getWorkingCode());
                        }
                    }
                }
                yield types.isEmpty() ? null : value -> anyType(value, steps, types);
            }
            case EXISTS -> {
                Node at = descend(slice, steps);
                ElementDefinition definition = at == null ? null : at.definition;
                if (definition == null) {
                    yield null;
                }
                if (definition.getMin() > 0) {
                    yield value -> !ElementRule.navigate(value, steps).isEmpty();
                }
                yield "0".equals(definition.getMax()) ? value -> ElementRule.navigate(value, steps).isEmpty() : null;
            }
            default -> null;
        };
    }

    private static boolean anyType(Base value, String[] steps, Set<String> types) {
        for (Base at : ElementRule.navigate(value, steps)) {
            if (types.contains(at.fhirType())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A value discriminator: the fixed or pattern value the slice sets at the path, or on an element above it
     * (a CodeableConcept pattern on the slice itself answers a discriminator on {@code coding.system}); else the
     * fixed and pattern values below the path taken together (a category slice fixing {@code coding.system} and
     * {@code coding.code} answers {@code $this}); else the required binding at the path; else, for an
     * extension, the url of its profile.
     */
    private ElementRule.@Nullable SliceTest valueTest(Node slice, String[] steps) {
        Node at = slice;
        ValueMatch match = null;
        int depth = 0;
        for (int i = 0; at != null; i++) {
            ElementDefinition definition = at.definition;
            if (definition != null && (definition.hasFixed() || definition.hasPattern())) {
                match = ValueMatch.of(definition.hasFixed() ? definition.getFixed() : definition.getPattern());
                depth = i;
            }
            if (i == steps.length) {
                break;
            }
            at = at.children.get(steps[i]);
        }
        if (match != null) {
            return anyAt(Arrays.copyOf(steps, depth), match::matches);
        }
        ElementRule.SliceTest below = at == null ? null : subtreeTest(at);
        if (below != null) {
            return anyAt(steps, below);
        }
        if (at != null && at.definition != null && at.definition.hasBinding()
                && at.definition.getBinding().getStrength() == Enumerations.BindingStrength.REQUIRED
                && at.definition.getBinding().hasValueSet()) {
            Terminology.ValueSetCodes codes = terminology.valueSet(at.definition.getBinding().getValueSet());
            if (codes != null) {
                return anyAt(steps, candidate -> codes.member(null, candidate.primitiveValue())
                        == Terminology.Membership.IN);
            }
        }
        if (steps.length == 1 && steps[0].equals("url") && slice.definition != null) {
            for (ElementDefinition.TypeRefComponent type : slice.definition.getType()) {
                for (CanonicalType profile : type.getProfile()) {
                    if (profile.hasValue()) {
                        ValueMatch url = ValueMatch.of(new UriType(PackageContent.canonical(profile.getValue())));
                        return anyAt(steps, url::matches);
                    }
                }
            }
        }
        return null;
    }

    private static ElementRule.SliceTest anyAt(String[] steps, ElementRule.SliceTest test) {
        return value -> {
            for (Base candidate : ElementRule.navigate(value, steps)) {
                if (test.test(candidate)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * The fixed and pattern values in a slice's subtree as one test, each child's values checked on the same
     * item (system and code on the same coding), or null when the subtree fixes nothing.
     */
    private static ElementRule.@Nullable SliceTest subtreeTest(Node node) {
        ElementDefinition definition = node.definition;
        ValueMatch own = definition == null ? null
                : definition.hasFixed() ? ValueMatch.of(definition.getFixed())
                : definition.hasPattern() ? ValueMatch.of(definition.getPattern()) : null;
        List<ElementRule.SliceTest> children = new ArrayList<>();
        for (Node child : node.children.values()) {
            ElementRule.SliceTest test = child.name.endsWith("[x]") ? null : subtreeTest(child);
            if (test != null) {
                children.add(anyAt(new String[] {child.name}, test));
            }
        }
        if (own == null && children.isEmpty()) {
            return null;
        }
        return value -> {
            if (own != null && !own.matches(value)) {
                return false;
            }
            for (ElementRule.SliceTest child : children) {
                if (!child.test(value)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static @Nullable Node descend(Node from, String[] steps) {
        Node at = from;
        for (int i = 0; i < steps.length && at != null; i++) {
            at = at.children.get(steps[i]);
        }
        return at;
    }

    private static @Nullable Base childDummy(Base parentDummy, Property property, String name, boolean choice,
            @Nullable String typeFilter, @Nullable ElementDefinition definition) {
        try {
            if (typeFilter != null) {
                return ResourceFactory.createType(typeFilter);
            }
            if (choice) {
                String single = singleType(definition);
                return single == null ? null : ResourceFactory.createType(single);
            }
            String type = property.getTypeCode();
            if (type.equals("Resource") || type.equals("DomainResource")) {
                return null;
            }
            return parentDummy.makeProperty(name.hashCode(), name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static @Nullable String singleType(@Nullable ElementDefinition definition) {
        if (definition == null || definition.getType().size() != 1) {
            return null;
        }
        return definition.getType().getFirst().getWorkingCode();
    }

    private static @Nullable Property property(Base dummy, String name) {
        try {
            return dummy.getNamedProperty(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int parseMax(String max) {
        try {
            return Integer.parseInt(max);
        } catch (NumberFormatException e) {
            return ElementRule.UNBOUNDED;
        }
    }

    /**
     * What an extension definition allows as its value, and as the values of the extensions nested in it (by
     * their relative url): checked wherever the extension appears, whatever profile the resource claims.
     */
    record ExtensionDefinition(@Nullable Set<String> valueTypes, Map<String, ExtensionDefinition> nested) {

        static final ExtensionDefinition ANY = new ExtensionDefinition(null, Map.of());

        private static ExtensionDefinition of(Node root) {
            Map<String, ExtensionDefinition> nested = new LinkedHashMap<>();
            Node extension = root.children.get("extension");
            if (extension != null) {
                for (Node slice : extension.slices.values()) {
                    Node url = slice.children.get("url");
                    if (url != null && url.definition != null && url.definition.hasFixed()) {
                        nested.put(url.definition.getFixed().primitiveValue(), of(slice));
                    }
                }
            }
            return new ExtensionDefinition(valueTypes(root), Map.copyOf(nested));
        }

        private static @Nullable Set<String> valueTypes(Node extension) {
            Node value = extension.children.get("value[x]");
            ElementDefinition definition = value == null ? null : value.definition;
            if (definition == null) {
                return null;
            }
            if ("0".equals(definition.getMax())) {
                return Set.of();
            }
            if (!definition.hasType()) {
                return null;
            }
            Set<String> types = new HashSet<>();
            definition.getType().forEach(type -> types.add(type.getWorkingCode()));
            return Set.copyOf(types);
        }
    }
}
