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

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * <p>Stages per port, each from the start of the {@code POST}: port API answered; recomputed (host1's agent
 * holds the interface in its oper tables, which it then hands to its dataplane programmer and, as a route
 * publish, to the control node); local programmed (host1's
 * dataplane holds the interface, whose TAP is up in the VM's namespace); control node (its RIB holds the /32,
 * polled over its introspection every 5 ms); remote recomputed (host2's agent holds the /32 in its oper tables); remote
 * installed (host2's dataplane holds it); first echo. The workload adds
 * its address once its TAP is there; the ping starts once host2 holds the route and probes every 5 ms.
 * {@code -Dbench.ports=N} sets the number of ports (10 by default); p50/p99 of every stage go to
 * {@code target/port-up-latency.txt}.
 */
@LocalInfrastructureTest
@RequiresRoot
class PortUpLatencyIT {

    private static final String SUFFIX = Long.toHexString(System.nanoTime() & 0xffff);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String REMOTE_ADDRESS = "10.94.1.2";
    private static final String ANCHOR_ADDRESS = "10.94.1.3";

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
                URI atControlNode = URI.create("http://127.0.0.1:" + cn.httpPort + "/routes?ri="
                        + URLEncoder.encode(ri, StandardCharsets.UTF_8) + "&prefix="
                        + URLEncoder.encode(address + "/32", StandardCharsets.UTF_8));
                try (Netns vm = Netns.create(p.netns().orElseThrow())) {
                    long start = System.nanoTime();
                    CompletableFuture<Integer> plugged = host1.plugAsync(p.id(), vms.get(i), address, mac(i),
                            p.systemName(), vm.name);
                    // the control node is polled over HTTP on its own thread, so that its answer time does not
                    // coarsen the in-process polls below, and only every 5 ms: its introspection reads the RIB on
                    // the thread that also reflects the route
                    CompletableFuture<Long> controlNode = CompletableFuture.supplyAsync(() -> {
                        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                                .atMost(Duration.ofSeconds(30)).until(() -> atControlNode(atControlNode));
                        return System.nanoTime();
                    });
                    // answered, recomputed, local programmed, control node, remote recomputed, remote installed
                    long[] at = new long[6];
                    Process[] addressAdded = new Process[1];
                    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(30))
                            .until(() -> {
                                long now = System.nanoTime();
                                if (at[0] == 0 && plugged.isDone()) {
                                    at[0] = now;
                                    assertThat(plugged.join()).isEqualTo(200);
                                }
                                if (at[1] == 0 && host1.runtime().tables().interfaces().containsKey(p.id())) {
                                    at[1] = now;
                                }
                                if (at[2] == 0 && locallyProgrammed(host1, p.id())) {
                                    at[2] = now;
                                    // the workload configures its address once its interface is there
                                    addressAdded[0] = new ProcessBuilder("ip", "-n", vm.name, "addr", "add",
                                            address + "/24", "dev", "eth0").redirectErrorStream(true).start();
                                }
                                if (at[3] == 0 && controlNode.isDone()) {
                                    at[3] = controlNode.join();
                                }
                                if (at[4] == 0 && host2.runtime().tables().routes().containsKey(remoteTableRoute)) {
                                    at[4] = System.nanoTime();
                                }
                                if (at[5] == 0 && host2.dataplane().programmed().routes().containsKey(remoteRoute)) {
                                    at[5] = System.nanoTime();
                                }
                                return Arrays.stream(at).allMatch(t -> t != 0);
                            });
                    Process added = addressAdded[0];
                    assertThat(added.waitFor(10, TimeUnit.SECONDS)).isTrue();
                    assertThat(added.exitValue()).as(new String(added.getInputStream().readAllBytes())).isZero();
                    Netns.Result ping = remote.exec(40, "ping", "-n", "-q", "-c", "1", "-i", "0.005", "-w", "30",
                            address);
                    long echo = System.nanoTime();
                    assertThat(ping.code()).as(ping.output()).isZero();
                    stages.add(start, at[0], at[1], at[2], at[3], at[4], at[5], echo);

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

    private static boolean atControlNode(URI routes) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(routes).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body().contains("\"prefix\"");
    }

    private static DataplaneState.RouteKey hostRoute(String address, int vrf) {
        long high = (IpAddress.parse(address).ipv4Value() & 0xFFFF_FFFFL) << 32;
        return new DataplaneState.RouteKey(vrf, 4, high, 0, 32);
    }
}
