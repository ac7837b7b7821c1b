package io.filament.configapi.rest;

import io.filament.configapi.store.ListedObject;
import io.filament.configapi.error.BadRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The query parameters of {@code GET /<type>s}, as TF's {@code http_resource_list} reads them. */
record ListQuery(Set<String> parentIds, Optional<List<String>> parentFqName, Set<String> backRefIds,
                 Set<String> objUuids, Set<List<String>> fqNames, Map<String, String> filters, boolean detail,
                 boolean count, Set<String> fields, boolean excludeHrefs, Optional<Integer> pageLimit,
                 Optional<String> pageMarker) {

    static ListQuery from(Map<String, String> params) {
        return new ListQuery(
                csv(params.get("parent_id")),
                Optional.ofNullable(params.get("parent_fq_name_str")).filter(s -> !s.isBlank())
                        .map(s -> List.of(s.split(":"))),
                csv(params.get("back_ref_id")),
                csv(params.get("obj_uuids")),
                csv(params.get("fq_names")).stream().map(s -> List.of(s.split(":"))).collect(Collectors.toSet()),
                filters(params.get("filters")),
                flag(params, "detail"),
                flag(params, "count"),
                csv(params.get("fields")),
                flag(params, "exclude_hrefs"),
                Optional.ofNullable(params.get("page_limit")).map(v -> positive("page_limit", v)),
                Optional.ofNullable(params.get("page_marker")).filter(s -> !s.isBlank()));
    }

    static boolean flag(Map<String, String> params, String name) {
        String value = params.get(name);
        return value != null && (value.isEmpty() || value.equalsIgnoreCase("true") || value.equals("1"));
    }

    private static Set<String> csv(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequestException("Invalid " + name + ": '" + value + "' (expected a positive integer)");
    }

    private static Map<String, String> filters(String value) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String term : csv(value)) {
            int split = term.indexOf("==");
            if (split <= 0) {
                throw new BadRequestException("Invalid filters term '" + term + "' (expected key==value)");
            }
            String wanted = term.substring(split + 2);
            if (wanted.length() >= 2 && wanted.startsWith("\"") && wanted.endsWith("\"")) {
                wanted = wanted.substring(1, wanted.length() - 1);
            }
            filters.put(term.substring(0, split), wanted);
        }
        return filters;
    }

    /** Whether a row passes every selection of this query (pagination excluded); parses bodies only if needed. */
    Predicate<ListedObject> selection(Optional<String> parentUuidByName, JsonMapper json) {
        Predicate<ListedObject> cheap = row -> (parentIds.isEmpty()
                || row.parentUuid().filter(parentIds::contains).isPresent())
                && parentUuidByName.map(p -> row.parentUuid().filter(p::equals).isPresent()).orElse(true)
                && (objUuids.isEmpty() || objUuids.contains(row.uuid()))
                && (fqNames.isEmpty() || fqNames.contains(row.fqName()));
        if (backRefIds.isEmpty() && filters.isEmpty()) {
            return cheap;
        }
        return cheap.and(row -> {
            JsonNode body = json.readTree(row.bodyJson());
            return (backRefIds.isEmpty() || refersToAny(body))
                    && filters.entrySet().stream().allMatch(f -> matches(body.get(f.getKey()), f.getValue()));
        });
    }

    private boolean refersToAny(JsonNode body) {
        List<String> targets = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (field.endsWith("_refs")) {
                body.get(field).forEach(r -> targets.add(r.path("uuid").asString("")));
            }
        }
        return targets.stream().anyMatch(backRefIds::contains);
    }

    private static boolean matches(JsonNode value, String wanted) {
        if (value == null) {
            return false;
        }
        return value.isString() ? value.asString().equals(wanted) : value.toString().equals(wanted);
    }
}
