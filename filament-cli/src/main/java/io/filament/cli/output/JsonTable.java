package io.filament.cli.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Prints an array of JSON objects as a table: one column per scalar field (in first-seen order), nested
 * values shown compactly. Used by the inspection commands whose rows come from a service's REST endpoint.
 */
public final class JsonTable {

    private JsonTable() {
    }

    public static void print(Iterable<JsonNode> rows, List<String> preferredColumns, PrintStream out) {
        Set<String> columns = new LinkedHashSet<>(preferredColumns);
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode row : rows) {
            all.add(row);
            if (preferredColumns.isEmpty()) {
                row.propertyNames().forEach(columns::add);
            }
        }
        if (all.isEmpty()) {
            out.println("(none)");
            return;
        }
        List<String> header = new ArrayList<>(columns);
        Table table = new Table(header.stream().map(String::toUpperCase).toArray(String[]::new));
        for (JsonNode row : all) {
            table.row(header.stream().map(column -> cell(row.get(column))).toArray(String[]::new));
        }
        table.print(out);
    }

    static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        if (value.isValueNode()) {
            return value.asString();
        }
        if (value.isArray() && value.size() > 0 && value.get(0).isValueNode()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asString()));
            return String.join(",", items);
        }
        String compact = value.toString();
        return compact.length() <= 60 ? compact : compact.substring(0, 57) + "...";
    }
}
