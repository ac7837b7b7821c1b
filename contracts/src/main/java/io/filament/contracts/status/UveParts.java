package io.filament.contracts.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every source's part of every UVE, built by applying status reports in order, and the merged (flat) view of a
 * UVE, following {@code STATUS-FORMAT.md}: an update overlays the source's attributes, a withdrawal removes the
 * source's structs, a record older than the part it would change is ignored. Not thread-safe; one owner.
 */
public final class UveParts {

    /** A source's part of one struct: the time of its last update and its attributes. */
    private record Part(long time, ObjectNode attributes, Map<String, Aggregation> aggtypes) {
    }

    private final Map<String, TreeMap<String, Map<String, Part>>> uves = new HashMap<>();

    /** Applies one report; returns whether it changed anything. */
    public boolean apply(StatusReport report) {
        TreeMap<String, Map<String, Part>> sources = uves.computeIfAbsent(report.recordKey(), k -> new TreeMap<>());
        Map<String, Part> mine = sources.computeIfAbsent(report.source(), s -> new HashMap<>());
        boolean changed = report.deleted() ? withdraw(mine, report) : update(mine, report);
        if (mine.isEmpty()) {
            sources.remove(report.source());
        }
        if (sources.isEmpty()) {
            uves.remove(report.recordKey());
        }
        return changed;
    }

    /** The merged UVE: struct → attribute → combined value; empty when no source has a part. */
    public Optional<ObjectNode> merged(StatusTable table, String key) {
        TreeMap<String, Map<String, Part>> sources = uves.get(table.tableName() + ":" + key);
        if (sources == null) {
            return Optional.empty();
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        TreeSet<String> structs = new TreeSet<>();
        sources.values().forEach(parts -> structs.addAll(parts.keySet()));
        for (String struct : structs) {
            result.set(struct, mergeStruct(sources, struct));
        }
        return Optional.of(result);
    }

    private static ObjectNode mergeStruct(TreeMap<String, Map<String, Part>> sources, String struct) {
        TreeSet<String> attributes = new TreeSet<>();
        sources.values().forEach(parts -> {
            Part part = parts.get(struct);
            if (part != null) {
                part.attributes().propertyNames().forEach(attributes::add);
            }
        });
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (String attribute : attributes) {
            List<UveMerge.Contribution> values = new ArrayList<>();
            sources.forEach((source, parts) -> {
                Part part = parts.get(struct);
                JsonNode value = part == null ? null : part.attributes().get(attribute);
                if (value != null) {
                    values.add(new UveMerge.Contribution(source, part.time(), value,
                            Optional.ofNullable(part.aggtypes().get(attribute))));
                }
            });
            values.sort(UveMerge.BY_TIME);
            merged.set(attribute, UveMerge.combine(UveMerge.aggregationOf(values), values));
        }
        return merged;
    }

    private static boolean withdraw(Map<String, Part> mine, StatusReport report) {
        List<String> targets = report.structs().isEmpty() ? List.copyOf(mine.keySet())
                : List.copyOf(report.structs().keySet());
        boolean removed = false;
        for (String struct : targets) {
            Part part = mine.get(struct);
            if (part != null && part.time() <= report.time()) {
                mine.remove(struct);
                removed = true;
            }
        }
        return removed;
    }

    private static boolean update(Map<String, Part> mine, StatusReport report) {
        boolean updated = false;
        for (StatusStruct incoming : report.structs().values()) {
            Part existing = mine.get(incoming.name());
            if (existing != null && existing.time() > report.time()) {
                continue;
            }
            ObjectNode base = existing == null ? JsonNodeFactory.instance.objectNode() : existing.attributes();
            Map<String, Aggregation> aggtypes = new HashMap<>(existing == null ? Map.of() : existing.aggtypes());
            aggtypes.putAll(incoming.aggtypes());
            mine.put(incoming.name(), new Part(report.time(), UveMerge.overlay(base, incoming.attributes()), aggtypes));
            updated = true;
        }
        return updated;
    }
}
