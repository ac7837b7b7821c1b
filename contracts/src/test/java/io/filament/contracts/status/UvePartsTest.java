package io.filament.contracts.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class UvePartsTest {

    private final UveParts parts = new UveParts();

    private static StatusReport agent(String source, long second, List<String> interfaces, long inPackets) {
        return StatusReport.update(StatusTable.VROUTER, "host1", source, Instant.ofEpochSecond(second), List.of(
                StatusStruct.of("VrouterAgent", Map.of("interface_list", interfaces, "build_info", source)),
                StatusStruct.of("VrouterStatsAgent", Map.of("in_tpkts", inPackets,
                        "raw_drop_stats", Map.of("ds_invalid_nh", inPackets))).countersSummed()));
    }

    private ObjectNode merged() {
        return parts.merged(StatusTable.VROUTER, "host1").orElseThrow();
    }

    @Test
    void unitesListsSumsCountersAndTakesTheNewestScalar() {
        parts.apply(agent("agent/host1", 10, List.of("tap1", "tap2"), 5));
        parts.apply(agent("dataplane/host1", 11, List.of("tap2", "tap3"), 7));

        assertThat(merged().path("VrouterAgent").path("interface_list").valueStream().map(n -> n.asString()))
                .containsExactly("tap1", "tap2", "tap3");
        assertThat(merged().path("VrouterAgent").path("build_info").asString()).isEqualTo("dataplane/host1");
        assertThat(merged().path("VrouterStatsAgent").path("in_tpkts").longValue()).isEqualTo(12);
        assertThat(merged().path("VrouterStatsAgent").path("raw_drop_stats").path("ds_invalid_nh").longValue()).isEqualTo(12);
    }

    @Test
    void ignoresARecordOlderThanThePartItWouldChange() {
        parts.apply(agent("agent/host1", 10, List.of("tap1"), 5));

        boolean changed = parts.apply(agent("agent/host1", 9, List.of("tap9"), 1));

        assertThat(changed).isFalse();
        assertThat(merged().path("VrouterAgent").path("interface_list").get(0).asString()).isEqualTo("tap1");
    }

    @Test
    void aWithdrawalRemovesOnlyThatSourcesPartAndTheLastOneTheUve() {
        parts.apply(agent("agent/host1", 10, List.of("tap1"), 5));
        parts.apply(agent("dataplane/host1", 10, List.of("tap2"), 5));

        parts.apply(StatusReport.withdrawal(StatusTable.VROUTER, "host1", "agent/host1", Instant.ofEpochSecond(11)));
        assertThat(merged().path("VrouterAgent").path("interface_list").valueStream().map(n -> n.asString()))
                .containsExactly("tap2");

        parts.apply(StatusReport.withdrawal(StatusTable.VROUTER, "host1", "dataplane/host1", Instant.ofEpochSecond(11)));
        assertThat(parts.merged(StatusTable.VROUTER, "host1")).isEmpty();
    }

    @Test
    void aNullAttributeRemovesTheSourcesEarlierValue() {
        parts.apply(agent("agent/host1", 10, List.of("tap1"), 5));
        ObjectNode update = merged().objectNode();
        update.putNull("build_info");

        parts.apply(new StatusReport(StatusTable.VROUTER, "host1", "agent/host1", 11_000_000, false,
                Map.of("VrouterAgent", new StatusStruct("VrouterAgent", update, Map.of()))));

        assertThat(merged().path("VrouterAgent").has("build_info")).isFalse();
        assertThat(merged().path("VrouterAgent").has("interface_list")).isTrue();
    }
}
