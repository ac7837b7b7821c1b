package io.filament.analytics.uve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.filament.analytics.status.StructPart;
import io.filament.contracts.status.Aggregation;
import io.filament.contracts.status.UveMerge;
import io.filament.contracts.status.UveMerge.Contribution;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the parts of all sources of one UVE into TF's view: union of lists, sum of counters, latest scalar, by
 * the format's combination rules ({@link UveMerge}); adds the filters and the annotated (non-flat) form.
 * Pure function of its input.
 */
public final class UveMerger {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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
            values.sort(UveMerge.BY_TIME);
            Aggregation type = UveMerge.aggregationOf(values);
            JsonNode value = UveMerge.combine(type, values);
            merged.set(attribute, filter.flat() ? value : annotated(type, value, values));
        }
        return merged;
    }

    private static ObjectNode annotated(Aggregation type, JsonNode value, List<Contribution> values) {
        ObjectNode node = NODES.objectNode();
        node.put("aggtype", type.wireName());
        node.set("value", value);
        ObjectNode sources = node.putObject("sources");
        values.stream().sorted(Comparator.comparing(Contribution::source))
                .forEach(c -> sources.set(c.source(), c.value()));
        return node;
    }
}
