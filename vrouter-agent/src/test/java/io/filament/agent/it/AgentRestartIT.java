package io.filament.agent.it;

import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restarting an agent while an {@code iperf3} TCP transfer runs between VMs on two hosts: the dataplane keeps
 * forwarding, the new agent reads the dataplane's state back, restores its port from the state directory,
 * re-learns config and routes from the control node and finds nothing to change — it sends the dataplane nothing
 * but the dump request — and its tables afterwards equal those before (introspection {@code /interfaces},
 * {@code /vrfs}, {@code /routes}, {@code /nexthops}). The TCP connection survives the restart, the transfer
 * ends without error and traffic flows afterwards.
 *
 * <p>Whether bytes flow every second depends on the control node, not on this host: with graceful restart it keeps
 * the departed agent's paths for the other hosts until the agent has published again (e2e {@code AgentRestartIT}
 * shows it for a ping); with it switched off the other host drops the traffic in between. The bytes per second
 * are printed so that a gap shows.
 */
@LocalInfrastructureTest
@RequiresRoot
class AgentRestartIT {

    private static final String SUFFIX = Long.toHexString(System.nanoTime() & 0xffff);

    @TempDir
    Path dir;

    private static Map<String, String> tables(AgentApp agent, String ri) throws Exception {
        return Map.of("/interfaces", agent.introspect("/interfaces"), "/vrfs", agent.introspect("/vrfs"),
                "/routes", agent.routes(ri), "/nexthops", agent.introspect("/nexthops"));
    }

    @Test
    void aRestartedAgentReconcilesWithoutStoppingATcpTransferAndEndsWithTheSameTables(LocalInfrastructure infra)
            throws Exception {
        String configTopic = infra.uniqueTopic("filament.config.v1");
        String desiredTopic = infra.uniqueTopic("filament.desired.v1");
        UUID vm1 = UUID.randomUUID();
        UUID vmi1 = UUID.randomUUID();
        UUID vm2 = UUID.randomUUID();
        UUID vmi2 = UUID.randomUUID();
        String ri;
        try (ConfigRecords config = new ConfigRecords(infra.kafkaBootstrapServers(), configTopic, desiredTopic, "rs")) {
            ri = config.routingInstance();
            config.network("10.33.1.0", 24, "10.33.1.254", "10.33.1.253", 8000033);
            config.vmPort(vm1, vmi1, "02:33:00:00:00:03", "10.33.1.3");
            config.vmPort(vm2, vmi2, "02:33:00:00:00:04", "10.33.1.4");
            config.virtualRouter("rs-host1", vm1);
            config.virtualRouter("rs-host2", vm2);
        }
        Path state2 = Files.createDirectories(dir.resolve("host2"));
        AgentApp host2 = null;
        Process server = null;
        Process client = null;
        try (ControlNodeJar cn = ControlNodeJar.start(Files.createDirectories(dir.resolve("cn")), "rs-host1:s1\nrs-host2:s2\n",
                infra.kafkaBootstrapServers(), configTopic, desiredTopic, infra.uniqueTopic("filament.status.v1"));
             DataplaneJar dp1 = DataplaneJar.start("rs-host1", "127.0.0.33");
             DataplaneJar dp2 = DataplaneJar.start("rs-host2", "127.0.0.34");
             Netns ns1 = Netns.create("fa-rs1-" + SUFFIX);
             Netns ns2 = Netns.create("fa-rs2-" + SUFFIX);
             AgentApp host1 = AgentApp.start("rs-host1", "127.0.0.33", "s1", dp1.socket,
                     Files.createDirectories(dir.resolve("host1")), cn.xmppPort)) {
            host2 = AgentApp.start("rs-host2", "127.0.0.34", "s2", dp2.socket, state2, cn.xmppPort);
            assertThat(host1.plug(vmi1, vm1, "10.33.1.3", "02:33:00:00:00:03", "tapra1" + SUFFIX, ns1.name)).isEqualTo(200);
            assertThat(host2.plug(vmi2, vm2, "10.33.1.4", "02:33:00:00:00:04", "tapra2" + SUFFIX, ns2.name)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(120)).until(() -> ns1.hasLink("eth0") && ns2.hasLink("eth0"));
            assertThat(ns1.exec(10, "ip", "addr", "add", "10.33.1.3/24", "dev", "eth0").code()).isZero();
            assertThat(ns2.exec(10, "ip", "addr", "add", "10.33.1.4/24", "dev", "eth0").code()).isZero();
            AgentApp first = host2;
            await().atMost(Duration.ofSeconds(120)).until(() -> first.runtime().complete() && host1.runtime().complete()
                    && first.routes(ri).contains("\"prefix\":\"10.33.1.3/32\"")
                    && host1.routes(ri).contains("\"prefix\":\"10.33.1.4/32\""));
            Netns.Result ping = ns1.exec(30, "ping", "-n", "-q", "-c", "3", "-W", "2", "10.33.1.4");
            assertThat(ping.output()).as(ping.output()).contains("3 received");
            Map<String, String> before = tables(host2, ri);

            server = new ProcessBuilder("ip", "netns", "exec", ns2.name, "iperf3", "-s", "-1", "-B", "10.33.1.4")
                    .redirectErrorStream(true).start();
            await().atMost(Duration.ofSeconds(30)).until(() -> ns2.exec(10, "ss", "-Hltn", "sport = :5201").output()
                    .contains("5201"));
            client = new ProcessBuilder("ip", "netns", "exec", ns1.name, "iperf3", "-c", "10.33.1.4", "-t", "20",
                    "-i", "1", "-J", "--connect-timeout", "5000").redirectErrorStream(true).start();
            Process transfer = client;
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(transfer::isAlive);

            long stopped = System.nanoTime();
            host2.close();
            host2 = null;
            AgentApp restarted = AgentApp.start("rs-host2", "127.0.0.34", "s2", dp2.socket, state2, cn.xmppPort);
            host2 = restarted;
            await().atMost(Duration.ofSeconds(120)).until(() -> restarted.runtime().complete());
            long reconciledMillis = (System.nanoTime() - stopped) / 1_000_000;
            assertThat(tables(restarted, ri)).isEqualTo(before);
            assertThat(restarted.dataplane().resyncs()).as("the dataplane's state was read once").isEqualTo(1);
            assertThat(restarted.dataplane().requests()).as("nothing but the dump was sent: all was in place")
                    .isEqualTo(1);
            assertThat(transfer.isAlive()).as("the transfer outlasts the restart").isTrue();

            assertThat(transfer.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String json = new String(transfer.getInputStream().readAllBytes());
            assertThat(transfer.exitValue()).as(json).isZero();
            JsonNode result = JsonMapper.builder().build().readTree(json);
            List<Long> perSecond = new ArrayList<>();
            result.get("intervals").forEach(i -> perSecond.add(i.get("sum").get("bytes").asLong()));
            assertThat(perSecond).as("bytes per second: %s", perSecond).hasSizeGreaterThanOrEqualTo(19);
            assertThat(result.has("error")).as(json).isFalse();
            Netns.Result after = ns1.exec(40, "ping", "-n", "-q", "-c", "3", "-w", "30", "10.33.1.4");
            assertThat(after.output()).as("traffic flows after the restart: %s", after.output()).contains("3 received");
            long stalled = perSecond.stream().filter(bytes -> bytes == 0).count();
            System.out.println("agent restart: stop to tables complete " + reconciledMillis + " ms; iperf3 seconds without"
                    + " bytes " + stalled + " of " + perSecond.size() + "; bytes per second " + perSecond);
        } finally {
            for (Process p : new Process[] {client, server}) {
                if (p != null && p.isAlive()) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            if (host2 != null) {
                host2.close();
            }
        }
    }
}
