package io.filament.analytics.uve;

import static io.filament.analytics.fixtures.StatusRecords.deletion;
import static io.filament.analytics.fixtures.StatusRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.filament.contracts.status.StatusTable;
import tools.jackson.databind.JsonNode;

class InMemoryUveStoreTest {

    private static final UveKey RED = new UveKey(StatusTable.VIRTUAL_NETWORK, "default-domain:demo:red");
    private static final String SUM_IN_BYTES = "{\"UveVirtualNetworkAgent\":{\"in_bytes\":\"sum\"}}";

    private final InMemoryUveStore store = new InMemoryUveStore();
    private final UveMerger merger = new UveMerger();

    private JsonNode merged(UveKey key) {
        return merger.merge(store.contributions(key).orElseThrow(), UveFilter.FLAT);
    }

    private void vn(String source, long time, String attributes) {
        store.apply(record("ObjectVNTable", RED.key(), source, time, "{\"UveVirtualNetworkAgent\":" + attributes + "}",
                SUM_IN_BYTES));
    }

    @Test
    void mergesTwoHostsByUnionOfListsSumOfCountersAndLatestScalar() {
        vn("agent/host1", 100, "{\"interface_list\":[\"vmi-a\",\"vmi-shared\"],\"in_bytes\":10,\"acl\":\"old\"}");
        vn("agent/host2", 200, "{\"interface_list\":[\"vmi-b\",\"vmi-shared\"],\"in_bytes\":32,\"acl\":\"new\"}");

        JsonNode agent = merged(RED).get("UveVirtualNetworkAgent");

        assertThat(agent.get("interface_list").valueStream().map(JsonNode::stringValue))
                .containsExactly("vmi-a", "vmi-shared", "vmi-b");
        assertThat(agent.get("in_bytes").longValue()).isEqualTo(42);
        assertThat(agent.get("acl").stringValue()).isEqualTo("new");
    }

    @Test
    void aDeletedRecordRemovesOnlyThatSourcesPart() {
        vn("agent/host1", 100, "{\"interface_list\":[\"vmi-a\"],\"in_bytes\":10}");
        vn("agent/host2", 200, "{\"interface_list\":[\"vmi-b\"],\"in_bytes\":32}");

        store.apply(deletion("ObjectVNTable", RED.key(), "agent/host1", 300, null));

        JsonNode agent = merged(RED).get("UveVirtualNetworkAgent");
        assertThat(agent.get("interface_list").valueStream().map(JsonNode::stringValue)).containsExactly("vmi-b");
        assertThat(agent.get("in_bytes").longValue()).isEqualTo(32);
    }

    @Test
    void theUveDisappearsWhenItsLastSourceWithdraws() {
        vn("agent/host1", 100, "{\"in_bytes\":10}");

        store.apply(deletion("ObjectVNTable", RED.key(), "agent/host1", 101, null));

        assertThat(store.contributions(RED)).isEmpty();
        assertThat(store.keys(StatusTable.VIRTUAL_NETWORK)).isEmpty();
    }

    @Test
    void anOlderRecordThanTheStoredPartChangesNothing() {
        vn("agent/host1", 200, "{\"in_bytes\":10}");

        assertThat(store.apply(record("ObjectVNTable", RED.key(), "agent/host1", 100,
                "{\"UveVirtualNetworkAgent\":{\"in_bytes\":99}}", null))).isEmpty();
        assertThat(merged(RED).get("UveVirtualNetworkAgent").get("in_bytes").longValue()).isEqualTo(10);
    }

    @Test
    void aPartialUpdateReplacesOnlyTheAttributesItCarriesAndNullRemovesOne() {
        vn("agent/host1", 100, "{\"in_bytes\":10,\"acl\":\"a\",\"total_acl_rules\":3}");
        vn("agent/host1", 200, "{\"in_bytes\":11,\"acl\":null}");

        JsonNode agent = merged(RED).get("UveVirtualNetworkAgent");
        assertThat(agent.get("in_bytes").longValue()).isEqualTo(11);
        assertThat(agent.has("acl")).isFalse();
        assertThat(agent.get("total_acl_rules").intValue()).isEqualTo(3);
    }

    @Test
    void listenersHearWhichStructsChangedAndAFailingListenerDoesNotStopTheOthers() {
        List<UveChanged> heard = new ArrayList<>();
        store.addListener(change -> {
            throw new IllegalStateException("broken listener");
        });
        store.addListener(heard::add);

        vn("agent/host1", 100, "{\"in_bytes\":10}");

        assertThat(heard).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo(RED);
            assertThat(c.structs()).containsExactly("UveVirtualNetworkAgent");
        });
    }

    @Test
    void sumsCounterMapsKeyByKey() {
        store.apply(record("ObjectVRouter", "host1", "agent/host1", 1,
                "{\"VrouterStatsAgent\":{\"raw_drop_stats\":{\"ds_flow_action_drop\":4,\"ds_invalid_nh\":1}}}",
                "{\"VrouterStatsAgent\":{\"raw_drop_stats\":\"sum\"}}"));
        store.apply(record("ObjectVRouter", "host1", "dataplane/host1", 2,
                "{\"VrouterStatsAgent\":{\"raw_drop_stats\":{\"ds_flow_action_drop\":6,\"ds_ttl_exceeded\":2}}}",
                "{\"VrouterStatsAgent\":{\"raw_drop_stats\":\"sum\"}}"));

        JsonNode drops = merged(new UveKey(StatusTable.VROUTER, "host1")).get("VrouterStatsAgent").get("raw_drop_stats");

        assertThat(drops.get("ds_flow_action_drop").longValue()).isEqualTo(10);
        assertThat(drops.get("ds_invalid_nh").longValue()).isEqualTo(1);
        assertThat(drops.get("ds_ttl_exceeded").longValue()).isEqualTo(2);
    }
}
