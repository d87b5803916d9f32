package jp.tsunagu.fhir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Breaks a seed bundle in ways hospital systems (and worse) do, deterministically from a number: the same
 * seed and case number give the same bytes, so a failure is reproduced by its numbers alone. Each applied
 * mutation is described by its kind and place ("retype Bundle.entry[2].resource.code → array"), never by
 * the bundle's contents.
 */
final class BundleMutator {

    /** The bytes to send and what was done to the seed. */
    record Mutant(byte[] body, List<String> mutations) {
    }

    enum Kind {
        DROP, REPEAT, RETYPE, EMPTY, REFERENCE, IDENTIFIER, SUBJECT_IDENTIFIER, EXTENSION, HUGE_STRING,
        DEEP_CONTAINED, CONTAINED, DUPLICATE_FULL_URL, DUPLICATE_ENTRY, NESTED_BUNDLE, UNICODE, NUMBER, DATE,
        RESOURCE_TYPE, ABSENT_VALUE, BYTES
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Writes what the portal must refuse to read: nesting far deeper than any reader allows. */
    private static final JsonMapper WRITER = JsonMapper.builder(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build()).build())
            .build();

    /** Written into the tree as a string, replaced after serialisation by raw JSON text the tree cannot hold. */
    private static final String RAW = "\u0001raw-";

    private final Random random;
    private final ObjectNode root;
    private final String rootName;
    private final Map<String, String> raw = new LinkedHashMap<>();
    private final List<String> applied = new ArrayList<>();
    private final List<Kind> byteMutations = new ArrayList<>();

    private BundleMutator(FuzzSeeds.Seed seed, long caseSeed) {
        this.random = new Random(caseSeed);
        this.root = seed.json().deepCopy();
        this.rootName = root.path("resourceType").asString("Bundle");
    }

    /** 0 mutations gives the seed as it is (the baseline); otherwise 1 to {@code max} mutations. */
    static Mutant mutate(FuzzSeeds.Seed seed, long caseSeed, int count) {
        BundleMutator mutator = new BundleMutator(seed, caseSeed);
        for (int i = 0; i < count; i++) {
            Kind kind = Kind.values()[mutator.random.nextInt(Kind.values().length)];
            mutator.apply(kind);
        }
        return new Mutant(mutator.serialise(), List.copyOf(mutator.applied));
    }

    static Mutant mutate(FuzzSeeds.Seed seed, long caseSeed) {
        Random count = new Random(caseSeed ^ 0x5DEECE66DL);
        return mutate(seed, caseSeed, 1 + count.nextInt(3));
    }

    // ---- the tree as places -------------------------------------------------------------------------

    /** One place in the tree: a property of an object or an item of an array, with its FHIRPath-like name. */
    private record Site(JsonNode parent, String field, int index, String path) {

        JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void replace(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private List<Site> sites() {
        List<Site> sites = new ArrayList<>();
        collect(root, rootName, sites);
        return sites;
    }

    private static void collect(JsonNode node, String path, List<Site> sites) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                Site site = new Site(object, name, -1, path + "." + name);
                sites.add(site);
                collect(object.get(name), site.path(), sites);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                Site site = new Site(array, null, i, path + "[" + i + "]");
                sites.add(site);
                collect(array.get(i), site.path(), sites);
            }
        }
    }

    private Site pick(Predicate<Site> filter) {
        List<Site> matching = sites().stream().filter(filter).toList();
        return matching.isEmpty() ? null : matching.get(random.nextInt(matching.size()));
    }

    private <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Every resource in the tree (entries, contained, nested bundles' entries) with its path. */
    private List<Site> resources() {
        return sites().stream().filter(s -> s.value().isObject() && s.value().has("resourceType")).toList();
    }

    /** The array under {@code name}, made one when a previous mutation left something else there. */
    private static ArrayNode array(ObjectNode parent, String name) {
        if (!parent.path(name).isArray()) {
            parent.set(name, NODES.arrayNode());
        }
        return (ArrayNode) parent.get(name);
    }

    private String rawSlot(String json) {
        String key = RAW + raw.size();
        raw.put(key, json);
        return key;
    }

    // ---- the mutations ------------------------------------------------------------------------------

    private void apply(Kind kind) {
        switch (kind) {
            case DROP -> {
                Site site = pick(s -> true);
                if (site != null) {
                    site.remove();
                    applied.add("drop " + site.path());
                }
            }
            case REPEAT -> repeat();
            case RETYPE -> retype();
            case EMPTY -> {
                Site site = pick(s -> true);
                if (site != null) {
                    JsonNode empty = oneOf(List.of(NODES.stringNode(""), NODES.objectNode(), NODES.arrayNode()));
                    site.replace(empty);
                    applied.add("empty " + site.path() + " → " + empty);
                }
            }
            case REFERENCE -> reference();
            case IDENTIFIER -> identifier();
            case SUBJECT_IDENTIFIER -> subjectIdentifier();
            case EXTENSION -> extension();
            case HUGE_STRING -> hugeString();
            case DEEP_CONTAINED -> deepContained();
            case CONTAINED -> contained();
            case DUPLICATE_FULL_URL -> duplicateFullUrl();
            case DUPLICATE_ENTRY -> duplicateEntry();
            case NESTED_BUNDLE -> nestedBundle();
            case UNICODE -> unicode();
            case NUMBER -> number();
            case DATE -> date();
            case RESOURCE_TYPE -> resourceType();
            case ABSENT_VALUE -> absentValue();
            case BYTES -> byteMutations.add(kind);
        }
    }

    private void repeat() {
        Site site = pick(s -> true);
        if (site == null) {
            return;
        }
        JsonNode value = site.value();
        if (site.field() == null) {
            ((ArrayNode) site.parent()).insert(site.index(), value.deepCopy());
        } else if (value.isArray() && !value.isEmpty()) {
            ((ArrayNode) value).add(value.get(random.nextInt(value.size())).deepCopy());
        } else {
            ArrayNode twice = NODES.arrayNode().add(value.deepCopy()).add(value.deepCopy());
            site.replace(twice);
        }
        applied.add("repeat " + site.path());
    }

    private void retype() {
        Site site = pick(s -> true);
        if (site == null) {
            return;
        }
        List<JsonNode> others = new ArrayList<>(List.of(NODES.stringNode("x"), NODES.stringNode("42"),
                NODES.numberNode(new BigDecimal("42")), NODES.numberNode(new BigDecimal("-1.5")),
                NODES.objectNode().put("value", "x"), NODES.arrayNode().add(site.value().deepCopy()),
                NODES.arrayNode().add(1).add("a"), NODES.nullNode(), NODES.booleanNode(true)));
        others.removeIf(o -> o.getNodeType() == site.value().getNodeType() && !o.isArray());
        JsonNode replacement = oneOf(others);
        site.replace(replacement);
        applied.add("retype " + site.path() + " → " + replacement.getNodeType().name().toLowerCase()
                + (replacement.isValueNode() ? " " + replacement : ""));
    }

    private void reference() {
        List<String> fullUrls = sites().stream().filter(s -> "fullUrl".equals(s.field()) && s.value().isString())
                .map(s -> s.value().asString()).toList();
        List<String> targets = new ArrayList<>(List.of("#x", "#", "Patient/999", "Patient/", "urn:uuid:", "",
                "#missing-contained", "http://elsewhere.example/fhir/Patient/1", "Patient/jp-patient-example-1/_history/1",
                "Organization/999", " urn:uuid:p1", "urn:uuid:p1#frag"));
        fullUrls.forEach(url -> targets.add(url));
        String target = oneOf(targets);
        Site site = pick(s -> s.value().isObject() && s.value().has("reference"));
        if (site == null || random.nextInt(4) == 0) {
            // A reference where the seed has none: an extension any element may carry.
            Site resource = oneOf(resourcesOrRoot());
            array((ObjectNode) resource.value(), "extension").addObject()
                    .put("url", "http://example.org/fhir/StructureDefinition/related")
                    .putObject("valueReference").put("reference", target);
            applied.add("reference " + resource.path() + ".extension → \"" + shorten(target) + "\"");
            return;
        }
        ((ObjectNode) site.value()).put("reference", target);
        applied.add("reference " + site.path() + " → \"" + shorten(target) + "\"");
    }

    private List<Site> resourcesOrRoot() {
        List<Site> resources = resources();
        return resources.isEmpty() ? List.of(new Site(NODES.arrayNode().add(root), null, 0, rootName))
                : resources;
    }

    private void identifier() {
        Site site = pick(s -> s.path().matches(".*\\.identifier(\\[\\d+])?") && s.value().isObject());
        if (site == null) {
            return;
        }
        ObjectNode identifier = (ObjectNode) site.value();
        String how = oneOf(List.of("without system", "without value", "system \" \"", "value \" \"",
                "neither system nor value", "system not a URI"));
        switch (how) {
            case "without system" -> identifier.remove("system");
            case "without value" -> identifier.remove("value");
            case "system \" \"" -> identifier.put("system", " ");
            case "value \" \"" -> identifier.put("value", " ");
            case "neither system nor value" -> {
                identifier.remove("system");
                identifier.remove("value");
            }
            default -> identifier.put("system", "not a uri at all");
        }
        applied.add("identifier " + site.path() + " " + how);
    }

    /** The patient named by identifier instead of by reference, as the sharing service does; then broken. */
    private void subjectIdentifier() {
        Site site = pick(s -> ("subject".equals(s.field()) || "patient".equals(s.field())) && s.value().isObject());
        if (site == null) {
            return;
        }
        ObjectNode identifier = NODES.objectNode();
        String how = oneOf(List.of("value only", "system only", "empty", "system \" \"", "both"));
        switch (how) {
            case "value only" -> identifier.put("value", "FUZZ-1");
            case "system only" -> identifier.put("system", "urn:oid:1.2.392.200119.6.102.11319990011");
            case "empty" -> {
            }
            case "system \" \"" -> identifier.put("system", " ").put("value", "FUZZ-1");
            default -> identifier.put("system", "urn:oid:1.2.392.200119.6.102.11319990011").put("value", "FUZZ-2");
        }
        ObjectNode reference = NODES.objectNode();
        reference.set("identifier", identifier);
        if (random.nextBoolean() && site.value().has("reference")) {
            reference.set("reference", site.value().get("reference"));
        }
        site.replace(reference);
        applied.add("subject identifier " + site.path() + " " + how
                + (reference.has("reference") ? " (reference kept)" : ""));
    }

    private void extension() {
        Site site = pick(s -> s.value().isObject());
        if (site == null) {
            return;
        }
        ObjectNode target = (ObjectNode) site.value();
        String how = oneOf(List.of("unknown", "no url", "empty url", "two values", "no value", "modifier",
                "institution number as string", "institution number without value", "nested"));
        ObjectNode extension = NODES.objectNode();
        switch (how) {
            case "unknown" -> extension.put("url", "http://example.org/fhir/unknown").put("valueString", "x");
            case "no url" -> extension.put("valueString", "x");
            case "empty url" -> extension.put("url", "").put("valueString", "x");
            case "two values" -> extension.put("url", "http://example.org/fhir/two").put("valueString", "x")
                    .put("valueInteger", 1);
            case "no value" -> extension.put("url", "http://example.org/fhir/none");
            case "modifier" -> {
                array(target, "modifierExtension").addObject().put("url", "http://example.org/fhir/modifier")
                        .put("valueBoolean", true);
                applied.add("extension " + site.path() + " modifier");
                return;
            }
            case "institution number as string" -> extension.put("url",
                    "http://jpfhir.jp/fhir/clins/Extension/StructureDefinition/JP_eCS_InstitutionNumber")
                    .put("valueString", "1319990011");
            case "institution number without value" -> extension.put("url",
                    "http://jpfhir.jp/fhir/clins/Extension/StructureDefinition/JP_eCS_InstitutionNumber")
                    .putObject("valueIdentifier").put("system", jp.tsunagu.directory.Identifier.MEDICAL_INSTITUTION);
            default -> {
                ObjectNode inner = extension.put("url", "http://example.org/fhir/outer");
                for (int depth = 0; depth < 1 + random.nextInt(200); depth++) {
                    inner = array(inner, "extension").addObject().put("url", "http://example.org/fhir/inner");
                }
                inner.put("valueString", "deep");
            }
        }
        array(target, "extension").add(extension);
        applied.add("extension " + site.path() + " " + how);
    }

    private void hugeString() {
        Site site = pick(s -> s.value().isString());
        if (site == null) {
            return;
        }
        int length = oneOf(List.of(1_000, 65_536, 300_000, 1_000_000));
        String alphabet = oneOf(List.of("abcdefghij ", "あいうえお漢字検査", "0123456789", "<div>&amp;</div>"));
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        site.replace(NODES.stringNode(text.toString()));
        applied.add("huge string " + site.path() + " (" + length + " chars)");
    }

    /** Contained resources inside contained resources, which FHIR forbids and senders still produce. */
    private void deepContained() {
        Site resource = oneOf(resourcesOrRoot());
        int depth = 1 + random.nextInt(oneOf(List.of(3, 30, 300)));
        ObjectNode outer = NODES.objectNode();
        ObjectNode inner = outer;
        for (int level = 0; level < depth; level++) {
            inner.put("resourceType", "Observation").put("id", "deep" + level).put("status", "final");
            inner.putObject("code").put("text", "level " + level);
            if (level + 1 < depth) {
                inner = array(inner, "contained").addObject();
            }
        }
        array((ObjectNode) resource.value(), "contained").add(outer);
        applied.add("deep contained " + resource.path() + ".contained (depth " + depth + ")");
    }

    private void contained() {
        Site resource = oneOf(resourcesOrRoot());
        ObjectNode target = (ObjectNode) resource.value();
        String how = oneOf(List.of("dangling #ref", "duplicate ids", "no id", "contained patient", "contained bundle",
                "drop contained", "rename contained id", "reference to other resource's contained", "not an object"));
        ArrayNode contained = array(target, "contained");
        switch (how) {
            case "dangling #ref" -> array(target, "extension").addObject()
                    .put("url", "http://example.org/fhir/related").putObject("valueReference")
                    .put("reference", "#nowhere");
            case "duplicate ids" -> {
                contained.addObject().put("resourceType", "Medication").put("id", "dup")
                        .putObject("code").put("text", "a");
                contained.addObject().put("resourceType", "Medication").put("id", "dup")
                        .putObject("code").put("text", "b");
            }
            case "no id" -> contained.addObject().put("resourceType", "Medication").putObject("code").put("text", "a");
            case "contained patient" -> contained.addObject().put("resourceType", "Patient").put("id", "cp")
                    .putArray("identifier").addObject().put("system", "urn:fuzz").put("value", "contained");
            case "contained bundle" -> contained.addObject().put("resourceType", "Bundle").put("id", "cb")
                    .put("type", "collection");
            case "drop contained" -> target.remove("contained");
            case "rename contained id" -> {
                if (!contained.isEmpty() && contained.get(0).isObject()) {
                    ((ObjectNode) contained.get(0)).put("id", "renamed");
                }
            }
            case "reference to other resource's contained" -> {
                List<String> ids = new ArrayList<>();
                sites().stream().filter(s -> s.path().matches(".*\\.contained\\[\\d+]\\.id") && s.value().isString())
                        .forEach(s -> ids.add(s.value().asString()));
                array(target, "extension").addObject().put("url", "http://example.org/fhir/related")
                        .putObject("valueReference").put("reference", "#" + (ids.isEmpty() ? "none" : oneOf(ids)));
            }
            default -> contained.add("just a string");
        }
        if (target.has("contained") && target.get("contained").isEmpty()) {
            target.remove("contained");
        }
        applied.add("contained " + resource.path() + " " + how);
    }

    private void duplicateFullUrl() {
        List<Site> urls = sites().stream().filter(s -> "fullUrl".equals(s.field())).toList();
        if (urls.isEmpty()) {
            return;
        }
        Site site = oneOf(urls);
        String how = oneOf(List.of("same as another", "empty", "not a URL", "removed"));
        switch (how) {
            case "same as another" -> site.replace(oneOf(urls).value().deepCopy());
            case "empty" -> site.replace(NODES.stringNode(""));
            case "not a URL" -> site.replace(NODES.stringNode("ceci n'est pas une url"));
            default -> site.remove();
        }
        applied.add("fullUrl " + site.path() + " " + how);
    }

    /** The same resource sent twice under two fullUrls, or a second patient in a bundle about one. */
    private void duplicateEntry() {
        Site entry = pick(s -> s.path().matches(".*\\.entry\\[\\d+]") && s.value().isObject()
                && s.value().path("resource").isObject());
        if (entry == null) {
            return;
        }
        ObjectNode copy = (ObjectNode) entry.value().deepCopy();
        copy.put("fullUrl", "urn:uuid:copy-" + random.nextInt(1000));
        String how = "same resource again";
        if (copy.path("resource").path("identifier").isArray() && random.nextBoolean()) {
            for (JsonNode identifier : copy.path("resource").path("identifier")) {
                if (identifier instanceof ObjectNode object && object.path("value").isString()) {
                    object.put("value", object.path("value").asString() + "-other");
                }
            }
            how = "another one with other identifiers";
        }
        ((ArrayNode) entry.parent()).add(copy);
        applied.add("duplicate entry " + entry.path() + ": " + how);
    }

    private void nestedBundle() {
        String how = oneOf(List.of("seed inside a collection", "seed beside itself", "deep", "searchset inside",
                "empty bundle inside"));
        ObjectNode copy = root.deepCopy();
        switch (how) {
            case "seed inside a collection", "seed beside itself", "deep" -> {
                int depth = how.equals("deep") ? 2 + random.nextInt(oneOf(List.of(5, 60))) : 1;
                for (int level = 0; level < depth; level++) {
                    ObjectNode outer = NODES.objectNode().put("resourceType", "Bundle").put("type", "collection");
                    ArrayNode entries = outer.putArray("entry");
                    entries.addObject().put("fullUrl", "urn:uuid:nested-" + level).set("resource", copy);
                    if (how.equals("seed beside itself")) {
                        entries.addObject().put("fullUrl", "urn:uuid:nested-twin").set("resource", root.deepCopy());
                    }
                    copy = outer;
                }
                root.removeAll();
                root.setAll(copy);
            }
            default -> {
                ObjectNode inner = NODES.objectNode().put("resourceType", "Bundle")
                        .put("type", how.equals("searchset inside") ? "searchset" : "collection");
                if (how.equals("searchset inside")) {
                    inner.set("entry", root.path("entry").deepCopy());
                }
                array(root, "entry").addObject().put("fullUrl", "urn:uuid:inner").set("resource", inner);
            }
        }
        applied.add("nested bundle: " + how);
    }

    private void unicode() {
        Site site = pick(s -> s.value().isString());
        if (site == null) {
            return;
        }
        // Escaped in JSON text, as a sender's serialiser writes them: lone surrogates, NUL, direction marks.
        String text = oneOf(List.of("\"\\ud800\"", "\"\\udc00abc\"", "\"a\\u0000b\"", "\"\\u202e逆\"", "\"\\ufeff\"",
                "\"\\uffff\"", "\"e\\u0301\"", "\"👨‍👩‍👧\"", "\"ｱｲｳ\"", "\"\\u3000\"", "\"\\u200b\"", "\"𠮷野家\"",
                "\"\\u0007bell\"", "\"\\ud83d\\ude00\"", "\"line\\nbreak\\ttab\""));
        site.replace(NODES.stringNode(rawSlot(text)));
        applied.add("unicode " + site.path() + " → " + text);
    }

    private void number() {
        Site site = pick(s -> s.value().isNumber() || s.value().isString());
        if (site == null) {
            return;
        }
        String number = oneOf(List.of("1e400", "-1e400", "1e-400", "1e200000", "123456789012345678901234567890.123", "-0",
                "0.0000000000000000001", "1E+2", "9223372036854775808", "2147483648", "NaN", "Infinity", "01"));
        site.replace(NODES.stringNode(rawSlot(number)));
        applied.add("number " + site.path() + " → " + number);
    }

    private void date() {
        Site site = pick(s -> s.value().isString() && s.value().asString().matches("\\d{4}(-\\d\\d.*)?"));
        if (site == null) {
            return;
        }
        String date = oneOf(List.of("2020-02-30", "0000", "2020-13-01", "2020-02-29T24:00:00+09:00", "1899-12-31",
                "9999-12-31", "2020-01-01T10:00:00", "20200101", "-0001", "2020-1-1", "2020-01-01T10:00:00+99:00",
                "0001-01-01", "1900-01-01T00:00:00+14:00", "2019-02-29", "2020-01-01T10:00:60Z"));
        site.replace(NODES.stringNode(date));
        applied.add("date " + site.path() + " → " + date);
    }

    private void resourceType() {
        Site resource = oneOf(resourcesOrRoot());
        JsonNode type = oneOf(List.of(NODES.stringNode("Patient"), NODES.stringNode("Condition"),
                NODES.stringNode("Bundle"), NODES.stringNode("OperationOutcome"), NODES.stringNode("Foo"),
                NODES.stringNode(""), NODES.numberNode(new BigDecimal("42")), NODES.nullNode()));
        if (random.nextInt(6) == 0) {
            ((ObjectNode) resource.value()).remove("resourceType");
            applied.add("resourceType " + resource.path() + " removed");
        } else {
            ((ObjectNode) resource.value()).set("resourceType", type);
            applied.add("resourceType " + resource.path() + " → " + type);
        }
    }

    /**
     * A primitive without its value (or with a blank one), only an extension telling why: FHIR's way of
     * marking a gap (data-absent-reason), which senders use for birth dates and identifiers.
     */
    private void absentValue() {
        Site site = pick(s -> s.field() != null && !s.field().startsWith("_") && s.value().isValueNode()
                && !s.field().equals("resourceType") && !s.field().equals("url") && !s.field().equals("fullUrl"));
        if (site == null) {
            return;
        }
        ObjectNode parent = (ObjectNode) site.parent();
        boolean blank = random.nextBoolean();
        if (blank) {
            parent.put(site.field(), " ");
        } else {
            parent.remove(site.field());
        }
        parent.putObject("_" + site.field()).putArray("extension").addObject()
                .put("url", "http://hl7.org/fhir/StructureDefinition/data-absent-reason").put("valueCode", "unknown");
        applied.add("absent value " + site.path() + (blank ? " (blank)" : "") + " with data-absent-reason");
    }

    // ---- bytes --------------------------------------------------------------------------------------

    private byte[] serialise() {
        String json = WRITER.writeValueAsString(root);
        for (Map.Entry<String, String> slot : raw.entrySet()) {
            json = json.replace("\"" + slot.getKey().replace("\u0001", "\\u0001") + "\"", slot.getValue());
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (Kind ignored : byteMutations) {
            bytes = mangle(bytes);
        }
        return bytes;
    }

    private byte[] mangle(byte[] bytes) {
        String how = oneOf(List.of("truncated", "invalid UTF-8", "BOM", "empty", "null", "array", "string",
                "trailing garbage", "two documents"));
        byte[] result = switch (how) {
            case "truncated" -> Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length)));
            case "invalid UTF-8" -> {
                byte[] copy = bytes.length == 0 ? new byte[1] : bytes.clone();
                copy[random.nextInt(copy.length)] = (byte) oneOf(List.of(0xC3, 0xFF, 0x80, 0xED)).intValue();
                yield copy;
            }
            case "BOM" -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes);
            case "empty" -> new byte[0];
            case "null" -> "null".getBytes(StandardCharsets.UTF_8);
            case "array" -> concat(concat("[".getBytes(StandardCharsets.UTF_8), bytes), "]".getBytes(StandardCharsets.UTF_8));
            case "string" -> "\"Bundle\"".getBytes(StandardCharsets.UTF_8);
            case "trailing garbage" -> concat(bytes, " }{x".getBytes(StandardCharsets.UTF_8));
            default -> concat(bytes, bytes);
        };
        applied.add("bytes " + how);
        return result;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
