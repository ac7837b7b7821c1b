package io.filament.agent.it;

import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.port.Port;
import io.filament.agent.runtime.AgentRuntime;
import io.filament.agent.status.GuardedPublisher;
import io.filament.agent.status.StatusReporter;
import io.filament.testsupport.StatusTopicReader;
import io.filament.contracts.net.MacAddress;
import io.filament.contracts.status.StatusTable;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent with a real control node and a real dataplane reports a config object realised only once the
 * dataplane holds it: the port's VMI at the version the control node pushed, then at the next version after a
 * config update, and withdrawn when the port goes; meanwhile the vrouter UVE carries the dataplane's counters.
 */
@RequiresRoot
@LocalInfrastructureTest
class ConfigRealisationIT {

    private static final String SUFFIX = String.format("%06x", System.nanoTime() & 0xffffff);

    @TempDir
    Path dir;

    @Test
    void reportsTheVmiVersionTheDataplaneHoldsAndWithdrawsItWithThePort(LocalInfrastructure infra) throws Exception {
        String configTopic = infra.uniqueTopic("filament.config.v1");
        String desiredTopic = infra.uniqueTopic("filament.desired.v1");
        String statusTopic = infra.uniqueTopic("filament.status.v1");
        UUID vm = UUID.randomUUID();
        UUID vmi = UUID.randomUUID();
        String realisationKey = "virtual-machine-interface:" + vmi;
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer())) {
            ControlNodeRoutingIT.redNetwork(producer, configTopic);
            ControlNodeRoutingIT.vmPort(producer, configTopic, vm, vmi, "02:71:00:00:00:23", "10.71.1.23", 1);
            ControlNodeRoutingIT.virtualRouter(producer, configTopic, "host1", vm);
            ControlNodeRoutingIT.redRoutingInstance(producer, desiredTopic);
            producer.flush();

            Path state = Files.createDirectories(dir.resolve("host1"));
            ControlNodeJar node = ControlNodeJar.start(dir, "host1:s1\n", infra.kafkaBootstrapServers(), configTopic,
                    desiredTopic, statusTopic);
            try (DataplaneJar dp = DataplaneJar.start("host1", "127.0.0.83");
                 Netns ns = Netns.create("fa-rl-" + SUFFIX);
                 StatusTopicReader status = new StatusTopicReader(infra.kafkaBootstrapServers(), statusTopic);
                 AgentRuntime host1 = ControlNodeRoutingIT.agent(
                         ControlNodeRoutingIT.properties(state, "host1", "127.0.0.83", node.xmppPort, "s1"));
                 DataplaneProgrammer dataplane = new DataplaneProgrammer(dp.socket, Duration.ofSeconds(5),
                         Duration.ofMillis(50));
                 StatusReporter reporter = new StatusReporter("host1", "127.0.0.83", host1, dataplane,
                         id -> Optional.of(vm).filter(v -> id.equals(vmi)), state,
                         new GuardedPublisher(infra.kafkaBootstrapServers(), Duration.ofSeconds(20), "realisation-it"),
                         Clock.systemUTC(), StatusReporter.Intervals.both(Duration.ofMillis(500)), statusTopic, infra.uniqueTopic("filament.flows.v1"))) {
                host1.addListener(dataplane);
                host1.start();
                Port port = new Port(vmi, vm, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        MacAddress.parse("02:71:00:00:00:23"), "tapr" + SUFFIX, "", -1, -1,
                        Port.PortType.VIRTUAL_MACHINE, Optional.of(ns.name), Optional.of("eth0"));
                host1.portAdded(port);

                await().atMost(Duration.ofSeconds(120)).ignoreException(org.apache.kafka.common.errors.TimeoutException.class)
                        .until(() -> status.poll() && realised(status, realisationKey) == 1);
                assertThat(ns.hasLink("eth0")).as("the dataplane holds the port").isTrue();
                JsonNode stats = uve(status, StatusTable.VROUTER, "host1").path("VrouterStatsAgent");
                assertThat(stats.path("in_tpkts").isIntegralNumber()).isTrue();
                assertThat(stats.path("raw_drop_stats").has("ds_flow_action_drop")).isTrue();

                ControlNodeRoutingIT.vmPort(producer, configTopic, vm, vmi, "02:71:00:00:00:23", "10.71.1.23", 2);
                producer.flush();
                await().atMost(Duration.ofSeconds(60)).until(() -> status.poll() && realised(status, realisationKey) == 2);

                host1.portDeleted(port);
                await().atMost(Duration.ofSeconds(60)).until(() -> status.poll()
                        && status.uves().merged(StatusTable.CONFIG_OBJECT, realisationKey).isEmpty());
                await().atMost(Duration.ofSeconds(30)).until(() -> !ns.hasLink("eth0"));
            } finally {
                node.close();
            }
        }
    }

    private static JsonNode uve(StatusTopicReader status, StatusTable table, String key) {
        return status.uves().merged(table, key).map(JsonNode.class::cast)
                .orElseGet(() -> JsonNodeFactory.instance.objectNode());
    }

    private static long realised(StatusTopicReader status, String key) {
        return uve(status, StatusTable.CONFIG_OBJECT, key).path("ConfigRealisation").path("realised_version").asLong(0);
    }
}
