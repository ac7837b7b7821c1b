package io.filament.analytics.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.filament.analytics.flow.FlowField;
import io.filament.analytics.flow.FlowIndex;
import io.filament.analytics.flow.FlowRecord;
import io.filament.analytics.flow.FlowStore;
import io.filament.analytics.history.ObjectHistoryStore;
import io.filament.analytics.history.ObjectLogEntry;
import io.filament.analytics.stats.StatSample;
import io.filament.analytics.stats.StatStore;

/**
 * Runs a checked query: reads the partitions each AND-list names, keeps the rows that match it, unites the
 * AND-lists (a row that matches several counts once) and shapes the result.
 */
public final class QueryExecutor {

    private final FlowStore flows;
    private final StatStore stats;
    private final ObjectHistoryStore history;
    private final int maxRows;

    public QueryExecutor(FlowStore flows, StatStore stats, ObjectHistoryStore history, int maxRows) {
        this.flows = flows;
        this.stats = stats;
        this.history = history;
        this.maxRows = maxRows;
    }

    public CompletionStage<List<Map<String, Object>>> execute(QuerySpec spec) {
        CompletionStage<List<Map<String, Object>>> rows = switch (spec.table()) {
            case QueryTable.Flows f -> flowRows(spec);
            case QueryTable.Stats s -> stats.read(s.name(), spec.startTime(), spec.endTime())
                    .thenApply(samples -> samples.stream().map(x -> statRow(s, x))
                            .filter(r -> ResultShaper.matches(s, spec.where(), r)).toList());
            case QueryTable.Objects o -> objectRows(spec, o);
        };
        return rows.thenApply(r -> ResultShaper.shape(spec, r));
    }

    private CompletionStage<List<Map<String, Object>>> flowRows(QuerySpec spec) {
        List<CompletableFuture<List<Map<String, Object>>>> parts = new ArrayList<>();
        for (List<WhereTerm> and : spec.where()) {
            WhereTerm entry = entryPoint(and, List.of("sourcevn", "destvn", "vrouter"));
            FlowIndex index = FlowIndex.of(FlowField.byWireName(entry.name()).orElseThrow()).orElseThrow();
            parts.add(flows.read(index, entry.value(), spec.startTime(), spec.endTime()).thenApply(records -> {
                checkSize(records.size());
                return records.stream().map(QueryExecutor::flowRow)
                        .filter(r -> ResultShaper.matchesAll(spec.table(), and, r)).toList();
            }).toCompletableFuture());
        }
        return united(parts, List.of("flowuuid", "setup_time"));
    }

    private CompletionStage<List<Map<String, Object>>> objectRows(QuerySpec spec, QueryTable.Objects table) {
        List<CompletableFuture<List<Map<String, Object>>>> parts = new ArrayList<>();
        for (List<WhereTerm> and : spec.where()) {
            WhereTerm entry = entryPoint(and, List.of("ObjectId"));
            parts.add(history.read(table.name(), entry.value(), spec.startTime(), spec.endTime()).thenApply(entries ->
                    entries.stream().map(QueryExecutor::objectRow)
                            .filter(r -> ResultShaper.matchesAll(table, and, r)).toList()).toCompletableFuture());
        }
        return united(parts, List.of("ObjectId", "MessageTS", "Source"));
    }

    private static CompletionStage<List<Map<String, Object>>> united(
            List<CompletableFuture<List<Map<String, Object>>>> parts, List<String> identity) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Set<List<Object>> seen = new HashSet<>();
            List<Map<String, Object>> all = new ArrayList<>();
            for (var part : parts) {
                for (Map<String, Object> row : part.join()) {
                    if (seen.add(identity.stream().map(row::get).toList())) {
                        all.add(row);
                    }
                }
            }
            return all;
        });
    }

    private static WhereTerm entryPoint(List<WhereTerm> and, List<String> preference) {
        for (String key : preference) {
            for (WhereTerm term : and) {
                if (term.op() == Operator.EQUAL && term.name().equals(key)) {
                    return term;
                }
            }
        }
        throw new QueryRejected("where", and, "no EQUAL term on one of " + preference);
    }

    private void checkSize(int rows) {
        if (rows > maxRows) {
            throw new QueryRejected("start_time", rows + " rows", "the query reads more than " + maxRows
                    + " rows; narrow the time range or the where clause");
        }
    }

    static Map<String, Object> flowRow(FlowRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (FlowField field : FlowField.values()) {
            row.put(field.wireName(), record.value(field));
        }
        return row;
    }

    private static Map<String, Object> statRow(QueryTable.Stats table, StatSample sample) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("T", sample.time());
        row.put("name", sample.name());
        row.put("Source", sample.source());
        row.put(table.attribute(), sample.value());
        return row;
    }

    private static Map<String, Object> objectRow(ObjectLogEntry entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ObjectId", entry.key());
        row.put("MessageTS", entry.time());
        row.put("Source", entry.source());
        row.put("deleted", entry.deleted());
        row.put("ObjectLog", entry.body());
        return row;
    }
}
