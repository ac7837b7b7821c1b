package io.filament.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.json.JsonMapper;

class QueryParserTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final long NOW_MICROS = NOW.getEpochSecond() * 1_000_000L;
    private final QueryParser parser = new QueryParser(Clock.fixed(NOW, ZoneOffset.UTC));
    private final JsonMapper json = JsonMapper.builder().build();

    private QuerySpec parse(String body) {
        return parser.parse(json.readTree(body));
    }

    @Test
    void readsTfsFlowQueryShape() {
        QuerySpec spec = parse("""
                {"table":"FlowRecordTable","start_time":"now-10m","end_time":"now",
                 "select_fields":["sourcevn","destvn","SUM(agg-bytes)","COUNT(flowuuid)"],
                 "where":[[{"name":"sourcevn","value":"default-domain:demo:red","op":1},
                           {"name":"dport","value":"80","op":3,"value2":"443"}]],
                 "sort_fields":["SUM(agg-bytes)"],"sort":2,"limit":10}""");

        assertThat(spec.table()).isInstanceOf(QueryTable.Flows.class);
        assertThat(spec.startTime()).isEqualTo(NOW_MICROS - 600_000_000L);
        assertThat(spec.endTime()).isEqualTo(NOW_MICROS);
        assertThat(spec.aggregating()).isTrue();
        assertThat(spec.where().getFirst()).extracting(WhereTerm::op).containsExactly(Operator.EQUAL, Operator.IN_RANGE);
        assertThat(spec.where().getFirst().get(1).value2()).contains("443");
        assertThat(spec.descending()).isTrue();
        assertThat(spec.limit()).hasValue(10);
    }

    @Test
    void acceptsAbsoluteMicrosecondsAndOperatorNames() {
        QuerySpec spec = parse("""
                {"table":"StatTable.VrouterStatsAgent.in_bytes","start_time":1700000000000000,"end_time":"1700000060000000",
                 "select_fields":["name","SUM(in_bytes)"],"where":[[{"name":"name","value":"host","op":"PREFIX"}]]}""");

        assertThat(spec.table()).isEqualTo(new QueryTable.Stats("VrouterStatsAgent", "in_bytes"));
        assertThat(spec.startTime()).isEqualTo(1_700_000_000_000_000L);
        assertThat(spec.endTime()).isEqualTo(1_700_000_060_000_000L);
        assertThat(spec.where().getFirst().getFirst().op()).isEqualTo(Operator.PREFIX);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "table              | {\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"]}",
        "table              | {\"table\":\"NoSuchTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"]}",
        "start_time         | {\"table\":\"FlowRecordTable\",\"start_time\":\"yesterday\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"],\"where\":[[{\"name\":\"vrouter\",\"value\":\"h\",\"op\":1}]]}",
        "end_time           | {\"table\":\"FlowRecordTable\",\"start_time\":\"now\",\"end_time\":\"now-1h\",\"select_fields\":[\"vrouter\"],\"where\":[[{\"name\":\"vrouter\",\"value\":\"h\",\"op\":1}]]}",
        "select_fields      | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[]}",
        "select_fields[1]   | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\",\"colour\"]}",
        "select_fields[0]   | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"SUM(sourcevn)\"]}",
        "where              | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"]}",
        "where[0]           | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"],\"where\":[[{\"name\":\"dport\",\"value\":\"80\",\"op\":1}]]}",
        "where[0][0].name   | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"],\"where\":[[{\"name\":\"colour\",\"value\":\"x\",\"op\":1}]]}",
        "where[0][1].op     | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"],\"where\":[[{\"name\":\"vrouter\",\"value\":\"h\",\"op\":1},{\"name\":\"sport\",\"value\":\"1\",\"op\":42}]]}",
        "where[0][1].op     | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"],\"where\":[[{\"name\":\"vrouter\",\"value\":\"h\",\"op\":1},{\"name\":\"sport\",\"value\":\"1\",\"op\":7}]]}",
        "where[0][1].value  | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"],\"where\":[[{\"name\":\"vrouter\",\"value\":\"h\",\"op\":1},{\"name\":\"sport\",\"value\":\"http\",\"op\":1}]]}",
        "where[0][1].value2 | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"],\"where\":[[{\"name\":\"vrouter\",\"value\":\"h\",\"op\":1},{\"name\":\"sport\",\"value\":\"1\",\"op\":3}]]}",
        "sort_fields[0]     | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"],\"where\":[[{\"name\":\"vrouter\",\"value\":\"h\",\"op\":1}]],\"sort_fields\":[\"destvn\"]}",
        "sort               | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"],\"where\":[[{\"name\":\"vrouter\",\"value\":\"h\",\"op\":1}]],\"sort\":3}",
        "limit              | {\"table\":\"FlowRecordTable\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"vrouter\"],\"where\":[[{\"name\":\"vrouter\",\"value\":\"h\",\"op\":1}]],\"limit\":0}",
        "colour             | {\"table\":\"FlowRecordTable\",\"colour\":1}",
        "where              | {\"table\":\"ObjectVRouter\",\"start_time\":\"now-1m\",\"end_time\":\"now\",\"select_fields\":[\"ObjectLog\"]}",
    })
    void rejectsABadQueryNamingTheField(String field, String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(QueryRejected.class,
                e -> assertThat(e.body().field()).isEqualTo(field));
    }
}
