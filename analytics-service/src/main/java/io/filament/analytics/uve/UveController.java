package io.filament.analytics.uve;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.filament.contracts.status.StatusTable;
import io.filament.analytics.web.RequestRejected;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** TF's UVE REST surface: types, keys of a type, merged UVE of a key (with wildcards and filters). */
@RestController
class UveController {

    record Link(String name, String href) {
    }

    private final UveService uves;
    private final UveMerger merger = new UveMerger();

    UveController(UveService uves) {
        this.uves = uves;
    }

    @GetMapping("/analytics/uves")
    List<Link> types() {
        return Arrays.stream(StatusTable.values())
                .map(t -> new Link(t.typeName() + "s", base() + "/analytics/uves/" + t.typeName() + "s"))
                .toList();
    }

    @GetMapping("/analytics/uves/{types}")
    List<Link> keys(@PathVariable String types, @RequestParam Optional<String> kfilt) {
        if (!types.endsWith("s")) {
            throw unknownType(types);
        }
        StatusTable table = table(types.substring(0, types.length() - 1));
        Predicate<String> keyFilter = kfilt.map(UveController::keyFilter).orElse(k -> true);
        return uves.keys(table).stream().filter(keyFilter)
                .map(k -> new Link(k, base() + "/analytics/uves/" + table.typeName() + "/" + k + "?flat"))
                .toList();
    }

    @GetMapping("/analytics/uves/{type}/{key}")
    JsonNode uve(@PathVariable String type, @PathVariable String key, @RequestParam Map<String, String> params) {
        StatusTable table = table(type);
        UveFilter filter = new UveFilter(params.containsKey("flat"), Optional.ofNullable(params.get("sfilt")),
                Optional.ofNullable(params.get("mfilt")), UveFilter.cfiltOf(params.get("cfilt")));
        if (!key.contains("*")) {
            return uves.contributions(new UveKey(table, key))
                    .map(c -> (JsonNode) merger.merge(c, filter))
                    .orElseGet(JsonNodeFactory.instance::objectNode);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        var values = result.putArray("value");
        Predicate<String> keyFilter = keyFilter(key);
        for (String k : uves.keys(table)) {
            if (keyFilter.test(k)) {
                uves.contributions(new UveKey(table, k)).ifPresent(c -> {
                    ObjectNode entry = values.addObject();
                    entry.put("name", k);
                    entry.set("value", merger.merge(c, filter));
                });
            }
        }
        return result;
    }

    /** Comma-separated keys, each exact or ending in {@code *} for a prefix. */
    static Predicate<String> keyFilter(String kfilt) {
        List<String> terms = Arrays.stream(kfilt.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return key -> terms.stream().anyMatch(t -> t.endsWith("*")
                ? key.startsWith(t.substring(0, t.length() - 1)) : key.equals(t));
    }

    private static StatusTable table(String type) {
        return StatusTable.byTypeName(type).orElseThrow(() -> unknownType(type));
    }

    private static RequestRejected unknownType(String type) {
        return new RequestRejected(HttpStatus.NOT_FOUND, "type", type, "unknown UVE type '" + type + "'");
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }
}
