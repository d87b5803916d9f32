package jp.tsunagu.research;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.tsunagu.directory.Sex;
import jp.tsunagu.shared.Prefecture;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cohort definitions as JSON, for saving, export and import:
 * <pre>
 * {"format": "tsunagu-cohort/1", "definition": {"all": [
 *     {"diagnosis": "M32"}, {"age": {"min": 16, "max": 75}}, {"sex": "female"},
 *     {"not": {"prescription": "2171"}},
 *     {"lab": {"code": "5C070000002306201", "comparison": "GREATER", "value": "1.0", "months": 6}}]}}
 * </pre>
 * Reading checks everything the constructors check and says where the file is wrong; one written and
 * read again is the same definition (the query log compares definitions by this text).
 */
public final class CriteriaJson {

    public static final String FORMAT = "tsunagu-cohort/1";
    /** Groups within groups: deep enough for real eligibility criteria. */
    public static final int MAX_DEPTH = 6;
    public static final int MAX_CRITERIA = 60;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CriteriaJson() {
    }

    public static String write(Criterion definition) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.set("definition", node(definition));
        return JSON.writeValueAsString(root);
    }

    /** The definition alone, as the query log keeps it. */
    public static String definition(Criterion definition) {
        return JSON.writeValueAsString(node(definition));
    }

    public static Criterion read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidCriteriaException("research.error.json", e.getLocation() == null ? 0
                    : e.getLocation().getLineNr());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidCriteriaException("research.error.jsonShape", "/");
        }
        JsonNode definition = root.has("definition") ? root.get("definition") : root;
        if (root.has("format") && !FORMAT.equals(root.get("format").asString(""))) {
            throw new InvalidCriteriaException("research.error.jsonFormat", FORMAT);
        }
        return criterion(definition, "/definition", 1, new int[] {0});
    }

    /** How many criteria (not groups) the definition has, and how deep its groups go. */
    public static int size(Criterion definition) {
        return switch (definition) {
            case Criterion.All g -> g.parts().stream().mapToInt(CriteriaJson::size).sum();
            case Criterion.Any g -> g.parts().stream().mapToInt(CriteriaJson::size).sum();
            case Criterion.Not n -> size(n.part());
            default -> 1;
        };
    }

    public static int depth(Criterion definition) {
        return switch (definition) {
            case Criterion.All g -> 1 + g.parts().stream().mapToInt(CriteriaJson::depth).max().orElse(0);
            case Criterion.Any g -> 1 + g.parts().stream().mapToInt(CriteriaJson::depth).max().orElse(0);
            case Criterion.Not n -> 1 + depth(n.part());
            default -> 0;
        };
    }

    /** The limits every definition meets, however it was made. */
    public static void checkLimits(Criterion definition) {
        if (size(definition) > MAX_CRITERIA) {
            throw new InvalidCriteriaException("research.error.tooMany", MAX_CRITERIA);
        }
        if (depth(definition) > MAX_DEPTH) {
            throw new InvalidCriteriaException("research.error.tooDeep", MAX_DEPTH);
        }
    }

    private static ObjectNode node(Criterion criterion) {
        ObjectNode node = JSON.createObjectNode();
        switch (criterion) {
            case Criterion.Diagnosis d -> node.put("diagnosis", d.code());
            case Criterion.Prescription p -> node.put("prescription", p.code());
            case Criterion.SexIs s -> node.put("sex", s.sex().code());
            case Criterion.LivesIn l -> node.put("prefecture", l.prefecture().code());
            case Criterion.Age a -> {
                ObjectNode age = node.putObject("age");
                age.put("min", a.min());
                age.put("max", a.max());
            }
            case Criterion.Lab l -> {
                ObjectNode lab = node.putObject("lab");
                lab.put("code", l.code());
                lab.put("comparison", l.comparison().name());
                lab.put("value", l.value().toPlainString());
                lab.put("months", l.months());
            }
            case Criterion.All g -> parts(node.putArray("all"), g.parts());
            case Criterion.Any g -> parts(node.putArray("any"), g.parts());
            case Criterion.Not n -> node.set("not", node(n.part()));
        }
        return node;
    }

    private static void parts(ArrayNode array, List<Criterion> parts) {
        parts.forEach(p -> array.add(node(p)));
    }

    private static Criterion criterion(JsonNode node, String at, int depth, int[] count) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new InvalidCriteriaException("research.error.jsonShape", at);
        }
        if (depth > MAX_DEPTH + 1) {
            throw new InvalidCriteriaException("research.error.tooDeep", MAX_DEPTH);
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        String key = only.getKey();
        JsonNode value = only.getValue();
        String here = at + "/" + key;
        try {
            return switch (key) {
                case "all", "any" -> {
                    if (!value.isArray()) {
                        throw new InvalidCriteriaException("research.error.jsonShape", here);
                    }
                    List<Criterion> parts = new ArrayList<>();
                    int i = 0;
                    for (JsonNode part : value.values()) {
                        parts.add(criterion(part, here + "/" + i++, depth + 1, count));
                    }
                    yield key.equals("all") ? new Criterion.All(parts) : new Criterion.Any(parts);
                }
                case "not" -> new Criterion.Not(criterion(value, here, depth + 1, count));
                case "diagnosis" -> counted(count, new Criterion.Diagnosis(text(value, here)));
                case "prescription" -> counted(count, new Criterion.Prescription(text(value, here)));
                case "sex" -> counted(count, new Criterion.SexIs(Sex.ofCode(text(value, here).toLowerCase(Locale.ROOT))
                        .orElseThrow(() -> new InvalidCriteriaException("research.error.jsonValue", here))));
                case "prefecture" -> counted(count, new Criterion.LivesIn(Prefecture.ofCode(value.asInt(0))
                        .orElseThrow(() -> new InvalidCriteriaException("research.error.jsonValue", here))));
                case "age" -> counted(count, new Criterion.Age(integer(value, "min", here), integer(value, "max", here)));
                case "lab" -> counted(count, new Criterion.Lab(text(value.get("code"), here + "/code"),
                        comparison(value.get("comparison"), here + "/comparison"),
                        decimal(value.get("value"), here + "/value"), integer(value, "months", here)));
                default -> throw new InvalidCriteriaException("research.error.jsonKey", here);
            };
        } catch (InvalidCriteriaException e) {
            throw e.at(here);
        }
    }

    private static Criterion counted(int[] count, Criterion criterion) {
        if (++count[0] > MAX_CRITERIA) {
            throw new InvalidCriteriaException("research.error.tooMany", MAX_CRITERIA);
        }
        return criterion;
    }

    private static String text(JsonNode node, String at) {
        if (node == null || !node.isString()) {
            throw new InvalidCriteriaException("research.error.jsonValue", at);
        }
        return node.asString();
    }

    private static int integer(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidCriteriaException("research.error.jsonValue", at + "/" + field);
        }
        return node.intValue();
    }

    private static BigDecimal decimal(JsonNode node, String at) {
        try {
            if (node != null && node.isString()) {
                return new BigDecimal(node.asString().strip());
            }
            if (node != null && node.isNumber()) {
                return node.decimalValue();
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new InvalidCriteriaException("research.error.jsonValue", at);
    }

    private static Criterion.Comparison comparison(JsonNode node, String at) {
        try {
            return Criterion.Comparison.valueOf(text(node, at));
        } catch (IllegalArgumentException e) {
            throw new InvalidCriteriaException("research.error.jsonValue", at);
        }
    }
}
