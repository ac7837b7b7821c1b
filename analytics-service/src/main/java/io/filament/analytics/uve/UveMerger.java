package io.filament.analytics.uve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.filament.analytics.status.AggregationType;
import io.filament.analytics.status.StructPart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the parts of all sources of one UVE into TF's view: union of lists, sum of counters, latest scalar.
 * Pure function of its input.
 */
public final class UveMerger {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Comparator<Contribution> BY_TIME =
            Comparator.comparingLong(Contribution::time).thenComparing(Contribution::source);

    /** One source's value of one attribute. */
    record Contribution(String source, long time, JsonNode value, Optional<AggregationType> declared) {
    }

    public ObjectNode merge(UveContributions uve, UveFilter filter) {
        ObjectNode result = NODES.objectNode();
        TreeSet<String> structs = new TreeSet<>();
        uve.bySource().forEach((source, parts) -> {
            if (filter.acceptsSource(source)) {
                parts.keySet().stream().filter(filter::acceptsStruct).forEach(structs::add);
            }
        });
        for (String struct : structs) {
            result.set(struct, mergeStruct(uve, struct, filter));
        }
        return result;
    }

    private ObjectNode mergeStruct(UveContributions uve, String struct, UveFilter filter) {
        TreeSet<String> attributes = new TreeSet<>();
        List<Map.Entry<String, StructPart>> parts = new ArrayList<>();
        uve.bySource().forEach((source, structs) -> {
            StructPart part = structs.get(struct);
            if (part != null && filter.acceptsSource(source)) {
                parts.add(Map.entry(source, part));
                part.attributes().propertyNames().forEach(attributes::add);
            }
        });
        ObjectNode merged = NODES.objectNode();
        for (String attribute : attributes) {
            if (!filter.acceptsAttribute(struct, attribute)) {
                continue;
            }
            List<Contribution> values = new ArrayList<>();
            for (Map.Entry<String, StructPart> part : parts) {
                JsonNode value = part.getValue().attributes().get(attribute);
                if (value != null) {
                    values.add(new Contribution(part.getKey(), part.getValue().time(), value,
                            Optional.ofNullable(part.getValue().aggtypes().get(attribute))));
                }
            }
            values.sort(BY_TIME);
            AggregationType type = aggregationOf(values);
            JsonNode value = combine(type, values);
            merged.set(attribute, filter.flat() ? value : annotated(type, value, values));
        }
        return merged;
    }

    /** The declaration of the latest source that declares one, else the default for the latest value's type. */
    static AggregationType aggregationOf(List<Contribution> byTime) {
        for (int i = byTime.size() - 1; i >= 0; i--) {
            if (byTime.get(i).declared().isPresent()) {
                return byTime.get(i).declared().get();
            }
        }
        return byTime.getLast().value().isArray() ? AggregationType.UNION : AggregationType.LATEST;
    }

    static JsonNode combine(AggregationType type, List<Contribution> byTime) {
        return switch (type) {
            case UNION -> lists(byTime, true);
            case APPEND -> lists(byTime, false);
            case SUM -> byTime.stream().map(Contribution::value).reduce(UveMerger::sum).orElseThrow();
            case LATEST -> byTime.getLast().value();
        };
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

    /** Numbers add, objects add key by key; anything else takes the later value. */
    static JsonNode sum(JsonNode earlier, JsonNode later) {
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

    private static ObjectNode annotated(AggregationType type, JsonNode value, List<Contribution> values) {
        ObjectNode node = NODES.objectNode();
        node.put("aggtype", type.wireName());
        node.set("value", value);
        ObjectNode sources = node.putObject("sources");
        values.stream().sorted(Comparator.comparing(Contribution::source))
                .forEach(c -> sources.set(c.source(), c.value()));
        return node;
    }
}
