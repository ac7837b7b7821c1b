package io.filament.analytics.uve;

import static io.filament.analytics.fixtures.StatusRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.filament.contracts.status.StatusTable;
import tools.jackson.databind.JsonNode;

class UveMergerTest {

    private static final UveKey HOST1 = new UveKey(StatusTable.VROUTER, "host1");
    private final InMemoryUveStore store = new InMemoryUveStore();
    private final UveMerger merger = new UveMerger();

    @BeforeEach
    void twoSources() {
        store.apply(record("ObjectVRouter", "host1", "agent/host1", 100,
                "{\"VrouterAgent\":{\"interface_list\":[\"tap1\"],\"build_info\":\"1.0\"},\"VrouterStatsAgent\":{\"in_tpkts\":5}}",
                "{\"VrouterStatsAgent\":{\"in_tpkts\":\"sum\"}}"));
        store.apply(record("ObjectVRouter", "host1", "dataplane/host1", 200,
                "{\"VrouterStatsAgent\":{\"in_tpkts\":7}}", "{\"VrouterStatsAgent\":{\"in_tpkts\":\"sum\"}}"));
    }

    private JsonNode merge(UveFilter filter) {
        return merger.merge(store.contributions(HOST1).orElseThrow(), filter);
    }

    @Test
    void notFlatShowsAggregationMergedValueAndEachSourcesValue() {
        JsonNode inPackets = merge(new UveFilter(false, Optional.empty(), Optional.empty(), Set.of()))
                .get("VrouterStatsAgent").get("in_tpkts");

        assertThat(inPackets.get("aggtype").stringValue()).isEqualTo("sum");
        assertThat(inPackets.get("value").longValue()).isEqualTo(12);
        assertThat(inPackets.get("sources").get("agent/host1").longValue()).isEqualTo(5);
        assertThat(inPackets.get("sources").get("dataplane/host1").longValue()).isEqualTo(7);
    }

    @Test
    void sfiltKeepsOneSourceMatchedByFullNameOrHost() {
        JsonNode bySource = merge(new UveFilter(true, Optional.of("dataplane/host1"), Optional.empty(), Set.of()));

        assertThat(bySource.get("VrouterStatsAgent").get("in_tpkts").longValue()).isEqualTo(7);
        assertThat(bySource.has("VrouterAgent")).isFalse();
        assertThat(merge(new UveFilter(true, Optional.of("host1"), Optional.empty(), Set.of()))
                .get("VrouterStatsAgent").get("in_tpkts").longValue()).isEqualTo(12);
    }

    @Test
    void mfiltKeepsTheSourcesOfOneModule() {
        JsonNode agentOnly = merge(new UveFilter(true, Optional.empty(), Optional.of("agent"), Set.of()));

        assertThat(agentOnly.get("VrouterStatsAgent").get("in_tpkts").longValue()).isEqualTo(5);
        assertThat(agentOnly.has("VrouterAgent")).isTrue();
    }

    @Test
    void cfiltKeepsAStructOrOneAttribute() {
        assertThat(merge(new UveFilter(true, Optional.empty(), Optional.empty(), Set.of("VrouterAgent"))).propertyNames())
                .containsExactly("VrouterAgent");
        JsonNode oneAttribute = merge(new UveFilter(true, Optional.empty(), Optional.empty(), Set.of("VrouterAgent:build_info")));
        assertThat(oneAttribute.get("VrouterAgent").propertyNames()).containsExactly("build_info");
    }
}
