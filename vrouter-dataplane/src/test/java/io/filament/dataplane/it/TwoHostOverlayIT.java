package io.filament.dataplane.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.dataplane.control.netty.ControlClient;
import io.filament.dataplane.control.wire.ControlMessage.AddAcl;
import io.filament.dataplane.control.wire.ControlMessage.AddVni;
import io.filament.dataplane.control.wire.ControlMessage.CountersReply;
import io.filament.dataplane.control.wire.ControlMessage.DropCount;
import io.filament.dataplane.control.wire.ControlMessage.ReadCounters;
import io.filament.dataplane.io.Namespaces;
import io.filament.dataplane.io.Shell;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.policy.AclRule;
import io.filament.dataplane.policy.CompiledAcl;
import io.filament.dataplane.table.NextHop;
import io.filament.dataplane.table.Vif;
import io.filament.testsupport.RequiresRoot;
import org.junit.jupiter.api.Timeout;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two dataplane processes on fabric addresses 127.0.0.41 and 127.0.0.42, one VM namespace behind each: ping and
 * iperf3 across hosts over MPLS over UDP and over VXLAN, a denying policy, and an agent that goes away mid-transfer.
 */
@RequiresRoot
@Timeout(value = 400, unit = java.util.concurrent.TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoHostOverlayIT {

    private static final String VM1_IP = "10.1.1.3";
    private static final String VM2_IP = "10.1.1.4";
    private static final int VM_INDEX = 3;
    private static final int TUNNEL_NH = 50;
    private static final Pattern INTERVAL_RATE = Pattern.compile(
            "\"sum\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.e+]+)", Pattern.DOTALL);

    private final Namespaces namespaces = new Namespaces();
    private DataplaneProcess hostA;
    private DataplaneProcess hostB;
    private ControlClient agentA;
    private ControlClient agentB;
    private String vm1;
    private String vm2;

    @BeforeAll
    void startHosts() throws Exception {
        vm1 = namespaces.create("v1");
        vm2 = namespaces.create("v2");
        hostA = DataplaneProcess.start(namespaces.prefix() + "A", "127.0.0.41", "");
        hostB = DataplaneProcess.start(namespaces.prefix() + "B", "127.0.0.42", "");
        connectAgents();
        HostProgram a = new HostProgram(agentA);
        HostProgram b = new HostProgram(agentB);
        a.vrf();
        b.vrf();
        a.vm(VM_INDEX, namespaces.prefix() + "a3", vm1, "02:00:0a:01:01:03", VM1_IP);
        b.vm(VM_INDEX, namespaces.prefix() + "b3", vm2, "02:00:0a:01:01:04", VM2_IP);
        a.ok(new AddVni(100, HostProgram.VRF));
        b.ok(new AddVni(100, HostProgram.VRF));
        Shell.run("ip", "-n", vm1, "addr", "add", VM1_IP + "/24", "dev", "eth0");
        Shell.run("ip", "-n", vm2, "addr", "add", VM2_IP + "/24", "dev", "eth0");
    }

    private void connectAgents() throws InterruptedException {
        agentA = hostA.connect();
        agentB = hostB.connect();
    }

    @AfterAll
    void stopHosts() throws Exception {
        try {
            for (AutoCloseable c : new AutoCloseable[] {agentA, agentB}) {
                if (c != null) {
                    c.close();
                }
            }
        } finally {
            // The processes and namespaces go away even when an agent connection failed to close.
            for (DataplaneProcess host : new DataplaneProcess[] {hostA, hostB}) {
                if (host != null) {
                    host.close();
                }
            }
            namespaces.close();
        }
    }

    private void tunnels(NextHop.Encapsulation encap) {
        int labelA = encap == NextHop.Encapsulation.VXLAN ? 100 : 16 + VM_INDEX;
        new HostProgram(agentA).remote(TUNNEL_NH, encap, "127.0.0.42", labelA, 0, VM2_IP);
        new HostProgram(agentB).remote(TUNNEL_NH, encap, "127.0.0.41", labelA, 0, VM1_IP);
    }

    private static void ping(String ns, String ip) {
        Shell.run("ip", "netns", "exec", ns, "ping", "-c", "3", "-i", "0.2", "-W", "2", ip);
    }

    @Test
    @Order(1)
    void pingsAndCarriesTcpBothWaysOverMplsOverUdp() throws Exception {
        tunnels(NextHop.Encapsulation.MPLS_OVER_UDP);
        ping(vm1, VM2_IP);
        ping(vm2, VM1_IP);
        assertThat(Iperf.tcp(vm2, vm1, VM2_IP, 2, false).bitsPerSecond()).isGreaterThan(1e6);
        assertThat(Iperf.tcp(vm2, vm1, VM2_IP, 2, true).bitsPerSecond()).isGreaterThan(1e6);
        assertThat(fabric(agentA).txPackets()).isGreaterThan(100);
        var hostA = fabric(agentA);
        assertThat(hostA.txBytes() / hostA.txPackets()).as("TCP crossed as super-packets (segmentation offload)")
                .isGreaterThan(4000);
    }

    @Test
    @Order(2)
    void pingsAndCarriesTcpBothWaysOverVxlan() throws Exception {
        tunnels(NextHop.Encapsulation.VXLAN);
        long before = fabric(agentB).rxPackets();
        ping(vm1, VM2_IP);
        ping(vm2, VM1_IP);
        assertThat(Iperf.tcp(vm2, vm1, VM2_IP, 2, false).bitsPerSecond()).isGreaterThan(1e6);
        assertThat(Iperf.tcp(vm2, vm1, VM2_IP, 2, true).bitsPerSecond()).isGreaterThan(1e6);
        assertThat(fabric(agentB).rxPackets()).isGreaterThan(before + 100);
    }

    @Test
    @Order(3)
    void dropsAndCountsAFlowThePolicyDenies() {
        tunnels(NextHop.Encapsulation.MPLS_OVER_UDP);
        HostProgram b = new HostProgram(agentB);
        b.ok(new AddAcl(new CompiledAcl(9, List.of(
                new AclRule(AclRule.Action.DENY, 4, Ipv4Header.PROTO_ICMP, 0, 0, 0, 0, 0, 0, 0, 0xFFFF, 0, 0xFFFF),
                AclRule.any(AclRule.Action.PASS)))));
        b.vm(VM_INDEX, namespaces.prefix() + "b3", vm2, "02:00:0a:01:01:04", VM2_IP, Vif.FLAG_POLICY,
                new int[] {9}, new int[0]);
        long before = drops(agentB, "POLICY");
        Shell.Result denied = Shell.exec(20, "ip", "netns", "exec", vm1, "ping", "-c", "3", "-i", "0.2", "-W", "1",
                VM2_IP);
        assertThat(denied.exit()).as(denied.output()).isNotZero();
        assertThat(drops(agentB, "POLICY")).isGreaterThanOrEqualTo(before + 3);

        b.vm(VM_INDEX, namespaces.prefix() + "b3", vm2, "02:00:0a:01:01:04", VM2_IP);
        ping(vm1, VM2_IP);
    }

    @Test
    @Order(4)
    void keepsAnIperfRunningWhenTheAgentsControlSocketCloses() throws Exception {
        tunnels(NextHop.Encapsulation.MPLS_OVER_UDP);
        CompletableFuture<Iperf.Result> transfer = CompletableFuture.supplyAsync(() -> {
            try {
                return Iperf.tcp(vm2, vm1, VM2_IP, 5, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> fabric(agentA).txPackets() > 0 && transferStarted());
        agentA.close();
        agentB.close();
        Iperf.Result result = transfer.get();
        assertThat(result.bitsPerSecond()).isGreaterThan(1e6);
        Matcher m = INTERVAL_RATE.matcher(result.json());
        int intervals = 0;
        while (m.find()) {
            assertThat(Double.parseDouble(m.group(1))).as("every interval carried data").isGreaterThan(0);
            intervals++;
        }
        assertThat(intervals).isGreaterThanOrEqualTo(5);
        assertThat(hostA.isAlive()).isTrue();
        connectAgents();
        assertThat(fabric(agentA).txPackets()).isGreaterThan(1000);
    }

    private boolean transferStarted() {
        return Shell.exec(5, "ip", "netns", "exec", vm2, "ss", "-tn").output().contains(":5201");
    }

    private static CountersReply counters(ControlClient agent) throws Exception {
        return (CountersReply) agent.call(new ReadCounters());
    }

    private static io.filament.dataplane.forward.Counters.InterfaceCounters fabric(ControlClient agent)
            throws Exception {
        return counters(agent).fabric();
    }

    private static long drops(ControlClient agent, String reason) {
        try {
            return counters(agent).drops().stream().filter(d -> d.reason().equals(reason))
                    .mapToLong(DropCount::packets).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
