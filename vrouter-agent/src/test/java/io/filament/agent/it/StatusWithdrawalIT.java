package io.filament.agent.it;

import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.port.Port;
import io.filament.agent.runtime.AgentRuntime;
import io.filament.agent.status.GuardedPublisher;
import io.filament.agent.status.StatusReporter;
import io.filament.testsupport.StatusTopicReader;
import io.filament.contracts.net.MacAddress;
import io.filament.contracts.status.EncodedRecord;
import io.filament.contracts.status.StatusMessages;
import io.filament.contracts.status.StatusReport;
import io.filament.contracts.status.StatusStruct;
import io.filament.contracts.status.StatusTable;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stopping agent withdraws its part of every UVE it contributed to, as a stopping TF agent does: with a real
 * control node and a real dataplane, host1's agent reports its vrouter, its port's VMI, its part of the port's
 * network (which another host shares) and the realised config versions; once its reporter closes, the topic
 * holds a {@code deleted} record from {@code agent/host1} for each of those keys, the vrouter, VMI and
 * realisation UVEs are gone from the merged view, and the network's UVE shows only the other host's part.
 */
@RequiresRoot
@LocalInfrastructureTest
class StatusWithdrawalIT {

    private static final String SUFFIX = String.format("%06x", System.nanoTime() & 0xffffff);
    private static final String RED_VN = "default-domain:it:red";
    private static final String OTHER_HOSTS_PORT = "default-domain:it:port-on-host2";

    @TempDir
    Path dir;

    @Test
    void aClosingReporterWithdrawsTheHostsPartOfEveryKeyItReportedAndLeavesOtherSourcesParts(LocalInfrastructure infra)
            throws Exception {
        String configTopic = infra.uniqueTopic("filament.config.v1");
        String desiredTopic = infra.uniqueTopic("filament.desired.v1");
        String statusTopic = infra.uniqueTopic("filament.status.v1");
        UUID vm = UUID.randomUUID();
        UUID vmi = UUID.randomUUID();
        String vmiName = "default-domain:it:" + vmi;
        String realisationKey = "virtual-machine-interface:" + vmi;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            ControlNodeRoutingIT.redNetwork(producer, configTopic);
            ControlNodeRoutingIT.vmPort(producer, configTopic, vm, vmi, "02:71:00:00:00:33", "10.71.1.33", 1);
            ControlNodeRoutingIT.virtualRouter(producer, configTopic, "host1", vm);
            ControlNodeRoutingIT.redRoutingInstance(producer, desiredTopic);
            send(producer, statusTopic, otherHostsPartOfRed());
            producer.flush();

            Path state = Files.createDirectories(dir.resolve("host1"));
            ControlNodeJar node = ControlNodeJar.start(dir, "host1:s1\n", infra.kafkaBootstrapServers(), configTopic,
                    desiredTopic, statusTopic);
            try (DataplaneJar dp = DataplaneJar.start("host1", "127.0.0.84");
                 Netns ns = Netns.create("fa-wd-" + SUFFIX);
                 StatusTopicReader status = new StatusTopicReader(infra.kafkaBootstrapServers(), statusTopic);
                 AgentRuntime host1 = ControlNodeRoutingIT.agent(
                         ControlNodeRoutingIT.properties(state, "host1", "127.0.0.84", node.xmppPort, "s1"));
                 DataplaneProgrammer dataplane = new DataplaneProgrammer(dp.socket, Duration.ofSeconds(5),
                         Duration.ofMillis(50));
                 StatusReporter reporter = new StatusReporter("host1", "127.0.0.84", host1, dataplane,
                         id -> Optional.of(vm).filter(v -> id.equals(vmi)), state,
                         new GuardedPublisher(infra.kafkaBootstrapServers(), Duration.ofSeconds(20), "withdrawal-it"),
                         Clock.systemUTC(), StatusReporter.Intervals.both(Duration.ofMillis(500)), statusTopic, infra.uniqueTopic("filament.flows.v1"))) {
                host1.addListener(dataplane);
                host1.start();
                host1.portAdded(new Port(vmi, vm, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        MacAddress.parse("02:71:00:00:00:33"), "tapw" + SUFFIX.substring(0, 6), "", -1, -1,
                        Port.PortType.VIRTUAL_MACHINE, Optional.of(ns.name), Optional.of("eth0")));

                await().atMost(Duration.ofSeconds(120)).ignoreException(org.apache.kafka.common.errors.TimeoutException.class)
                        .until(() -> status.poll() && realised(status, realisationKey) == 1
                                && interfaces(status).contains(vmiName) && interfaces(status).contains(OTHER_HOSTS_PORT)
                                && !uve(status, StatusTable.VIRTUAL_MACHINE_INTERFACE, vmiName).isEmpty());
                assertThat(uve(status, StatusTable.VROUTER, "host1").path("VrouterAgent").path("interface_list")
                        .valueStream().map(JsonNode::asString)).containsExactly("tapw" + SUFFIX.substring(0, 6));
                assertThat(status.reports()).filteredOn(r -> r.source().equals("agent/host1"))
                        .noneMatch(StatusReport::deleted);

                reporter.close();

                await().atMost(Duration.ofSeconds(30)).until(() -> status.poll()
                        && status.uves().merged(StatusTable.VROUTER, "host1").isEmpty()
                        && status.uves().merged(StatusTable.VIRTUAL_MACHINE_INTERFACE, vmiName).isEmpty()
                        && status.uves().merged(StatusTable.CONFIG_OBJECT, realisationKey).isEmpty()
                        && !interfaces(status).contains(vmiName));
                assertThat(interfaces(status)).containsExactly(OTHER_HOSTS_PORT);
                assertThat(status.reports()).filteredOn(r -> r.source().equals("agent/host1") && r.deleted())
                        .extracting(StatusReport::recordKey)
                        .contains("ObjectVRouter:host1", "ObjectVMITable:" + vmiName, "ObjectVNTable:" + RED_VN,
                                "ObjectConfigRealisation:" + realisationKey);
                assertThat(status.reports()).filteredOn(r -> r.source().equals("agent/host1") && r.deleted())
                        .allMatch(r -> r.structs().isEmpty(), "a withdrawal names no struct: the whole part goes");
            } finally {
                node.close();
            }
        }
    }

    private static StatusReport otherHostsPartOfRed() {
        return StatusReport.update(StatusTable.VIRTUAL_NETWORK, RED_VN, "agent/host2", Clock.systemUTC().instant(),
                List.of(StatusStruct.of("UveVirtualNetworkAgent", Map.of("interface_list", List.of(OTHER_HOSTS_PORT)))));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, StatusReport report) {
        EncodedRecord encoded = new StatusMessages(Clock.systemUTC()).status(report);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, encoded.key(), encoded.value());
        encoded.headers().forEach((name, value) -> record.headers().add(name, value));
        producer.send(record);
    }

    private static JsonNode uve(StatusTopicReader status, StatusTable table, String key) {
        return status.uves().merged(table, key).map(JsonNode.class::cast)
                .orElseGet(() -> JsonNodeFactory.instance.objectNode());
    }

    private static List<String> interfaces(StatusTopicReader status) {
        return uve(status, StatusTable.VIRTUAL_NETWORK, RED_VN).path("UveVirtualNetworkAgent").path("interface_list")
                .valueStream().map(JsonNode::asString).toList();
    }

    private static long realised(StatusTopicReader status, String key) {
        return uve(status, StatusTable.CONFIG_OBJECT, key).path("ConfigRealisation").path("realised_version").asLong(0);
    }
}
