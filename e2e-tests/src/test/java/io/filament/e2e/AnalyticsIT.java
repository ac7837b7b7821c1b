package io.filament.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.cli.fabric.PortApi;
import io.filament.cli.http.ServiceClient;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What analytics learns from the running fabric, with a VM on each host in one network: each host's
 * {@code vrouter} UVE lists its TAP interfaces and its XMPP peer; the network's {@code virtual-network} UVE
 * combines the parts both hosts' agents report; a flow query on the source network finds a ping's flows; and
 * stopping host2's agent withdraws its parts and raises the xmpp-connectivity alarm that its restart clears.
 */
@LocalInfrastructureTest
@RequiresRoot
@SharedStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsIT {

    /** Agents report every 30 s and the control node every 10 s; one missed round is tolerated. */
    private static final Duration REPORTED = Duration.ofSeconds(75);
    /**
     * The dataplane queues a flow's first record at its next aging pass (every second) and the agent publishes the
     * queued records every second; the rest is Kafka and the analytics service's write.
     */
    private static final Duration FLOW_RECORDED = Duration.ofSeconds(15);
    private static final Duration CONVERGENCE = Duration.ofSeconds(20);
    /** How soon a stopped agent's parts are gone: its own withdrawals remove them, nothing else would. */
    private static final Duration WITHDRAWN = Duration.ofSeconds(10);
    private static final ServiceClient ANALYTICS = new ServiceClient("analytics", "127.0.0.1:8081");

    private static RunningStack stack;
    private static TestProject project;
    private static TestVm onHost1;
    private static TestVm onHost2;
    private static Instant pinged;

    @BeforeAll
    static void twoVmsOfOneNetworkOnDifferentHostsPingEachOther(RunningStack shared) {
        stack = shared;
        project = TestProject.create(stack, "e2e-analytics");
        project.network("observed", "10.64.1.0/24");
        onHost1 = project.vm("obs-a", "observed", "host1");
        onHost2 = project.vm("obs-b", "observed", "host2");
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(onHost1.ping(onHost2, 3).received()).isPositive());
        pinged = Instant.now();
    }

    @AfterAll
    static void removeProject() {
        if (project != null) {
            project.close();
        }
    }

    @Test
    @Order(2)
    void eachHostsVrouterUveListsItsTapInterfaceAndItsXmppPeer() {
        await().atMost(REPORTED).untilAsserted(() -> {
            for (TestVm vm : List.of(onHost1, onHost2)) {
                JsonNode agent = vrouter(vm.host()).path("VrouterAgent");
                assertThat(texts(agent.path("interface_list"))).as(vm.host() + "'s interfaces")
                        .contains(PortApi.tapName(vm.port().vmiUuid()));
                assertThat(agent.path("xmpp_peer_list").valueStream()
                        .filter(p -> p.path("ip").asString().equals("127.0.0.1") && p.path("status").asBoolean()))
                        .as(vm.host() + "'s XMPP peers up").hasSize(1);
            }
        });
        assertThat(texts(vrouter("host1").path("VrouterAgent").path("interface_list")))
                .doesNotContain(PortApi.tapName(onHost2.port().vmiUuid()));
    }

    @Test
    @Order(3)
    void theNetworksUveCombinesThePartsOfBothHosts() {
        await().atMost(REPORTED).untilAsserted(() -> {
            JsonNode merged = network("?flat").path("UveVirtualNetworkAgent");
            assertThat(texts(merged.path("interface_list"))).containsExactlyInAnyOrder(vmiName(onHost1), vmiName(onHost2));
            assertThat(texts(merged.path("vm_list"))).containsExactlyInAnyOrder(onHost1.port().vmUuid(),
                    onHost2.port().vmUuid());
        });
        JsonNode interfaces = network("").path("UveVirtualNetworkAgent").path("interface_list");
        assertThat(interfaces.path("aggtype").asString()).isEqualTo("union");
        assertThat(sources(interfaces)).containsOnly(
                Map.entry("agent/host1", List.of(vmiName(onHost1))),
                Map.entry("agent/host2", List.of(vmiName(onHost2))));
        JsonNode received = network("").path("UveVirtualNetworkAgent").path("in_tpkts");
        assertThat(received.path("aggtype").asString()).isEqualTo("sum");
        assertThat(received.path("value").asLong()).as("packets received from the network's VMs, both hosts added")
                .isEqualTo(received.path("sources").valueStream().mapToLong(JsonNode::asLong).sum())
                .isPositive();
    }

    @Test
    /** First after the ping, so that the time printed is the flows' way from the dataplanes to a query. */
    @Order(1)
    void aFlowQueryOnTheSourceNetworkFindsThePingsFlows() {
        ObjectNode query = ServiceClient.json().createObjectNode().put("table", "FlowRecordTable")
                .put("start_time", "now-10m").put("end_time", "now");
        query.set("select_fields", strings("vrouter", "sourcevn", "sourceip", "destvn", "destip", "protocol"));
        ObjectNode term = ServiceClient.json().createObjectNode().put("name", "sourcevn").put("value", vnName())
                .put("op", 1);
        ArrayNode where = ServiceClient.json().createArrayNode();
        where.addArray().add(term);
        query.set("where", where);

        await().atMost(FLOW_RECORDED).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(vrouters(pingFlows(query))).as("vrouters reporting the ping's flow").isNotEmpty());
        System.out.printf("the ping's first flow record found by a sourcevn query %d s after the ping%n",
                Duration.between(pinged, Instant.now()).toSeconds());
        await().atMost(FLOW_RECORDED).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(vrouters(pingFlows(query))).as("vrouters reporting the ping's flow")
                        .containsExactlyInAnyOrder("host1", "host2"));
        System.out.printf("both hosts' flow records found %d s after the ping%n",
                Duration.between(pinged, Instant.now()).toSeconds());
        JsonNode rows = ANALYTICS.post("/analytics/query", query).path("value");
        assertThat(rows.valueStream().map(r -> r.path("sourcevn").asString())).containsOnly(vnName());
    }

    /** Rows of the query for the ping from obs-a to obs-b (ICMP, both ends in the network). */
    private static List<JsonNode> pingFlows(ObjectNode query) {
        return ANALYTICS.post("/analytics/query", query).path("value").valueStream()
                .filter(r -> r.path("sourceip").asString().equals(onHost1.ipAddress())
                        && r.path("destip").asString().equals(onHost2.ipAddress()) && r.path("protocol").asInt() == 1
                        && r.path("destvn").asString().equals(vnName()))
                .toList();
    }

    private static Set<String> vrouters(List<JsonNode> rows) {
        return rows.stream().map(r -> r.path("vrouter").asString()).collect(Collectors.toSet());
    }

    @Test
    @Order(4)
    void stoppingHost2sAgentWithdrawsItsPartsAndRaisesItsAlarmAndRestartingItClearsTheAlarm() {
        await().atMost(REPORTED).until(() -> !xmppAlarmRaisedFor("host2")
                && texts(network("?flat").path("UveVirtualNetworkAgent").path("interface_list")).contains(vmiName(onHost2)));
        stack.stop("agent-host2");
        try {
            // the stopped agent's withdrawals are on the topic when it exits; analytics applies them at once
            await().atMost(WITHDRAWN).untilAsserted(() -> {
                assertThat(vrouter("host2").isEmpty()).as("host2's vrouter UVE").isTrue();
                assertThat(vmi(onHost2).isEmpty()).as("obs-b's VMI UVE").isTrue();
                assertThat(texts(network("?flat").path("UveVirtualNetworkAgent").path("interface_list")))
                        .containsExactly(vmiName(onHost1));
            });
            await().atMost(REPORTED).until(() -> xmppAlarmRaisedFor("host2"));
        } finally {
            stack.start("agent-host2");
        }
        await().atMost(REPORTED).until(() -> !xmppAlarmRaisedFor("host2"));
        await().atMost(REPORTED).untilAsserted(() -> {
            assertThat(texts(vrouter("host2").path("VrouterAgent").path("interface_list")))
                    .contains(PortApi.tapName(onHost2.port().vmiUuid()));
            assertThat(texts(network("?flat").path("UveVirtualNetworkAgent").path("interface_list")))
                    .containsExactlyInAnyOrder(vmiName(onHost1), vmiName(onHost2));
        });
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(onHost1.ping(onHost2, 2).received()).isPositive());
    }

    private static String vnName() {
        return String.join(":", "default-domain", project.name(), "observed");
    }

    private static String vmiName(TestVm vm) {
        return String.join(":", "default-domain", project.name(), vm.port().vmiUuid());
    }

    private static JsonNode vrouter(String host) {
        return ANALYTICS.get("/analytics/uves/vrouter/" + host + "?flat");
    }

    private static JsonNode vmi(TestVm vm) {
        return ANALYTICS.get("/analytics/uves/virtual-machine-interface/" + vmiName(vm) + "?flat");
    }

    private static JsonNode network(String query) {
        return ANALYTICS.get("/analytics/uves/virtual-network/" + vnName() + query);
    }

    private static boolean xmppAlarmRaisedFor(String host) {
        JsonNode vrouters = ANALYTICS.get("/analytics/alarms").path("vrouter");
        return vrouters.valueStream().filter(v -> v.path("name").asString().equals(host))
                .flatMap(v -> v.path("value").path("UVEAlarms").path("alarms").valueStream())
                .anyMatch(a -> a.path("type").asString().equals("system-defined-xmpp-connectivity"));
    }

    /** The value each source contributed to an attribute of the annotated (non-flat) UVE. */
    private static Map<String, List<String>> sources(JsonNode annotated) {
        Map<String, List<String>> bySource = new TreeMap<>();
        annotated.path("sources").properties().forEach(e -> bySource.put(e.getKey(), texts(e.getValue())));
        return bySource;
    }

    private static ArrayNode strings(String... values) {
        ArrayNode array = ServiceClient.json().createArrayNode();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
