package io.filament.control.kafka;

import io.filament.control.ControlNode;
import io.filament.control.desired.DesiredStateApplier;
import io.filament.control.xmpp.peer.PeerLimits;
import io.filament.control.xmpp.session.SessionSettings;
import io.filament.control.xmpp.wire.StanzaLimits;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control node built from the real Kafka topics: virtual-routers, ports and networks from
 * {@code filament.config.v1}, routing instances and their connections from {@code filament.desired.v1}.
 */
@LocalInfrastructureTest
class KafkaWiringIT {

    static final String RED = "default-domain:demo:red:red";
    static final String BLUE = "default-domain:demo:blue:blue";

    final List<AutoCloseable> closeables = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    @Test
    void buildsRibAndConfigPushFromTheTopicsAndFollowsTombstones(LocalInfrastructure infra) throws Exception {
        String configTopic = infra.uniqueTopic("filament.config.v1");
        String desiredTopic = infra.uniqueTopic("filament.desired.v1");
        createCompacted(infra.kafkaBootstrapServers(), configTopic, desiredTopic);
        KafkaProducer<String, byte[]> producer = producer(infra.kafkaBootstrapServers());
        closeables.add(producer);
        for (String host : List.of("host1", "host2")) {
            send(producer, configTopic, "virtual-router/vr-" + host, "{'type':'virtual-router','uuid':'vr-" + host
                    + "','version':1,'fq_name':['default-global-system-config','" + host + "'],'object':{'uuid':'vr-" + host
                    + "','fq_name':['default-global-system-config','" + host + "'],'parent_type':'global-system-config'"
                    + (host.equals("host1") ? ",'virtual_machine_refs':[{'to':['vm1'],'uuid':'vm1','attr':null}]" : "") + "}}");
        }
        send(producer, configTopic, "virtual-network/vn-red", "{'type':'virtual-network','uuid':'vn-red','version':1,"
                + "'fq_name':['default-domain','demo','red'],'object':{'uuid':'vn-red','fq_name':['default-domain','demo','red'],"
                + "'parent_type':'project','display_name':'red'}}");
        send(producer, configTopic, "virtual-machine/vm1", "{'type':'virtual-machine','uuid':'vm1','version':1,"
                + "'fq_name':['vm1'],'object':{'uuid':'vm1','fq_name':['vm1']}}");
        send(producer, configTopic, "virtual-machine-interface/vmi1", "{'type':'virtual-machine-interface','uuid':'vmi1',"
                + "'version':1,'fq_name':['default-domain','demo','vmi1'],'object':{'uuid':'vmi1','fq_name':['default-domain','demo','vmi1'],"
                + "'parent_type':'project','virtual_machine_refs':[{'to':['vm1'],'uuid':'vm1','attr':null}],"
                + "'virtual_network_refs':[{'to':['default-domain','demo','red'],'uuid':'vn-red','attr':null}]}}");
        send(producer, desiredTopic, "routing-instance/" + RED, "{'name':'" + RED + "','virtual_network':'default-domain:demo:red',"
                + "'import_route_targets':['target:64512:8000001','target:64512:8000002'],"
                + "'export_route_targets':['target:64512:8000001'],'routing_instance_is_default':true,'derived_from':{}}");
        send(producer, desiredTopic, "routing-instance/" + BLUE, "{'name':'" + BLUE + "','virtual_network':'default-domain:demo:blue',"
                + "'import_route_targets':['target:64512:8000002','target:64512:8000001'],"
                + "'export_route_targets':['target:64512:8000002'],'routing_instance_is_default':true,'derived_from':{}}");
        send(producer, desiredTopic, "connection/" + BLUE + "," + RED, "{'routing_instances':['" + BLUE + "','" + RED + "'],'derived_from':{}}");
        producer.flush();

        Path secrets = dir.resolve("xmpp-agents");
        Files.writeString(secrets, "host1:s1\nhost2:s2\n");
        ControlNode node = ControlNode.start(new ControlNode.Settings(new InetSocketAddress("127.0.0.1", 0),
                new SessionSettings("contrailsystems.com", false, false, false, Duration.ofSeconds(90)), StanzaLimits.DEFAULT,
                PeerLimits.DEFAULT, secrets, Optional.empty(), Optional.empty(), Duration.ofMillis(200), Duration.ZERO, 2), Clock.systemUTC());
        closeables.add(node);
        CompactedTopicFollower config = new CompactedTopicFollower(infra.kafkaBootstrapServers(), configTopic,
                new ConfigTopicHandler(node.config())).start();
        closeables.add(config);
        CompactedTopicFollower desired = new CompactedTopicFollower(infra.kafkaBootstrapServers(), desiredTopic,
                new DesiredTopicHandler(new DesiredStateApplier(node.rib(), node.config()))).start();
        closeables.add(desired);
        config.caughtUp().get(60, TimeUnit.SECONDS);
        desired.caughtUp().get(60, TimeUnit.SECONDS);

        assertThat(node.config().isVirtualRouter("host1")).isTrue();
        assertThat(node.rib().read(r -> r.instances().get(BLUE).importTargets()).join()).contains("target:64512:8000001");
        var owed = node.config().owed("host1").join();
        assertThat(owed.nodes().keySet()).extracting(k -> k.type() + "|" + k.name())
                .contains("virtual-machine-interface|default-domain:demo:vmi1", "virtual-network|default-domain:demo:red",
                        "routing-instance|" + RED);

        send(producer, configTopic, "virtual-machine-interface/vmi1", null);
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> node.config().owed("host1").join().nodes().keySet().stream()
                .noneMatch(k -> k.type().equals("virtual-machine-interface")));
    }

    private static void createCompacted(String bootstrap, String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(java.util.Arrays.stream(topics).map(t -> new NewTopic(t, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact"))).toList()).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, String json) throws Exception {
        byte[] value = json == null ? null : json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
}
