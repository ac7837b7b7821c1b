package io.filament.agent.it;

import io.filament.agent.xmpp.session.PeerState;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two agents (whole applications) connected to two real control nodes fed from Kafka, each programming its own
 * real dataplane, with VMs in namespaces on both hosts. Killing one control node loses no route and no ping;
 * killing both leaves the traffic flowing (headless); when one comes back the agents re-learn config and
 * routes and only what is no longer valid goes (a port deleted meanwhile); deleting a port withdraws its route
 * from the other host and removes its TAP.
 */
@LocalInfrastructureTest
@RequiresRoot
class TwoControlNodesIT {

    private static final String SUFFIX = Long.toHexString(System.nanoTime() & 0xffff);

    @TempDir
    Path dir;

    private static Netns.Result ping(Netns from, int count, String address) throws Exception {
        return from.exec(count / 10 + 30, "ping", "-n", "-q", "-c", String.valueOf(count), "-i", "0.1", "-W", "1", address);
    }

    private static Process pingInBackground(Netns from, int count, String address) throws Exception {
        return new ProcessBuilder("ip", "netns", "exec", from.name, "ping", "-n", "-q", "-c", String.valueOf(count),
                "-i", "0.1", "-W", "1", address).redirectErrorStream(true).start();
    }

    private static String finish(Process ping) throws Exception {
        if (!ping.waitFor(120, TimeUnit.SECONDS)) {
            ping.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("ping did not finish");
        }
        return new String(ping.getInputStream().readAllBytes());
    }

    private static boolean established(AgentApp agent, int port) {
        return agent.runtime().sessions().stream().anyMatch(s -> s.peer().equals("127.0.0.1:" + port)
                && s.state() == PeerState.ESTABLISHED);
    }

    @Test
    void losesNoRouteOrPingWhenControlNodesGoAndSweepsOnlyStaleRoutesWhenOneReturns(LocalInfrastructure infra)
            throws Exception {
        String configTopic = infra.uniqueTopic("filament.config.v1");
        String desiredTopic = infra.uniqueTopic("filament.desired.v1");
        String statusTopic = infra.uniqueTopic("filament.status.v1");
        String secrets = "ha-host1:s1\nha-host2:s2\n";
        UUID vm1 = UUID.randomUUID();
        UUID vmi1 = UUID.randomUUID();
        UUID vm2 = UUID.randomUUID();
        UUID vmi2 = UUID.randomUUID();
        UUID vm3 = UUID.randomUUID();
        UUID vmi3 = UUID.randomUUID();
        String ri;
        try (ConfigRecords config = new ConfigRecords(infra.kafkaBootstrapServers(), configTopic, desiredTopic, "ha")) {
            ri = config.routingInstance();
            config.network("10.31.1.0", 24, "10.31.1.254", "10.31.1.253", 8000031);
            config.vmPort(vm1, vmi1, "02:31:00:00:00:03", "10.31.1.3");
            config.vmPort(vm2, vmi2, "02:31:00:00:00:04", "10.31.1.4");
            config.vmPort(vm3, vmi3, "02:31:00:00:00:05", "10.31.1.5");
            config.virtualRouter("ha-host1", vm1, vm3);
            config.virtualRouter("ha-host2", vm2);
        }
        int port1 = ControlNodeJar.freePort();
        int port2 = ControlNodeJar.freePort();
        ControlNodeJar cn1 = ControlNodeJar.start(Files.createDirectories(dir.resolve("cn1")), port1, secrets,
                infra.kafkaBootstrapServers(), configTopic, desiredTopic, statusTopic);
        ControlNodeJar cn2 = ControlNodeJar.start(Files.createDirectories(dir.resolve("cn2")), port2, secrets,
                infra.kafkaBootstrapServers(), configTopic, desiredTopic, statusTopic);
        ControlNodeJar cn1Again = null;
        try (DataplaneJar dp1 = DataplaneJar.start("ha-host1", "127.0.0.31");
             DataplaneJar dp2 = DataplaneJar.start("ha-host2", "127.0.0.32");
             Netns ns1 = Netns.create("fa-ha1-" + SUFFIX);
             Netns ns2 = Netns.create("fa-ha2-" + SUFFIX);
             Netns ns3 = Netns.create("fa-ha3-" + SUFFIX);
             AgentApp host1 = AgentApp.start("ha-host1", "127.0.0.31", "s1", dp1.socket,
                     Files.createDirectories(dir.resolve("host1")), port1, port2);
             AgentApp host2 = AgentApp.start("ha-host2", "127.0.0.32", "s2", dp2.socket,
                     Files.createDirectories(dir.resolve("host2")), port1, port2)) {
            assertThat(host1.plug(vmi1, vm1, "10.31.1.3", "02:31:00:00:00:03", "tapha1" + SUFFIX, ns1.name)).isEqualTo(200);
            assertThat(host1.plug(vmi3, vm3, "10.31.1.5", "02:31:00:00:00:05", "tapha3" + SUFFIX, ns3.name)).isEqualTo(200);
            assertThat(host2.plug(vmi2, vm2, "10.31.1.4", "02:31:00:00:00:04", "tapha2" + SUFFIX, ns2.name)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(120)).until(() -> ns1.hasLink("eth0") && ns2.hasLink("eth0")
                    && ns3.hasLink("eth0"));
            for (var vm : Map.of(ns1, "10.31.1.3", ns2, "10.31.1.4", ns3, "10.31.1.5").entrySet()) {
                assertThat(vm.getKey().exec(10, "ip", "addr", "add", vm.getValue() + "/24", "dev", "eth0").code()).isZero();
            }
            // Both control nodes reflect host1's two VMs to host2 and host2's VM to host1.
            await().atMost(Duration.ofSeconds(120)).until(() ->
                    host2.runtime().learnedRouteCounts().equals(Map.of("127.0.0.1:" + port1, 2, "127.0.0.1:" + port2, 2))
                            && host1.runtime().learnedRouteCounts().equals(Map.of("127.0.0.1:" + port1, 1,
                            "127.0.0.1:" + port2, 1)));
            assertThat(host2.routes(ri)).contains("\"prefix\":\"10.31.1.3/32\"").contains("\"prefix\":\"10.31.1.5/32\"");
            Netns.Result first = ping(ns1, 5, "10.31.1.4");
            assertThat(first.output()).as(first.output()).contains(" 0% packet loss");

            // One control node dies in the middle of a ping: nothing is lost.
            Process during = pingInBackground(ns1, 60, "10.31.1.4");
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
            cn1.kill();
            await().atMost(Duration.ofSeconds(60)).until(() -> !established(host1, port1) && !established(host2, port1));
            String out = finish(during);
            assertThat(out).as(out).contains("60 received").contains(" 0% packet loss");
            assertThat(host2.routes(ri)).contains("\"prefix\":\"10.31.1.3/32\"").contains("\"prefix\":\"10.31.1.5/32\"");
            assertThat(host1.routes(ri)).contains("\"prefix\":\"10.31.1.4/32\"");

            // Both gone: headless, the programmed state stays and traffic flows.
            cn2.kill();
            await().atMost(Duration.ofSeconds(60)).until(() -> !established(host1, port2) && !established(host2, port2));
            Netns.Result headless = ping(ns1, 30, "10.31.1.4");
            assertThat(headless.output()).as(headless.output()).contains("30 received");
            Netns.Result headlessBack = ping(ns2, 10, "10.31.1.5");
            assertThat(headlessBack.output()).as(headlessBack.output()).contains("10 received");
            assertThat(host2.routes(ri)).contains("\"prefix\":\"10.31.1.3/32\"").contains("\"prefix\":\"10.31.1.5/32\"");
            assertThat(host2.introspect("/actuator/health")).contains("\"headless\":true");

            // While headless, vm3's port goes away on host1: its TAP goes at once; host2 cannot hear of it yet.
            assertThat(host1.unplug(vmi3)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> !ns3.hasLink("eth0"));
            assertThat(host2.routes(ri)).contains("\"prefix\":\"10.31.1.5/32\"");

            // cn1 comes back: config and routes are re-learned, vm3's stale route is swept at End-of-RIB, the
            // rest never goes away (a ping runs throughout).
            Process across = pingInBackground(ns1, 100, "10.31.1.4");
            cn1Again = ControlNodeJar.start(dir.resolve("cn1"), port1, secrets, infra.kafkaBootstrapServers(),
                    configTopic, desiredTopic, statusTopic);
            await().atMost(Duration.ofSeconds(120)).until(() -> established(host1, port1) && established(host2, port1));
            await().atMost(Duration.ofSeconds(120)).until(() -> !host2.routes(ri).contains("\"prefix\":\"10.31.1.5/32\""));
            assertThat(host2.routes(ri)).contains("\"prefix\":\"10.31.1.3/32\"");
            assertThat(host2.runtime().learnedRouteCounts()).containsEntry("127.0.0.1:" + port1, 1)
                    .containsEntry("127.0.0.1:" + port2, 0);
            assertThat(host1.routes(ri)).contains("\"prefix\":\"10.31.1.4/32\"");
            String acrossOut = finish(across);
            assertThat(acrossOut).as(acrossOut).contains("100 received");

            // Deleting a port withdraws its route from the other host and removes its TAP.
            long unplugged = System.nanoTime();
            assertThat(host1.unplug(vmi1)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !host2.routes(ri).contains("\"prefix\":\"10.31.1.3/32\""));
            long withdrawnMillis = (System.nanoTime() - unplugged) / 1_000_000;
            await().atMost(Duration.ofSeconds(60)).until(() -> !ns1.hasLink("eth0"));
            assertThat(host2.routes(ri)).doesNotContain("10.31.1.5/32");
            assertThat(host1.dataplane().refused()).isZero();
            assertThat(host2.dataplane().refused()).isZero();
            System.out.println("port deleted on ha-host1: route withdrawn on ha-host2 after " + withdrawnMillis + " ms");
        } finally {
            cn1.close();
            cn2.close();
            if (cn1Again != null) {
                cn1Again.close();
            }
        }
    }
}
