package io.filament.agent.it;

import io.filament.agent.dataplane.DataplaneState;
import io.filament.agent.oper.VmInterface;
import io.filament.agent.oper.VrfRoute;
import io.filament.agent.port.Port;
import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.testsupport.LocalInfrastructure;
import io.filament.testsupport.LocalInfrastructureTest;
import io.filament.testsupport.RequiresRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Port-up latency over the real path: two whole agents, each with its own dataplane process, and a real control
 * node fed from Kafka. The config of every port (VM, VMI, instance-ip, the VM on host1's virtual router) is at
 * host1's agent before the clock starts; the clock starts at the HTTP {@code POST /port} to host1's port API and
 * stops at the first echo reply of a ping sent from a VM on host2. host1 already has one VM in the network (the
 * network's routes are known there), as on a host that runs other VMs of the same network.
 *
 * <p>The clock is the "first successful ping", observed from the pinging side and started before the
 * event: before each {@code POST}, the remote VM's neighbour entry for the new address is set to the vRouter MAC
 * (as the dataplane's ARP proxy would answer, so a first ARP sent before the route exists cannot cost Linux's
 * one-second retry), a watcher that configures the new VM's address the moment its {@code eth0} appears is
 * listening (as a CNI plugin would), and {@code ping -i 0.002} is already sending from the remote VM
 * ({@link PingClock}). The clock starts when the {@code POST} is sent (a fresh connection, written by the test's
 * thread: {@link PortApiPost}) and stops when the first reply line is read.
 *
 * <p>Stages per port, each from the start of the {@code POST}: port API answered; recomputed (host1's agent
 * holds the interface in its oper tables, which it then hands to its dataplane programmer and, as a route
 * publish, to the control node); local programmed (host1's dataplane holds the interface, whose TAP is up in the
 * VM's namespace); address configured (the watcher's {@code ip addr add} has returned); remote recomputed
 * (host2's agent holds the /32 in its oper tables); remote installed (host2's dataplane holds it); first echo.
 * The agent stages are in-process reads polled every millisecond on a thread of their own; nothing is polled
 * over HTTP, so measuring adds no work to the agents' or the control node's threads.
 * {@code -Dbench.ports=N} sets the number of ports (10 by default); p50/p99 of every stage go to
 * {@code target/port-up-latency.txt}.
 */
@LocalInfrastructureTest
@RequiresRoot
class PortUpLatencyIT {

    private static final String SUFFIX = Long.toHexString(System.nanoTime() & 0xffff);
    private static final String REMOTE_ADDRESS = "10.94.1.2";
    private static final String ANCHOR_ADDRESS = "10.94.1.3";
    /** The MAC the dataplane answers ARP with for every address behind it (TF's vRouter MAC). */
    private static final String VROUTER_MAC = "00:00:5e:00:01:00";

    @TempDir
    Path dir;

    /** The port as the port API builds it from the {@code POST} body {@link AgentApp#plug} sends. */
    private static Port port(UUID vmi, UUID vm, String address, String mac, String tap, String netns) {
        return new Port(vmi, vm, Optional.empty(), Optional.empty(), Optional.of(IpAddress.parse(address)),
                Optional.empty(), MacAddress.parse(mac), tap, netns, -1, -1, Port.PortType.VIRTUAL_MACHINE,
                Optional.of(netns), Optional.of("eth0"));
    }

    private static String address(int i) {
        return "10.94.1." + (10 + i);
    }

    private static String mac(int i) {
        return String.format("02:94:00:00:01:%02x", i);
    }

    @Test
    void everyPortPluggedThroughThePortApiAnswersARemotePingSoonAfterTheRequest(LocalInfrastructure infra)
            throws Exception {
        int count = Integer.getInteger("bench.ports", 10);
        assertThat(count).as("ports (addresses 10.94.1.10 and up)").isBetween(1, 240);
        String configTopic = infra.uniqueTopic("filament.config.v1");
        String desiredTopic = infra.uniqueTopic("filament.desired.v1");
        String statusTopic = infra.uniqueTopic("filament.status.v1");
        UUID remoteVm = UUID.randomUUID();
        UUID remoteVmi = UUID.randomUUID();
        UUID anchorVm = UUID.randomUUID();
        UUID anchorVmi = UUID.randomUUID();
        List<UUID> vms = new ArrayList<>();
        List<UUID> vmis = new ArrayList<>();
        String ri;
        try (ConfigRecords config = new ConfigRecords(infra.kafkaBootstrapServers(), configTopic, desiredTopic, "pu")) {
            ri = config.routingInstance();
            config.network("10.94.1.0", 24, "10.94.1.254", "10.94.1.253", 8000094);
            config.vmPort(remoteVm, remoteVmi, "02:94:00:00:00:02", REMOTE_ADDRESS);
            config.vmPort(anchorVm, anchorVmi, "02:94:00:00:00:03", ANCHOR_ADDRESS);
            for (int i = 0; i < count; i++) {
                vms.add(UUID.randomUUID());
                vmis.add(UUID.randomUUID());
                config.vmPort(vms.get(i), vmis.get(i), mac(i), address(i));
            }
            List<UUID> onHost1 = new ArrayList<>(vms);
            onHost1.add(anchorVm);
            config.virtualRouter("pu-host1", onHost1.toArray(UUID[]::new));
            config.virtualRouter("pu-host2", remoteVm);
        }
        StageTimes stages = new StageTimes();
        try (ControlNodeJar cn = ControlNodeJar.start(Files.createDirectories(dir.resolve("cn")),
                "pu-host1:s1\npu-host2:s2\n", infra.kafkaBootstrapServers(), configTopic, desiredTopic, statusTopic);
             DataplaneJar dp1 = DataplaneJar.start("pu-host1", "127.0.0.94");
             DataplaneJar dp2 = DataplaneJar.start("pu-host2", "127.0.0.95");
             Netns remote = Netns.create("fa-pur-" + SUFFIX);
             Netns anchor = Netns.create("fa-pua-" + SUFFIX);
             AgentApp host1 = AgentApp.start("pu-host1", "127.0.0.94", "s1", dp1.socket,
                     Files.createDirectories(dir.resolve("host1")), cn.xmppPort);
             AgentApp host2 = AgentApp.start("pu-host2", "127.0.0.95", "s2", dp2.socket,
                     Files.createDirectories(dir.resolve("host2")), cn.xmppPort)) {
            assertThat(host2.plug(remoteVmi, remoteVm, REMOTE_ADDRESS, "02:94:00:00:00:02", "tapur" + SUFFIX,
                    remote.name)).isEqualTo(200);
            assertThat(host1.plug(anchorVmi, anchorVm, ANCHOR_ADDRESS, "02:94:00:00:00:03", "tapua" + SUFFIX,
                    anchor.name)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(120)).until(() -> remote.hasLink("eth0") && anchor.hasLink("eth0"));
            assertThat(remote.exec(10, "ip", "addr", "add", REMOTE_ADDRESS + "/24", "dev", "eth0").code()).isZero();
            assertThat(anchor.exec(10, "ip", "addr", "add", ANCHOR_ADDRESS + "/24", "dev", "eth0").code()).isZero();
            await().atMost(Duration.ofSeconds(120)).until(() -> host1.routes(ri).contains(REMOTE_ADDRESS + "/32")
                    && host2.routes(ri).contains(ANCHOR_ADDRESS + "/32"));
            Netns.Result warm = anchor.exec(30, "ping", "-n", "-q", "-c", "3", "-i", "0.2", "-W", "2", REMOTE_ADDRESS);
            assertThat(warm.output()).as(warm.output()).contains("3 received");

            // Before the clock: every port's config is at host1's agent.
            List<Port> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String ns = "fa-pu" + i + "-" + SUFFIX;
                ports.add(port(vmis.get(i), vms.get(i), address(i), mac(i), "tapu" + i + SUFFIX, ns));
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ports.stream().allMatch(p -> host1.runtime().configPresent(p)));
            int remoteVrf = host2.runtime().tables().interfaces().get(remoteVmi).vrfIndex().orElseThrow();

            for (int i = 0; i < count; i++) {
                Port p = ports.get(i);
                String address = address(i);
                DataplaneState.RouteKey remoteRoute = hostRoute(address, remoteVrf);
                VrfRoute.Key remoteTableRoute = new VrfRoute.Key(remoteVrf, RoutePrefix.parse(address + "/32"));
                assertThat(remote.exec(10, "ip", "neigh", "replace", address, "lladdr", VROUTER_MAC, "dev", "eth0")
                        .code()).isZero();
                try (Netns vm = Netns.create(p.netns().orElseThrow());
                     AddressWatcher watcher = AddressWatcher.start(vm, address + "/24", 60);
                     PingClock ping = PingClock.start(remote, address, 30)) {
                    long start = System.nanoTime();
                    CompletableFuture<PortApiPost.Answer> answered = host1.plugAsync(p.id(), vms.get(i), address,
                            mac(i), p.systemName(), vm.name);
                    CompletableFuture<long[]> stagesSeen = CompletableFuture.supplyAsync(
                            () -> agentStages(host1, host2, p.id(), remoteTableRoute, remoteRoute));
                    long echo = ping.firstReply(30);
                    PortApiPost.Answer api = answered.get(30, TimeUnit.SECONDS);
                    assertThat(api.status()).as(api.response()).isEqualTo(200);
                    long[] at = stagesSeen.get(30, TimeUnit.SECONDS);
                    stages.add(start, api.at(), at[0], at[1], watcher.addedAt(10), at[2], at[3], echo);

                    ping.close();
                    assertThat(host1.unplug(p.id())).isEqualTo(200);
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                            .until(() -> !vm.hasLink("eth0")
                                    && !host2.dataplane().programmed().routes().containsKey(remoteRoute));
                }
            }
            assertThat(host1.dataplane().refused()).isZero();
            assertThat(host2.dataplane().refused()).isZero();
        }
        String report = stages.report();
        Files.writeString(Path.of("target/port-up-latency.txt"), report);
        System.out.print("port-up latency: " + report);
        assertThat(stages.size()).isEqualTo(count);
        assertThat(stages.totalMicros()).allMatch(us -> us < 30_000_000);
    }

    private static boolean locallyProgrammed(AgentApp host, UUID vmi) {
        VmInterface i = host.runtime().tables().interfaces().get(vmi);
        return i != null && host.dataplane().programmed().interfaces().containsKey(i.index());
    }

    /**
     * When host1's agent holds the interface, host1's dataplane holds it, host2's agent holds the /32 and host2's
     * dataplane holds it: in-process reads of the agents' published tables and programmed state, every
     * millisecond on a thread of its own until all four were seen.
     */
    private static long[] agentStages(AgentApp host1, AgentApp host2, UUID vmi, VrfRoute.Key remoteTableRoute,
                                      DataplaneState.RouteKey remoteRoute) {
        long[] at = new long[4];
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(30))
                .until(() -> {
                    long now = System.nanoTime();
                    if (at[0] == 0 && host1.runtime().tables().interfaces().containsKey(vmi)) {
                        at[0] = now;
                    }
                    if (at[1] == 0 && locallyProgrammed(host1, vmi)) {
                        at[1] = now;
                    }
                    if (at[2] == 0 && host2.runtime().tables().routes().containsKey(remoteTableRoute)) {
                        at[2] = now;
                    }
                    if (at[3] == 0 && host2.dataplane().programmed().routes().containsKey(remoteRoute)) {
                        at[3] = now;
                    }
                    return Arrays.stream(at).allMatch(t -> t != 0);
                });
        return at;
    }

    private static DataplaneState.RouteKey hostRoute(String address, int vrf) {
        long high = (IpAddress.parse(address).ipv4Value() & 0xFFFF_FFFFL) << 32;
        return new DataplaneState.RouteKey(vrf, 4, high, 0, 32);
    }
}
