package io.filament.agent.it;

import io.filament.agent.dataplane.DataplaneState;
import io.filament.agent.oper.Allocations;
import io.filament.agent.oper.OperTables;
import io.filament.agent.oper.RemotePath;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import io.filament.testsupport.RequiresRoot;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent against the real dataplane: a port plugged with a namespace gets its TAP there under its ifname,
 * BusyBox udhcpc inside obtains the configured address from the agent's DHCP server, VMs on two hosts ping each
 * other through the MPLS-over-UDP overlay, and deleting the port removes its TAP.
 */
@RequiresRoot
class DataplanePortIT {

    private static final String SUFFIX = String.format("%06x", System.nanoTime() & 0xffffff);

    private static Path bindScript() throws Exception {
        Path script = Files.createTempFile("udhcpc-bind", ".sh", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.writeString(script, """
                #!/bin/sh
                if [ "$1" = bound ]; then
                  ip addr add "$ip/$mask" dev "$interface"
                  ip route add default via "$router" dev "$interface"
                fi
                exit 0
                """);
        return script;
    }

    @Test
    void plugsIntoTheNamespaceHandsOutTheAddressPingsAcrossHostsAndUnplugs() throws Exception {
        UUID vmi1 = UUID.randomUUID();
        UUID vmi2 = UUID.randomUUID();
        Path script = bindScript();
        try (DataplaneJar dp1 = DataplaneJar.start("it-host1", "127.0.0.61");
             DataplaneJar dp2 = DataplaneJar.start("it-host2", "127.0.0.62");
             Netns ns1 = Netns.create("fa-vm1-" + SUFFIX);
             Netns ns2 = Netns.create("fa-vm2-" + SUFFIX);
             AgentHost host1 = new AgentHost("127.0.0.61", dp1.socket);
             AgentHost host2 = new AgentHost("127.0.0.62", dp2.socket)) {
            ConfigPush.port(host1.image, "red", "10.61.1.0", 24, "10.61.1.254", "10.61.1.253", vmi1,
                    "02:61:00:00:00:03", "10.61.1.3");
            ConfigPush.port(host2.image, "red", "10.61.1.0", 24, "10.61.1.254", "10.61.1.253", vmi2,
                    "02:61:00:00:00:04", "10.61.1.4");
            host1.ports.add(AgentHost.vmPort(vmi1, "02:61:00:00:00:03", "tapit1" + SUFFIX.substring(0, 4),
                    ns1.name));
            host2.ports.add(AgentHost.vmPort(vmi2, "02:61:00:00:00:04", "tapit2" + SUFFIX.substring(0, 4),
                    ns2.name));
            OperTables t1 = host1.recompute();
            OperTables t2 = host2.recompute();
            String ri = "default-domain:it:red:red";
            // What the control node reflects: each host's VM route, with the label its host published.
            host1.learned.add(new RemotePath(ri, RoutePrefix.parse("10.61.1.4/32"), "127.0.0.62",
                    t2.interfaces().get(vmi2).label().orElseThrow(), List.of(TunnelEncapsulation.UDP),
                    "default-domain:it:red", List.of()));
            host2.learned.add(new RemotePath(ri, RoutePrefix.parse("10.61.1.3/32"), "127.0.0.61",
                    t1.interfaces().get(vmi1).label().orElseThrow(), List.of(TunnelEncapsulation.UDP),
                    "default-domain:it:red", List.of()));
            host1.recompute();
            host2.recompute();

            await().atMost(Duration.ofSeconds(60)).until(() -> ns1.hasLink("eth0") && ns2.hasLink("eth0"));

            Netns.Result lease1 = ns1.exec(60, "busybox", "udhcpc", "-f", "-q", "-n", "-t", "10", "-T", "2",
                    "-i", "eth0", "-s", script.toString());
            Netns.Result lease2 = ns2.exec(60, "busybox", "udhcpc", "-f", "-q", "-n", "-t", "10", "-T", "2",
                    "-i", "eth0", "-s", script.toString());
            assertThat(lease1.output()).contains("lease of 10.61.1.3 obtained");
            assertThat(lease2.output()).contains("lease of 10.61.1.4 obtained");
            assertThat(ns1.exec(10, "ip", "-4", "addr", "show", "eth0").output()).contains("10.61.1.3/24");

            Netns.Result ping = ns1.exec(60, "ping", "-c", "3", "-W", "5", "10.61.1.4");
            assertThat(ping.output()).as(ping.output()).contains("3 received");

            // Agent restart on host2 while host1 pings: the dataplane keeps forwarding, the new agent builds the
            // same tables from the persisted numbering, reads the dataplane's state back and has nothing to send.
            OperTables before = host2.recompute();
            Process pings = new ProcessBuilder("ip", "netns", "exec", ns1.name, "ping", "-c", "40", "-i", "0.1",
                    "-W", "2", "10.61.1.4").redirectErrorStream(true).start();
            host2.close();
            try (AgentHost restarted = new AgentHost("127.0.0.62", dp2.socket, host2.state(), false)) {
                ConfigPush.port(restarted.image, "red", "10.61.1.0", 24, "10.61.1.254", "10.61.1.253", vmi2,
                        "02:61:00:00:00:04", "10.61.1.4");
                restarted.ports.addAll(host2.ports);
                restarted.learned.addAll(host2.learned);
                assertThat(restarted.recompute()).isEqualTo(before);
                await().atMost(Duration.ofSeconds(30)).until(() -> restarted.dataplane.resyncs() == 1
                        && restarted.dataplane.programmed().equals(DataplaneState.of(before)));
                assertThat(restarted.dataplane.requests()).as("only the dump").isEqualTo(1);
                assertThat(pings.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                String pingOutput = new String(pings.getInputStream().readAllBytes());
                assertThat(pingOutput).as(pingOutput).contains("40 received");
                assertThat(restarted.dataplane.refused()).isZero();
            }

            host1.ports.clear();
            host1.recompute();
            await().atMost(Duration.ofSeconds(60)).until(() -> !ns1.hasLink("eth0"));
            assertThat(host1.dataplane.refused()).isZero();
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void aPortPluggedBeforeItsConfigHasItsTapAtOnceAndItsHeldDhcpRequestIsAnsweredWhenTheConfigArrives()
            throws Exception {
        UUID vmi = UUID.randomUUID();
        Path script = bindScript();
        try (DataplaneJar dp = DataplaneJar.start("it-host3", "127.0.0.63");
             Netns ns = Netns.create("fa-vm3-" + SUFFIX);
             AgentHost host = new AgentHost("127.0.0.63", dp.socket)) {
            host.ports.add(AgentHost.vmPort(vmi, "02:63:00:00:00:03", "tapit3" + SUFFIX.substring(0, 4), ns.name));
            OperTables unbound = host.recompute();
            assertThat(unbound.interfaces().get(vmi).active()).isFalse();

            await().atMost(Duration.ofSeconds(30)).until(() -> ns.hasLink("eth0"));
            await().atMost(Duration.ofSeconds(30)).until(() -> host.dataplane.programmed()
                    .equals(DataplaneState.of(unbound)));
            assertThat(host.dataplane.programmed().interfaces().values())
                    .singleElement().matches(i -> i.vif().vrf() == Allocations.UNBOUND_VRF);

            // udhcpc waits 10 s for an answer before it asks again: its first request is held, and the lease comes
            // at once after the config instead of at the retry (at least 2 s after the config here).
            Process udhcpc = new ProcessBuilder("ip", "netns", "exec", ns.name, "busybox", "udhcpc", "-f", "-q",
                    "-n", "-t", "2", "-T", "10", "-i", "eth0", "-s", script.toString())
                    .redirectErrorStream(true).start();
            await().atMost(Duration.ofSeconds(8)).until(() -> host.dhcp.heldRequests() == 1);
            long configured = System.nanoTime();
            ConfigPush.port(host.image, "red", "10.63.1.0", 24, "10.63.1.254", "10.63.1.253", vmi,
                    "02:63:00:00:00:03", "10.63.1.3");
            host.recompute();

            assertThat(udhcpc.waitFor(25, TimeUnit.SECONDS)).isTrue();
            double seconds = (System.nanoTime() - configured) / 1e9;
            String output = new String(udhcpc.getInputStream().readAllBytes());
            assertThat(output).as(output).contains("lease of 10.63.1.3 obtained");
            assertThat(seconds).as("seconds from the config to udhcpc's lease").isLessThan(2.0);
            assertThat(host.dhcp.answeredAfterHold()).isEqualTo(1);
            assertThat(host.dataplane.programmed().vrfs()).doesNotContain(Allocations.UNBOUND_VRF);
            assertThat(host.dataplane.refused()).isZero();

            host.ports.clear();
            host.recompute();
            await().atMost(Duration.ofSeconds(30)).until(() -> !ns.hasLink("eth0"));
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
