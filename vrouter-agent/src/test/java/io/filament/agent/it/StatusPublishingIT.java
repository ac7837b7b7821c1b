package io.filament.agent.it;

import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.runtime.AgentRuntime;
import io.filament.agent.status.GuardedPublisher;
import io.filament.agent.status.StatusReporter;
import io.filament.testsupport.StatusTopicReader;
import io.filament.contracts.status.StatusReport;
import io.filament.contracts.status.StatusTable;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real agent and a real control node process publish to one status topic; every record passes the reader
 * analytics applies, and the merged UVEs say what happened: the {@code vrouter} UVE of the host lists its
 * interface and its XMPP peer (up, primary), the control node reports the session Established, the port's
 * {@code virtual-machine-interface} UVE appears under its fq name and the network's {@code virtual-network} UVE
 * lists the port and its VM; both are withdrawn when the port goes, and once the agent stops the control node
 * reports the session Idle.
 */
@LocalInfrastructureTest
class StatusPublishingIT {

    private static final String RED_VN = "default-domain:it:red";

    @TempDir
    Path dir;

    @Test
    void recordsOfAnAgentAndAControlNodeFollowTheFormatAndMergeIntoTheHostsUves(LocalInfrastructure infra)
            throws Exception {
        String configTopic = infra.uniqueTopic("filament.config.v1");
        String desiredTopic = infra.uniqueTopic("filament.desired.v1");
        String statusTopic = infra.uniqueTopic("filament.status.v1");
        UUID vm = UUID.randomUUID();
        UUID vmi = UUID.randomUUID();
        String vmiName = "default-domain:it:" + vmi;
        String tap = "tap" + vmi.toString().substring(0, 8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            ControlNodeRoutingIT.redNetwork(producer, configTopic);
            ControlNodeRoutingIT.vmPort(producer, configTopic, vm, vmi, "02:71:00:00:00:13", "10.71.1.13");
            ControlNodeRoutingIT.virtualRouter(producer, configTopic, "host1", vm);
            ControlNodeRoutingIT.redRoutingInstance(producer, desiredTopic);
            producer.flush();
        }
        Path state = Files.createDirectories(dir.resolve("host1"));
        ControlNodeJar node = ControlNodeJar.start(dir, "host1:s1\n", infra.kafkaBootstrapServers(), configTopic,
                desiredTopic, statusTopic);
        try (StatusTopicReader status = new StatusTopicReader(infra.kafkaBootstrapServers(), statusTopic)) {
            try (AgentRuntime host1 = ControlNodeRoutingIT.agent(
                        ControlNodeRoutingIT.properties(state, "host1", "127.0.0.81", node.xmppPort, "s1"));
                 DataplaneProgrammer dataplane = new DataplaneProgrammer(state.resolve("no-dataplane.sock"),
                         Duration.ofSeconds(2), Duration.ofMillis(200));
                 StatusReporter reporter = new StatusReporter("host1", "127.0.0.81", host1, dataplane,
                         id -> Optional.of(vm).filter(v -> id.equals(vmi)), state,
                         new GuardedPublisher(infra.kafkaBootstrapServers(), Duration.ofSeconds(20), "status-it"),
                         Clock.systemUTC(), StatusReporter.Intervals.both(Duration.ofMillis(500)), statusTopic, infra.uniqueTopic("filament.flows.v1"))) {
                host1.start();
                host1.portAdded(ControlNodeRoutingIT.port(vm, vmi, "02:71:00:00:00:13"));

                await().atMost(Duration.ofSeconds(120)).ignoreException(org.apache.kafka.common.errors.TimeoutException.class)
                        .until(() -> status.poll() && peerUp(status) && xmppState(status).equals("Established")
                                && uve(status, StatusTable.VIRTUAL_MACHINE_INTERFACE, vmiName)
                                        .path("UveVMInterfaceAgent").path("active").asBoolean(false)
                                && !uve(status, StatusTable.VIRTUAL_NETWORK, RED_VN).path("UveVirtualNetworkAgent")
                                        .path("vm_list").isEmpty());

                JsonNode agent = uve(status, StatusTable.VROUTER, "host1").path("VrouterAgent");
                assertThat(agent.path("interface_list").valueStream().map(JsonNode::asString)).containsExactly(tap);
                JsonNode peer = agent.path("xmpp_peer_list").get(0);
                assertThat(peer.path("ip").asString()).isEqualTo("127.0.0.1");
                assertThat(peer.path("primary").asBoolean()).isTrue();
                assertThat(peer.path("setup_time").longValue()).isPositive();
                JsonNode port = uve(status, StatusTable.VIRTUAL_MACHINE_INTERFACE, vmiName).path("UveVMInterfaceAgent");
                assertThat(port.path("virtual_network").asString()).isEqualTo("default-domain:it:red");
                assertThat(port.path("ip_address").asString()).isEqualTo("10.71.1.13");
                assertThat(port.path("vrf_name").asString()).isEqualTo(ControlNodeRoutingIT.RED);
                JsonNode network = uve(status, StatusTable.VIRTUAL_NETWORK, RED_VN).path("UveVirtualNetworkAgent");
                assertThat(network.path("interface_list").valueStream().map(JsonNode::asString)).containsExactly(vmiName);
                assertThat(network.path("vm_list").valueStream().map(JsonNode::asString)).containsExactly(vm.toString());
                assertThat(status.reports()).extracting(StatusReport::source)
                        .containsOnly("agent/host1", "control/control-node-1");

                host1.portDeleted(ControlNodeRoutingIT.port(vm, vmi, "02:71:00:00:00:13"));
                await().atMost(Duration.ofSeconds(60)).until(() -> status.poll()
                        && status.uves().merged(StatusTable.VIRTUAL_MACHINE_INTERFACE, vmiName).isEmpty()
                        && status.uves().merged(StatusTable.VIRTUAL_NETWORK, RED_VN).isEmpty());
                assertThat(status.reports()).filteredOn(StatusReport::deleted).extracting(StatusReport::recordKey)
                        .containsOnly("ObjectVMITable:" + vmiName, "ObjectVNTable:" + RED_VN);
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> status.poll() && xmppState(status).equals("Idle"));
        } finally {
            node.close();
        }
    }

    private static ObjectNode uve(StatusTopicReader status, StatusTable table, String key) {
        return status.uves().merged(table, key).orElseGet(() -> JsonNodeFactory.instance.objectNode());
    }

    private static boolean peerUp(StatusTopicReader status) {
        JsonNode peers = uve(status, StatusTable.VROUTER, "host1").path("VrouterAgent").path("xmpp_peer_list");
        return peers.isArray() && !peers.isEmpty() && peers.get(0).path("status").asBoolean(false);
    }

    private static String xmppState(StatusTopicReader status) {
        return uve(status, StatusTable.XMPP_PEER, "host1").path("XmppPeerInfoData").path("state_info").path("state")
                .asString("");
    }
}
