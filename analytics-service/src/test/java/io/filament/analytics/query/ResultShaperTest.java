package io.filament.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.filament.analytics.flow.FlowRecord;
import tools.jackson.databind.json.JsonMapper;

class ResultShaperTest {

    private final QueryParser parser = new QueryParser(Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));

    private static Map<String, Object> flow(String src, String dst, int dport, long bytes, String action) {
        return QueryExecutor.flowRow(new FlowRecord("host1", src, dst, "10.0.0.1", "10.0.1.1", 6, 40000, dport, 1,
                action, 1, 0, 1, bytes, UUID.randomUUID(), "", "", "", "", ""));
    }

    private List<Map<String, Object>> run(String query, List<Map<String, Object>> rows) {
        return ResultShaper.shape(parser.parse(JsonMapper.builder().build().readTree(query)), rows);
    }

    private final List<Map<String, Object>> rows = List.of(
            flow("red", "blue", 80, 100, "pass"), flow("red", "blue", 443, 50, "pass"),
            flow("red", "green", 80, 7, "drop"), flow("red", "blue", 22, 1, "drop"));

    @Test
    void groupsByTheNonAggregateFieldsAndSumsAndCounts() {
        var result = run("""
                {"table":"FlowRecordTable","start_time":"now-1h","end_time":"now",
                 "select_fields":["destvn","SUM(agg-bytes)","COUNT(flowuuid)","MAX(dport)"],
                 "where":[[{"name":"sourcevn","value":"red","op":1}]],"sort_fields":["destvn"]}""", rows);

        assertThat(result).containsExactly(
                Map.of("destvn", "blue", "SUM(agg-bytes)", 151L, "COUNT(flowuuid)", 3L, "MAX(dport)", 443L),
                Map.of("destvn", "green", "SUM(agg-bytes)", 7L, "COUNT(flowuuid)", 1L, "MAX(dport)", 80L));
    }

    @Test
    void projectsFiltersSortsDescendingAndLimits() {
        var result = run("""
                {"table":"FlowRecordTable","start_time":"now-1h","end_time":"now",
                 "select_fields":["dport","agg-bytes"],"where":[[{"name":"sourcevn","value":"red","op":1}]],
                 "filter":[[{"name":"action","value":"pass","op":1}],[{"name":"dport","value":"22","op":1}]],
                 "sort_fields":["agg-bytes"],"sort":2,"limit":2}""", rows);

        assertThat(result).containsExactly(Map.of("dport", 80L, "agg-bytes", 100L), Map.of("dport", 443L, "agg-bytes", 50L));
    }

    @Test
    void matchesPrefixRangeAndNotEqualTerms() {
        QuerySpec spec = parser.parse(JsonMapper.builder().build().readTree("""
                {"table":"FlowRecordTable","start_time":"now-1h","end_time":"now","select_fields":["dport"],
                 "where":[[{"name":"sourcevn","value":"red","op":1},{"name":"destvn","value":"bl","op":7},
                           {"name":"dport","value":"50","op":3,"value2":"500"},{"name":"action","value":"drop","op":2}]]}"""));

        assertThat(rows.stream().filter(r -> ResultShaper.matchesAll(spec.table(), spec.where().getFirst(), r)))
                .extracting(r -> r.get("dport")).containsExactlyInAnyOrder(80L, 443L);
    }
}
