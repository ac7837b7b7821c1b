package io.filament.contracts.status;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The combination rules of {@code STATUS-FORMAT.md}: how one source's record updates its part of a struct, and
 * how the parts of all sources combine into the merged value of an attribute. Pure functions.
 */
public final class UveMerge {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Orders contributions oldest first; equal times by source name. */
    public static final Comparator<Contribution> BY_TIME =
            Comparator.comparingLong(Contribution::time).thenComparing(Contribution::source);

    /** One source's value of one attribute, with the time of its part and its declared aggregation. */
    public record Contribution(String source, long time, JsonNode value, Optional<Aggregation> declared) {
    }

    private UveMerge() {
    }

    /** Attribute-level update: the incoming attributes replace the earlier ones, a JSON null removes one. */
    public static ObjectNode overlay(ObjectNode existing, ObjectNode incoming) {
        ObjectNode merged = existing.deepCopy();
        for (Map.Entry<String, JsonNode> attribute : incoming.properties()) {
            if (attribute.getValue().isNull()) {
                merged.remove(attribute.getKey());
            } else {
                merged.set(attribute.getKey(), attribute.getValue());
            }
        }
        return merged;
    }

    /** The declaration of the newest source that declares one, else the default for the newest value's type. */
    public static Aggregation aggregationOf(List<Contribution> byTime) {
        for (int i = byTime.size() - 1; i >= 0; i--) {
            if (byTime.get(i).declared().isPresent()) {
                return byTime.get(i).declared().get();
            }
        }
        return byTime.getLast().value().isArray() ? Aggregation.UNION : Aggregation.LATEST;
    }

    /** The merged value of contributions sorted {@link #BY_TIME}. */
    public static JsonNode combine(Aggregation type, List<Contribution> byTime) {
        return switch (type) {
            case UNION -> lists(byTime, true);
            case APPEND -> lists(byTime, false);
            case SUM -> byTime.stream().map(Contribution::value).reduce(UveMerge::sum).orElseThrow();
            case LATEST -> byTime.getLast().value();
        };
    }

    /** Numbers add, objects add key by key; anything else takes the later value. */
    public static JsonNode sum(JsonNode earlier, JsonNode later) {
        if (earlier.isIntegralNumber() && later.isIntegralNumber()) {
            return NODES.numberNode(earlier.longValue() + later.longValue());
        }
        if (earlier.isNumber() && later.isNumber()) {
            return NODES.numberNode(earlier.doubleValue() + later.doubleValue());
        }
        if (earlier.isObject() && later.isObject()) {
            ObjectNode result = ((ObjectNode) earlier).deepCopy();
            for (Map.Entry<String, JsonNode> field : later.properties()) {
                JsonNode mine = result.get(field.getKey());
                result.set(field.getKey(), mine == null ? field.getValue() : sum(mine, field.getValue()));
            }
            return result;
        }
        return later;
    }

    private static ArrayNode lists(List<Contribution> byTime, boolean distinct) {
        ArrayNode result = NODES.arrayNode();
        byTime.stream().sorted(Comparator.comparing(Contribution::source)).forEach(c -> {
            Iterable<JsonNode> elements = c.value().isArray() ? c.value() : List.of(c.value());
            for (JsonNode element : elements) {
                if (!distinct || !contains(result, element)) {
                    result.add(element);
                }
            }
        });
        return result;
    }

    private static boolean contains(ArrayNode array, JsonNode element) {
        for (JsonNode existing : array) {
            if (existing.equals(element)) {
                return true;
            }
        }
        return false;
    }
}
