package io.filament.analytics.query;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.filament.analytics.flow.FlowField;
import io.filament.contracts.status.StatusTable;

/** The tables {@code POST /analytics/query} can read, and their columns. */
public sealed interface QueryTable {

    String name();

    List<String> columns();

    boolean numeric(String column);

    /** {@code FlowRecordTable}: the latest record of each flow, by setup time. */
    record Flows() implements QueryTable {
        public static final String NAME = "FlowRecordTable";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<String> columns() {
            return Arrays.stream(FlowField.values()).map(FlowField::wireName).toList();
        }

        @Override
        public boolean numeric(String column) {
            return FlowField.byWireName(column).map(FlowField::numeric).orElse(false);
        }
    }

    /** {@code StatTable.<struct>.<attribute>}: samples of one counter. */
    record Stats(String struct, String attribute) implements QueryTable {
        @Override
        public String name() {
            return "StatTable." + struct + "." + attribute;
        }

        @Override
        public List<String> columns() {
            return List.of("T", "name", "Source", attribute);
        }

        @Override
        public boolean numeric(String column) {
            return column.equals("T") || column.equals(attribute);
        }
    }

    /** An object table ({@code ObjectVRouter}, …): every status record of one object. */
    record Objects(StatusTable table) implements QueryTable {
        @Override
        public String name() {
            return table.tableName();
        }

        @Override
        public List<String> columns() {
            return List.of("ObjectId", "MessageTS", "Source", "deleted", "ObjectLog");
        }

        @Override
        public boolean numeric(String column) {
            return column.equals("MessageTS");
        }
    }

    static Optional<QueryTable> byName(String name) {
        if (name.equals(Flows.NAME)) {
            return Optional.of(new Flows());
        }
        String[] parts = name.split("\\.");
        if (parts.length == 3 && parts[0].equals("StatTable") && !parts[1].isEmpty() && !parts[2].isEmpty()) {
            return Optional.of(new Stats(parts[1], parts[2]));
        }
        return StatusTable.byTableName(name).map(Objects::new);
    }
}
