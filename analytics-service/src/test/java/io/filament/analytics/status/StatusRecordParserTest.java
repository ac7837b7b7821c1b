package io.filament.analytics.status;

import io.filament.contracts.status.StatusTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.filament.analytics.fixtures.StatusRecords;
import io.filament.contracts.status.Aggregation;

class StatusRecordParserTest {

    private final StatusRecordParser parser = new StatusRecordParser(StatusRecords.JSON, 4096);

    private StatusRecord parse(String key, String source, String body) {
        return parser.parse(key, source, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTableKeySourceTimeStructsAndDeclaredAggregations() {
        String body = StatusRecords.body("ObjectVRouter", "host1", "agent/host1", 1_700_000_000_000_000L, false,
                "{\"VrouterStatsAgent\":{\"in_bytes\":10,\"xmpp\":[1]}}", "{\"VrouterStatsAgent\":{\"in_bytes\":\"sum\"}}");

        StatusRecord record = parse("ObjectVRouter:host1", "agent/host1", body);

        assertThat(record.table()).isEqualTo(StatusTable.VROUTER);
        assertThat(record.key()).isEqualTo("host1");
        assertThat(record.source()).isEqualTo("agent/host1");
        assertThat(record.time()).isEqualTo(1_700_000_000_000_000L);
        assertThat(record.deleted()).isFalse();
        StructPart part = record.structs().get("VrouterStatsAgent");
        assertThat(part.attributes().get("in_bytes").longValue()).isEqualTo(10);
        assertThat(part.aggtypes()).containsEntry("in_bytes", Aggregation.SUM);
        assertThat(record.recordKey()).isEqualTo("ObjectVRouter:host1");
    }

    @Test
    void acceptsADeletionWithoutData() {
        StatusRecord record = parse(null, null,
                StatusRecords.body("ObjectVNTable", "default-domain:demo:red", "agent/h", 5, true, null, null));

        assertThat(record.deleted()).isTrue();
        assertThat(record.structs()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "table     | {\"table\":\"ObjectNope\",\"key\":\"k\",\"source\":\"s\",\"time\":1,\"data\":{}}",
        "key       | {\"table\":\"ObjectVRouter\",\"key\":\"\",\"source\":\"s\",\"time\":1,\"data\":{}}",
        "source    | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"time\":1,\"data\":{}}",
        "time      | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"s\",\"time\":-4,\"data\":{}}",
        "time      | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"s\",\"time\":\"yesterday\",\"data\":{}}",
        "deleted   | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"s\",\"time\":1,\"deleted\":\"no\",\"data\":{}}",
        "data      | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"s\",\"time\":1}",
        "data.S    | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"s\",\"time\":1,\"data\":{\"S\":[1]}}",
        "aggtype.S.a | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"s\",\"time\":1,\"data\":{\"S\":{\"a\":1}},\"aggtype\":{\"S\":{\"a\":\"avg\"}}}",
        "value     | [1,2,3]",
        "value     | {not json",
    })
    void rejectsABrokenRecordNamingTheField(String field, String body) {
        assertThatThrownBy(() -> parse(null, null, body))
                .isInstanceOfSatisfying(StatusRecordRejected.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void rejectsAKafkaKeyThatDoesNotMatchTheBody() {
        String body = StatusRecords.body("ObjectVRouter", "host1", "agent/host1", 1, false, "{}", null);

        assertThatThrownBy(() -> parse("ObjectVRouter:host2", null, body))
                .isInstanceOfSatisfying(StatusRecordRejected.class, e -> assertThat(e.field()).isEqualTo("key"));
    }

    @Test
    void rejectsACloudEventsSourceThatDiffersFromTheBody() {
        String body = StatusRecords.body("ObjectVRouter", "host1", "agent/host1", 1, false, "{}", null);

        assertThatThrownBy(() -> parse(null, "agent/host9", body))
                .isInstanceOfSatisfying(StatusRecordRejected.class, e -> assertThat(e.field()).isEqualTo("ce_source"));
    }

    @Test
    void rejectsABodyOverTheSizeLimit() {
        String big = StatusRecords.body("ObjectVRouter", "h", "s", 1, false, "{\"S\":{\"a\":\"" + "x".repeat(5000) + "\"}}", null);

        assertThatThrownBy(() -> parse(null, null, big))
                .isInstanceOfSatisfying(StatusRecordRejected.class, e -> assertThat(e.field()).isEqualTo("value"));
    }
}
