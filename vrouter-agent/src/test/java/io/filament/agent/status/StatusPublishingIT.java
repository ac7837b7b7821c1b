package io.filament.agent.status;

import io.filament.agent.config.AgentProperties;
import io.filament.agent.config.ControlNodeAddress;
import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.oper.Allocations;
import io.filament.agent.oper.OperTablesBuilder;
import io.filament.agent.port.Port;
import io.filament.agent.runtime.AgentRuntime;
import io.filament.contracts.net.MacAddress;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Status records reach the real broker as CloudEvents with the UVE keys, and a deleted port is reported deleted. */
@LocalInfrastructureTest
class StatusPublishingIT {

    @TempDir
    Path state;

    static AgentProperties properties(Path state, String bootstrap, String statusTopic, String flowsTopic) {
        return new AgentProperties(state, new AgentProperties.Host("it-host", "127.0.0.71"),
                List.of(new ControlNodeAddress("127.0.0.1", 5269)),
                new AgentProperties.Xmpp("contrailsystems.com", "x", null, AgentProperties.TlsMode.DISABLED,
                        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(90), Duration.ofSeconds(1),
                        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(120)),
                new AgentProperties.Dataplane(state.resolve("no-dataplane.sock"), Duration.ofSeconds(2),
                        Duration.ofMillis(200)),
                new AgentProperties.PortApi("127.0.0.71", 0), state,
                new AgentProperties.Kafka(bootstrap, Duration.ofSeconds(20), Duration.ofMillis(500), statusTopic, flowsTopic));
    }

    @Test
    void publishesVrouterAndPortStatusThenThePortsDeletion(LocalInfrastructure infra) {
        String statusTopic = infra.uniqueTopic("filament.status.v1");
        AgentProperties p = properties(state, infra.kafkaBootstrapServers(), statusTopic, infra.uniqueTopic("filament.flows.v1"));
        UUID portId = UUID.randomUUID();
        Port port = new Port(portId, UUID.randomUUID(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), MacAddress.parse("02:71:00:00:00:01"), "tapst1", "", -1, -1,
                Port.PortType.VIRTUAL_MACHINE, Optional.empty(), Optional.empty());
        List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();
        try (AgentRuntime runtime = new AgentRuntime(p, new OperTablesBuilder(new Allocations(state), "127.0.0.71"),
                Set.of(TunnelEncapsulation.UDP), Duration.ofSeconds(30), Duration.ofSeconds(120));
             DataplaneProgrammer dataplane = new DataplaneProgrammer(p.dataplane().socket(), Duration.ofSeconds(2),
                     Duration.ofMillis(200));
             StatusReporter reporter = new StatusReporter("it-host", runtime, dataplane,
                     new GuardedPublisher(infra.kafkaBootstrapServers(), Duration.ofSeconds(20), "status-it"),
                     Clock.systemUTC(), Duration.ofMillis(500), statusTopic, p.kafka().flowsTopic());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, "status-it-" + UUID.randomUUID(),
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            runtime.start();
            runtime.portAdded(port);
            consumer.subscribe(List.of(statusTopic));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.key().equals("ObjectVMITable:" + portId));
            });
            runtime.portDeleted(port);
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.key().equals("ObjectVMITable:" + portId) && json(r).path("deleted").asBoolean());
            });
        }
        ConsumerRecord<String, byte[]> vrouter = seen.stream().filter(r -> r.key().equals("ObjectVRouter:it-host"))
                .findFirst().orElseThrow();
        assertThat(header(vrouter, "ce_type")).isEqualTo("io.filament.status.ObjectVRouter");
        assertThat(header(vrouter, "ce_source")).isEqualTo("/filament/vrouter-agent/it-host");
        assertThat(header(vrouter, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(vrouter, "content-type")).isEqualTo("application/json");
        JsonNode body = json(vrouter);
        assertThat(body.path("table").asString()).isEqualTo("ObjectVRouter");
        assertThat(body.path("attributes").path("dataplane_connected").asBoolean()).isFalse();
        assertThat(body.path("attributes").path("xmpp_peers").isArray()).isTrue();
        ConsumerRecord<String, byte[]> vmi = seen.stream().filter(r -> r.key().equals("ObjectVMITable:" + portId))
                .findFirst().orElseThrow();
        assertThat(json(vmi).path("attributes").path("tap").asString()).isEqualTo("tapst1");
        assertThat(json(vmi).path("attributes").path("active").asBoolean()).isFalse();
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> r) {
        return JsonMapper.builder().build().readTree(new String(r.value(), StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
