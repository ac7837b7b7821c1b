package io.filament.agent.it;

import io.filament.agent.dataplane.DataplaneProgrammer;
import io.filament.agent.port.Port;
import io.filament.agent.runtime.AgentRuntime;
import io.filament.agent.status.GuardedPublisher;
import io.filament.agent.status.StatusReporter;
import io.filament.contracts.net.MacAddress;
import io.filament.contracts.status.FlowFormat;
import io.filament.contracts.status.FlowReport;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two hosts, each a real dataplane and a real agent, routes through a real control node: a ping between their
 * VMs yields flow records on the flows topic that the reader analytics applies accepts, keyed by the host, with
 * the networks, addresses, ICMP identifier, counters and both vRouters' addresses.
 */
@RequiresRoot
@LocalInfrastructureTest
class FlowRecordsIT {

    private static final String SUFFIX = String.format("%06x", System.nanoTime() & 0xffffff);
    private static final String RED_VN = "default-domain:it:red";

    @TempDir
    Path dir;

    @Test
    void aPingBetweenHostsYieldsFlowRecordsInTheFormat(LocalInfrastructure infra) throws Exception {
        String configTopic = infra.uniqueTopic("filament.config.v1");
        String desiredTopic = infra.uniqueTopic("filament.desired.v1");
        String flowsTopic = infra.uniqueTopic("filament.flows.v1");
        UUID vm1 = UUID.randomUUID();
        UUID vmi1 = UUID.randomUUID();
        UUID vm2 = UUID.randomUUID();
        UUID vmi2 = UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            ControlNodeRoutingIT.redNetwork(producer, configTopic);
            ControlNodeRoutingIT.vmPort(producer, configTopic, vm1, vmi1, "02:71:00:00:00:33", "10.71.1.33");
            ControlNodeRoutingIT.vmPort(producer, configTopic, vm2, vmi2, "02:71:00:00:00:34", "10.71.1.34");
            ControlNodeRoutingIT.virtualRouter(producer, configTopic, "host1", vm1);
            ControlNodeRoutingIT.virtualRouter(producer, configTopic, "host2", vm2);
            ControlNodeRoutingIT.redRoutingInstance(producer, desiredTopic);
            producer.flush();
        }
        ControlNodeJar node = ControlNodeJar.start(dir, "host1:s1\nhost2:s2\n", infra.kafkaBootstrapServers(),
                configTopic, desiredTopic, infra.uniqueTopic("filament.status.v1"));
        List<FlowReport> flows = new CopyOnWriteArrayList<>();
        // a flow's record is due when it ends: end the ping's flows 5 s after its last packet
        List<String> quickAging = List.of("--filament.dataplane.flow-idle-timeout=5s");
        try (DataplaneJar dp1 = DataplaneJar.start("host1", "127.0.0.91", quickAging);
             DataplaneJar dp2 = DataplaneJar.start("host2", "127.0.0.92", quickAging);
             Netns ns1 = Netns.create("fa-fl1-" + SUFFIX);
             Netns ns2 = Netns.create("fa-fl2-" + SUFFIX);
             Host host1 = new Host("host1", "127.0.0.91", "s1", dp1, node, flowsTopic, infra);
             Host host2 = new Host("host2", "127.0.0.92", "s2", dp2, node, flowsTopic, infra);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            host1.plug(vm1, vmi1, "02:71:00:00:00:33", ns1);
            host2.plug(vm2, vmi2, "02:71:00:00:00:34", ns2);
            await().atMost(Duration.ofSeconds(120)).until(() -> ns1.hasLink("eth0") && ns2.hasLink("eth0")
                    && host1.runtime.tables().routes().values().stream()
                            .anyMatch(r -> r.prefix().toString().equals("10.71.1.34/32"))
                    && host2.runtime.tables().routes().values().stream()
                            .anyMatch(r -> r.prefix().toString().equals("10.71.1.33/32")));
            address(ns1, "10.71.1.33");
            address(ns2, "10.71.1.34");

            Netns.Result ping = ns1.exec(60, "ping", "-c", "3", "-W", "5", "10.71.1.34");
            assertThat(ping.output()).as(ping.output()).contains("3 received");

            FlowFormat format = new FlowFormat();
            await().atMost(Duration.ofSeconds(120)).ignoreException(org.apache.kafka.common.errors.TimeoutException.class)
                    .until(() -> {
                        read(consumer, flowsTopic, format, flows);
                        return flows.stream().anyMatch(f -> f.vrouter().equals("host1") && f.aggPackets() >= 3
                                && f.sourceIp().equals("10.71.1.33"))
                                && flows.stream().anyMatch(f -> f.vrouter().equals("host2") && f.aggPackets() >= 3
                                && f.sourceIp().equals("10.71.1.33"));
                    });
        } finally {
            node.close();
        }
        FlowReport sent = flows.stream().filter(f -> f.vrouter().equals("host1") && f.sourceIp().equals("10.71.1.33")
                && f.aggPackets() >= 3).findFirst().orElseThrow();
        assertThat(sent.sourceVn()).isEqualTo(RED_VN);
        assertThat(sent.destVn()).isEqualTo(RED_VN);
        assertThat(sent.destIp()).isEqualTo("10.71.1.34");
        assertThat(sent.protocol()).isEqualTo(1);
        assertThat(sent.destPort()).isZero();
        assertThat(sent.directionIngress()).isEqualTo(1);
        assertThat(sent.action()).isEqualTo("pass");
        assertThat(sent.aggBytes()).isGreaterThanOrEqualTo(3 * 84);
        assertThat(sent.vrouterIp()).isEqualTo("127.0.0.91");
        assertThat(sent.otherVrouterIp()).isEqualTo("127.0.0.92");
        FlowReport replies = flows.stream().filter(f -> f.vrouter().equals("host1") && f.sourceIp().equals("10.71.1.34")
                && f.aggPackets() >= 3).findFirst().orElseThrow();
        assertThat(replies.sourcePort()).as("ICMP identifier").isEqualTo(sent.sourcePort());
        assertThat(replies.directionIngress()).isZero();
    }

    /** Reads the flows topic from its beginning, checking each record's headers and body as analytics does. */
    private static void read(KafkaConsumer<String, byte[]> consumer, String topic, FlowFormat format,
                             List<FlowReport> into) {
        if (consumer.assignment().isEmpty()) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions == null || partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList());
            consumer.seekToBeginning(consumer.assignment());
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
            assertThat(header(r, "ce_type")).isEqualTo("io.filament.flow");
            assertThat(header(r, "ce_source")).isEqualTo("agent/" + r.key());
            into.add(format.read(r.key(), r.value()));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void address(Netns ns, String address) throws Exception {
        assertThat(ns.exec(10, "ip", "addr", "add", address + "/24", "dev", "eth0").code()).isZero();
        assertThat(ns.exec(10, "ip", "link", "set", "eth0", "up").code()).isZero();
        assertThat(ns.exec(10, "ip", "route", "add", "default", "via", "10.71.1.254", "dev", "eth0").code()).isZero();
    }

    /** One simulated host: agent runtime, dataplane programmer and status reporter. */
    private final class Host implements AutoCloseable {
        final AgentRuntime runtime;
        private final DataplaneProgrammer dataplane;
        private final StatusReporter reporter;

        Host(String name, String fabric, String password, DataplaneJar dp, ControlNodeJar node, String flowsTopic,
             LocalInfrastructure infra) throws Exception {
            Path state = Files.createDirectories(dir.resolve(name));
            runtime = ControlNodeRoutingIT.agent(ControlNodeRoutingIT.properties(state, name, fabric, node.xmppPort,
                    password));
            dataplane = new DataplaneProgrammer(dp.socket, Duration.ofSeconds(5), Duration.ofMillis(50));
            reporter = new StatusReporter(name, fabric, runtime, dataplane, vmi -> Optional.empty(), state,
                    new GuardedPublisher(infra.kafkaBootstrapServers(), Duration.ofSeconds(20), "flows-it-" + name),
                    Clock.systemUTC(), StatusReporter.Intervals.both(Duration.ofMillis(500)), infra.uniqueTopic("filament.status.v1"), flowsTopic);
            runtime.addListener(dataplane);
            runtime.start();
        }

        void plug(UUID vm, UUID vmi, String mac, Netns ns) {
            runtime.portAdded(new Port(vmi, vm, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    MacAddress.parse(mac), "tapf" + vmi.toString().substring(0, 6), "", -1, -1,
                    Port.PortType.VIRTUAL_MACHINE, Optional.of(ns.name), Optional.of("eth0")));
        }

        @Override
        public void close() {
            reporter.close();
            dataplane.close();
            runtime.close();
        }
    }
}
