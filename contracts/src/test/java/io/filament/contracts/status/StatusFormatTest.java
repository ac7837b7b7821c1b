package io.filament.contracts.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusFormatTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final StatusFormat format = new StatusFormat();

    private static StatusReport vrouter() {
        return StatusReport.update(StatusTable.VROUTER, "host1", "agent/host1", Instant.ofEpochSecond(1764324000, 123456000),
                List.of(StatusStruct.of("VrouterAgent", Map.of("interface_list", List.of("tap1"))),
                        StatusStruct.of("VrouterStatsAgent", Map.of("in_tpkts", 1200,
                                "raw_drop_stats", Map.of("ds_flow_action_drop", 4))).countersSummed()));
    }

    @Test
    void writesTheDocumentedShapeWithTimeInMicroseconds() {
        JsonNode body = JSON.readTree(format.write(vrouter()));

        assertThat(body.path("table").asString()).isEqualTo("ObjectVRouter");
        assertThat(body.path("key").asString()).isEqualTo("host1");
        assertThat(body.path("source").asString()).isEqualTo("agent/host1");
        assertThat(body.path("time").isIntegralNumber()).isTrue();
        assertThat(body.path("time").longValue()).isEqualTo(1764324000123456L);
        assertThat(body.path("deleted").asBoolean(true)).isFalse();
        assertThat(body.path("data").path("VrouterAgent").path("interface_list").get(0).asString()).isEqualTo("tap1");
        assertThat(body.path("aggtype").path("VrouterStatsAgent").path("in_tpkts").asString()).isEqualTo("sum");
        assertThat(body.path("aggtype").path("VrouterStatsAgent").path("raw_drop_stats").asString()).isEqualTo("sum");
        assertThat(body.path("aggtype").has("VrouterAgent")).isFalse();
    }

    @Test
    void readsBackWhatItWrote() {
        StatusReport written = vrouter();

        StatusReport read = format.read("ObjectVRouter:host1", "agent/host1", format.write(written));

        assertThat(read).isEqualTo(written);
    }

    @Test
    void writesAWithdrawalWithoutData() {
        StatusReport gone = StatusReport.withdrawal(StatusTable.VIRTUAL_MACHINE_INTERFACE, "default-domain:demo:vmi1",
                "agent/host1", Instant.ofEpochSecond(1764324100));

        JsonNode body = JSON.readTree(format.write(gone));

        assertThat(body.path("deleted").asBoolean()).isTrue();
        assertThat(body.has("data")).isFalse();
        assertThat(format.read("ObjectVMITable:default-domain:demo:vmi1", "agent/host1", format.write(gone)).deleted()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "table     | ObjectVRouter:k | {\"table\":\"ObjectNope\",\"key\":\"k\",\"source\":\"a/b\",\"time\":1,\"data\":{}}",
        "key       | ObjectVRouter:x | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"a/b\",\"time\":1,\"data\":{}}",
        "ce_source | ObjectVRouter:k | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"agent/other\",\"time\":1,\"data\":{}}",
        "time      | ObjectVRouter:k | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"a/b\",\"time\":\"2026-11-28T10:00:00Z\",\"data\":{}}",
        "time      | ObjectVRouter:k | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"a/b\",\"time\":1.5,\"data\":{}}",
        "data      | ObjectVRouter:k | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"a/b\",\"time\":1}",
        "data.S    | ObjectVRouter:k | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"a/b\",\"time\":1,\"data\":{\"S\":3}}",
        "aggtype.S.x | ObjectVRouter:k | {\"table\":\"ObjectVRouter\",\"key\":\"k\",\"source\":\"a/b\",\"time\":1,\"data\":{\"S\":{\"x\":1}},\"aggtype\":{\"S\":{\"x\":\"max\"}}}",
    })
    void rejectsARecordNamingTheBrokenField(String field, String recordKey, String body) {
        assertThatThrownBy(() -> format.read(recordKey, "a/b", body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidStatusRecordException.class)
                .satisfies(e -> assertThat(((InvalidStatusRecordException) e).field()).isEqualTo(field));
    }

    @Test
    void refusesToWriteASourceThatIsNotModuleSlashInstance() {
        assertThatThrownBy(() -> StatusReport.withdrawal(StatusTable.VROUTER, "host1", "/filament/vrouter-agent/host1",
                Instant.ofEpochSecond(1)))
                .isInstanceOf(InvalidStatusRecordException.class)
                .hasMessageContaining("source");
    }

    @Test
    void refusesToWriteARecordLargerThanTheLimit() {
        StatusFormat small = new StatusFormat(JSON, 100);

        assertThatThrownBy(() -> small.write(vrouter()))
                .isInstanceOf(InvalidStatusRecordException.class)
                .satisfies(e -> assertThat(((InvalidStatusRecordException) e).field()).isEqualTo("value"));
    }
}
