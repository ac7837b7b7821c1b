package io.filament.agent.it;

import io.filament.agent.config.AgentProperties;
import io.filament.agent.config.ControlNodeAddress;
import io.filament.agent.oper.Allocations;
import io.filament.agent.oper.OperTablesBuilder;
import io.filament.agent.oper.VrfRoute;
import io.filament.agent.port.Port;
import io.filament.agent.runtime.AgentRuntime;
import io.filament.agent.xmpp.session.ControlNodeSession;
import io.filament.agent.xmpp.session.PeerState;
import io.filament.contracts.net.MacAddress;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two agents (their controller and Smack sessions, in this JVM) against a real control node process fed from
 * Kafka: config reaches each agent over XMPP, a port on host1 becomes a route on host2 pointing at host1's
 * fabric address with host1's label, deleting the port withdraws it (and only it), and when the control node
 * is killed the learned routes stay (headless).
 */
@LocalInfrastructureTest
class ControlNodeRoutingIT {

    static final String RED = "default-domain:it:red:red";

    @TempDir
    Path dir;

    static AgentProperties properties(Path state, String host, String fabric, int xmppPort, String password) {
        return new AgentProperties(state, new AgentProperties.Host(host, fabric),
                List.of(new ControlNodeAddress("127.0.0.1", xmppPort)),
                new AgentProperties.Xmpp("contrailsystems.com", password, null, AgentProperties.TlsMode.DISABLED,
                        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofMillis(200),
                        Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(120)),
                new AgentProperties.Dataplane(state.resolve("dataplane.sock"), Duration.ofSeconds(5), Duration.ofMillis(50)),
                new AgentProperties.PortApi("127.0.0.1", 0), state,
                new AgentProperties.Kafka("127.0.0.1:1", Duration.ofSeconds(1), Duration.ofSeconds(30), "s", "f",
                        Duration.ofSeconds(1)));
    }

    static AgentRuntime agent(AgentProperties p) {
        AgentRuntime runtime = new AgentRuntime(p, new OperTablesBuilder(new Allocations(p.stateDirectory()),
                p.host().fabricAddress()), Set.of(TunnelEncapsulation.UDP), Duration.ofSeconds(60), Duration.ofSeconds(120));
        for (ControlNodeAddress a : p.controlNodes()) {
            runtime.addSession(new ControlNodeSession(a, p.host().name(), p.xmpp().password(), p.xmpp(), runtime,
                    Clock.systemUTC()));
        }
        return runtime;
    }

    private static String q(String s) {
        return s.replace('\'', '"');
    }

    static void send(KafkaProducer<String, byte[]> producer, String topic, String key, String json) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, q(json).getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }

    private static String idPerms(UUID u) {
        return "'id_perms':{'uuid':{'uuid_mslong':'" + Long.toUnsignedString(u.getMostSignificantBits())
                + "','uuid_lslong':'" + Long.toUnsignedString(u.getLeastSignificantBits()) + "'}}";
    }

    static void virtualRouter(KafkaProducer<String, byte[]> p, String topic, String host, UUID... vms)
            throws Exception {
        String refs = java.util.Arrays.stream(vms).map(vm -> "{'to':['" + vm + "'],'uuid':'" + vm + "','attr':null}")
                .collect(java.util.stream.Collectors.joining(","));
        send(p, topic, "virtual-router/vr-" + host, "{'type':'virtual-router','uuid':'vr-" + host + "','version':1,"
                + "'fq_name':['default-global-system-config','" + host + "'],'object':{'uuid':'vr-" + host + "',"
                + "'fq_name':['default-global-system-config','" + host + "'],'parent_type':'global-system-config',"
                + "'virtual_machine_refs':[" + refs + "]}}");
    }

    static void vmPort(KafkaProducer<String, byte[]> p, String topic, UUID vm, UUID vmi, String mac,
                               String address) throws Exception {
        vmPort(p, topic, vm, vmi, mac, address, 1);
    }

    /** A VM, its interface in {@code red} at config version {@code version}, and the interface's instance-ip. */
    static void vmPort(KafkaProducer<String, byte[]> p, String topic, UUID vm, UUID vmi, String mac,
                       String address, long version) throws Exception {
        send(p, topic, "virtual-machine/" + vm, "{'type':'virtual-machine','uuid':'" + vm + "','version':1,'fq_name':['"
                + vm + "'],'object':{'uuid':'" + vm + "','fq_name':['" + vm + "']}}");
        send(p, topic, "virtual-machine-interface/" + vmi, "{'type':'virtual-machine-interface','uuid':'" + vmi + "',"
                + "'version':" + version + ",'fq_name':['default-domain','it','" + vmi + "'],'object':{'uuid':'" + vmi + "',"
                + "'fq_name':['default-domain','it','" + vmi + "'],'parent_type':'project'," + idPerms(vmi) + ","
                + "'virtual_machine_interface_mac_addresses':{'mac_address':['" + mac + "']},"
                + "'virtual_machine_refs':[{'to':['" + vm + "'],'uuid':'" + vm + "','attr':null}],"
                + "'virtual_network_refs':[{'to':['default-domain','it','red'],'uuid':'vn-red','attr':null}]}}");
        send(p, topic, "instance-ip/iip-" + vmi, "{'type':'instance-ip','uuid':'iip-" + vmi + "','version':1,"
                + "'fq_name':['iip-" + vmi + "'],'object':{'uuid':'iip-" + vmi + "','fq_name':['iip-" + vmi + "'],"
                + "'instance_ip_address':'" + address + "',"
                + "'virtual_machine_interface_refs':[{'to':['default-domain','it','" + vmi + "'],'uuid':'" + vmi + "','attr':null}],"
                + "'virtual_network_refs':[{'to':['default-domain','it','red'],'uuid':'vn-red','attr':null}]}}");
    }

    /** The IPAM and the network {@code default-domain:it:red} with subnet 10.71.1.0/24. */
    static void redNetwork(KafkaProducer<String, byte[]> producer, String configTopic) throws Exception {
        send(producer, configTopic, "network-ipam/ipam", "{'type':'network-ipam','uuid':'ipam','version':1,"
                + "'fq_name':['default-domain','default-project','default-network-ipam'],'object':{'uuid':'ipam',"
                + "'fq_name':['default-domain','default-project','default-network-ipam'],'parent_type':'project'}}");
        send(producer, configTopic, "virtual-network/vn-red", "{'type':'virtual-network','uuid':'vn-red','version':1,"
                + "'fq_name':['default-domain','it','red'],'object':{'uuid':'vn-red','fq_name':['default-domain','it','red'],"
                + "'parent_type':'project','network_ipam_refs':[{'to':['default-domain','default-project','default-network-ipam'],"
                + "'uuid':'ipam','attr':{'ipam_subnets':[{'subnet':{'ip_prefix':'10.71.1.0','ip_prefix_len':24},"
                + "'default_gateway':'10.71.1.254','dns_server_address':'10.71.1.253'}]}}]}}");
    }

    /** The network's default routing instance, as the schema transformer derives it. */
    static void redRoutingInstance(KafkaProducer<String, byte[]> producer, String desiredTopic) throws Exception {
        send(producer, desiredTopic, "routing-instance/" + RED, "{'name':'" + RED + "','virtual_network':'default-domain:it:red',"
                + "'import_route_targets':['target:64512:8000071'],'export_route_targets':['target:64512:8000071'],"
                + "'routing_instance_is_default':true,'derived_from':{}}");
    }

    static Port port(UUID vm, UUID vmi, String mac) {
        return new Port(vmi, vm, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                MacAddress.parse(mac), "tap" + vmi.toString().substring(0, 8), "", -1, -1, Port.PortType.VIRTUAL_MACHINE,
                Optional.empty(), Optional.empty());
    }

    /** A VM in {@code red} and its interface, numbered {@code n}: address 10.71.1.n, MAC 02:71:00:00:00:0n. */
    record RedVm(UUID vm, UUID vmi, String mac, String address) {
        static RedVm numbered(int n) {
            return new RedVm(UUID.randomUUID(), UUID.randomUUID(), String.format("02:71:00:00:00:%02x", n),
                    "10.71.1." + n);
        }

        Port port() {
            return ControlNodeRoutingIT.port(vm, vmi, mac);
        }
    }

    /** Publishes network red, the VMs in it, the two hosts' virtual-routers with their VMs, and red's instance. */
    static void publishRed(LocalInfrastructure infra, String configTopic, String desiredTopic, List<RedVm> onHost1,
                           List<RedVm> onHost2) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            redNetwork(producer, configTopic);
            for (RedVm vm : Stream.concat(onHost1.stream(), onHost2.stream()).toList()) {
                vmPort(producer, configTopic, vm.vm(), vm.vmi(), vm.mac(), vm.address());
            }
            virtualRouter(producer, configTopic, "host1", onHost1.stream().map(RedVm::vm).toArray(UUID[]::new));
            virtualRouter(producer, configTopic, "host2", onHost2.stream().map(RedVm::vm).toArray(UUID[]::new));
            redRoutingInstance(producer, desiredTopic);
            producer.flush();
        }
    }

    /** Network red with its VMs placed on fresh topics, and a control node for host1 and host2 reading them. */
    private ControlNodeJar redControlNode(LocalInfrastructure infra, List<RedVm> onHost1, List<RedVm> onHost2)
            throws Exception {
        String configTopic = infra.uniqueTopic("filament.config.v1");
        String desiredTopic = infra.uniqueTopic("filament.desired.v1");
        publishRed(infra, configTopic, desiredTopic, onHost1, onHost2);
        return ControlNodeJar.start(dir, "host1:s1\nhost2:s2\n", infra.kafkaBootstrapServers(), configTopic,
                desiredTopic, infra.uniqueTopic("filament.status.v1"));
    }

    private static Optional<VrfRoute> route(AgentRuntime runtime, String prefix) {
        return runtime.tables().routes().values().stream().filter(r -> r.prefix().toString().equals(prefix)).findFirst();
    }

    @Test
    void aPortOnOneHostBecomesARouteOnTheOtherAndStaysWhenTheControlNodeGoes(LocalInfrastructure infra) throws Exception {
        RedVm vm1 = RedVm.numbered(3);
        RedVm vm2 = RedVm.numbered(4);
        RedVm vm3 = RedVm.numbered(5);
        Path state1 = Files.createDirectories(dir.resolve("host1"));
        Path state2 = Files.createDirectories(dir.resolve("host2"));
        ControlNodeJar node = redControlNode(infra, List.of(vm1, vm3), List.of(vm2));
        try (AgentRuntime host1 = agent(properties(state1, "host1", "127.0.0.81", node.xmppPort, "s1"));
             AgentRuntime host2 = agent(properties(state2, "host2", "127.0.0.82", node.xmppPort, "s2"))) {
            host1.start();
            host2.start();
            host2.portAdded(vm2.port());
            host1.portAdded(vm1.port());
            host1.portAdded(vm3.port());

            await().atMost(Duration.ofSeconds(120)).until(() -> route(host1, "10.71.1.3/32").isPresent());
            long local = System.nanoTime();
            int label = host1.tables().interfaces().get(vm1.vmi()).label().orElseThrow();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> route(host2, "10.71.1.3/32").isPresent());
            long learnedMillis = (System.nanoTime() - local) / 1_000_000;
            VrfRoute learned = route(host2, "10.71.1.3/32").orElseThrow();
            assertThat(learned.origin()).isEqualTo(VrfRoute.Origin.REMOTE);
            assertThat(learned.label()).isEqualTo(label);
            assertThat(host2.tables().nextHops().get(learned.nextHopId()).tunnelDestination()).contains("127.0.0.81");
            assertThat(host2.tables().vrfs()).containsKey(RED);
            System.out.println("remote host learned the /32 " + learnedMillis + " ms after the local route");
            await().atMost(Duration.ofSeconds(60)).until(() -> route(host1, "10.71.1.4/32").isPresent());

            host1.portDeleted(vm1.port());
            await().atMost(Duration.ofSeconds(60)).until(() -> route(host2, "10.71.1.3/32").isEmpty());
            assertThat(route(host2, "10.71.1.5/32")).isPresent();

            node.kill();
            await().atMost(Duration.ofSeconds(120)).until(() -> host1.sessions().getFirst().state() != PeerState.ESTABLISHED);
            assertThat(route(host1, "10.71.1.4/32")).as("headless: learned route kept").isPresent();
            await().atMost(Duration.ofSeconds(120)).until(() -> host2.sessions().getFirst().state() != PeerState.ESTABLISHED);
            assertThat(route(host2, "10.71.1.5/32")).as("headless: learned route kept").isPresent();
        } finally {
            node.close();
        }
    }

    /**
     * A control node sends no withdrawal to an agent that left the routing instance; when the agent joins it again
     * it must not bring back, outdated, a route withdrawn while it was away (its label may be another port's by then).
     */
    @Test
    void anAgentRejoiningAnInstanceHasNoRouteWithdrawnWhileItWasAway(LocalInfrastructure infra) throws Exception {
        RedVm vm1 = RedVm.numbered(3);
        RedVm vm2 = RedVm.numbered(4);
        RedVm vm3 = RedVm.numbered(5);
        ControlNodeJar node = redControlNode(infra, List.of(vm1), List.of(vm2, vm3));
        try (AgentRuntime host1 = agent(properties(Files.createDirectories(dir.resolve("host1")), "host1", "127.0.0.81",
                node.xmppPort, "s1"));
             AgentRuntime host2 = agent(properties(Files.createDirectories(dir.resolve("host2")), "host2", "127.0.0.82",
                     node.xmppPort, "s2"))) {
            host1.start();
            host2.start();
            host2.portAdded(vm2.port());
            host2.portAdded(vm3.port());
            host1.portAdded(vm1.port());
            await().atMost(Duration.ofSeconds(120)).until(() -> route(host1, "10.71.1.4/32").isPresent()
                    && route(host1, "10.71.1.5/32").isPresent());

            host1.portDeleted(vm1.port());
            await().atMost(Duration.ofSeconds(60)).until(() -> !host1.tables().vrfs().containsKey(RED));
            host2.portDeleted(vm2.port());
            await().atMost(Duration.ofSeconds(60)).until(() -> controlNodeRoutes(node, "10.71.1.4/32").equals("[]"));

            host1.portAdded(vm1.port());
            await().atMost(Duration.ofSeconds(60)).until(() -> route(host1, "10.71.1.5/32").isPresent());
            assertThat(route(host1, "10.71.1.4/32")).as("route withdrawn while host1 was not in the instance")
                    .isEmpty();
        } finally {
            node.close();
        }
    }

    private static String controlNodeRoutes(ControlNodeJar node, String prefix) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + node.httpPort + "/routes?ri=" + URLEncoder.encode(RED,
                StandardCharsets.UTF_8) + "&prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .strip();
        }
    }
}
