package io.filament.dataplane.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.filament.dataplane.app.DataplaneProperties;
import io.filament.dataplane.app.DataplaneRuntime;
import io.filament.dataplane.control.netty.ControlClient;
import io.filament.dataplane.control.wire.ControlCodec;
import io.filament.dataplane.control.wire.ControlMessage;
import io.filament.dataplane.control.wire.ControlMessage.*;
import io.filament.dataplane.flow.FlowView;
import io.filament.dataplane.forward.PacketIn;
import io.filament.dataplane.io.Namespaces;
import io.filament.dataplane.io.Shell;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.IcmpMessage;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.dataplane.table.NextHop;
import io.filament.dataplane.table.Vif;
import io.filament.testsupport.RequiresRoot;
import org.junit.jupiter.api.Timeout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The control socket against a real runtime (TAPs, fabric socket) with two local VMs. */
@RequiresRoot
@Timeout(value = 400, unit = java.util.concurrent.TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlSocketIT {

    private static final long VM1_MAC = MacAddress.parse("02:00:0a:01:01:03").value();
    private final Namespaces namespaces = new Namespaces();
    private DataplaneRuntime runtime;
    private ControlClient agent;
    private HostProgram program;
    private String vm1;
    private String vm2;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("fdp-control");
        runtime = new DataplaneRuntime(new DataplaneProperties("control-it", "127.0.0.43",
                dir.resolve("dp.sock"), 1024, 100, Duration.ofSeconds(180), Duration.ofSeconds(1), 1 << 20, 4, Duration.ofNanos(200_000)),
                InstantSource.system());
        runtime.start();
        agent = ControlClient.connect(dir.resolve("dp.sock"));
        program = new HostProgram(agent);
        vm1 = namespaces.create("c1");
        vm2 = namespaces.create("c2");
        program.vrf();
        program.vm(3, namespaces.prefix() + "c3", vm1, "02:00:0a:01:01:03", "10.1.1.3");
        program.vm(4, namespaces.prefix() + "c4", vm2, "02:00:0a:01:01:04", "10.1.1.4");
        program.ok(new AddNextHop(new NextHop.Receive(40)));
        program.ok(new AddRoute(HostProgram.VRF, 4, HostProgram.v4("10.1.1.1"), 0, 32, 40));
        Shell.run("ip", "-n", vm1, "addr", "add", "10.1.1.3/24", "dev", "eth0");
        Shell.run("ip", "-n", vm2, "addr", "add", "10.1.1.4/24", "dev", "eth0");
        Shell.run("ip", "-n", vm1, "route", "add", "default", "via", "10.1.1.1");
    }

    @AfterAll
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (runtime != null) {
            runtime.stop();
        }
        namespaces.close();
        Files.deleteIfExists(dir.resolve("dp.sock"));
        Files.deleteIfExists(dir);
    }

    private byte[] dumpBytes() {
        ByteBuf out = Unpooled.buffer();
        ControlCodec.encode(0, program.call(new Dump()), out);
        return ByteBufUtil.getBytes(out);
    }

    private static void assertRefused(ControlMessage reply, ErrorReply.Code code, String field) {
        assertThat(reply).isInstanceOf(ErrorReply.class);
        assertThat(((ErrorReply) reply).code()).isEqualTo(code);
        assertThat(((ErrorReply) reply).field()).isEqualTo(field);
    }

    @Test
    void refusesBadRequestsWithAnErrorAndChangesNothing() {
        byte[] before = dumpBytes();
        assertRefused(program.call(new AddRoute(1, 4, HostProgram.v4("10.5.0.0"), 0, 16, 77)),
                ErrorReply.Code.INVALID_REQUEST, "route.nexthop");
        assertRefused(program.call(new AddInterface(new Vif(9, namespaces.prefix() + "c9", 2, 2, 7, 0, 1500, 0, 0,
                new int[0], new int[0]), "", "")), ErrorReply.Code.INVALID_REQUEST, "interface.vrf");
        assertRefused(program.call(new AddNextHop(new NextHop.Tunnel(60, NextHop.Encapsulation.MPLS_OVER_UDP,
                Ipv4Header.parse("127.0.0.44"), 3, 0))), ErrorReply.Code.INVALID_REQUEST, "nexthop.label_or_vni");
        assertRefused(program.call(new DeleteNextHop(3)), ErrorReply.Code.INVALID_REQUEST, "nexthop.id");
        assertRefused(program.call(new AddInterface(new Vif(9, "lo", 2, 2, 1, 0, 1500, 0, 0, new int[0],
                new int[0]), "", "")), ErrorReply.Code.DEVICE_FAILURE, "interface");
        assertRefused(program.call(new ReadPacketIns(0)), ErrorReply.Code.INVALID_REQUEST, "max");
        assertThat(dumpBytes()).isEqualTo(before);
    }

    @Test
    void refusesAnInterfaceForAMissingNamespaceByNameAndLeavesNoTap() {
        byte[] before = dumpBytes();
        String tap = namespaces.prefix() + "c7";
        String missing = namespaces.prefix() + "none";

        ErrorReply reply = (ErrorReply) program.call(new AddInterface(vif(7, tap), missing, "eth0"));

        assertThat(reply.code()).isEqualTo(ErrorReply.Code.DEVICE_FAILURE);
        assertThat(reply.field()).isEqualTo("interface.namespace");
        assertThat(reply.value()).isEqualTo(missing);
        assertThat(reply.message()).isEqualTo(tap + " -> ns " + missing + " as eth0: /var/run/netns/" + missing
                + ": No such file or directory");
        assertThat(dumpBytes()).isEqualTo(before);
        assertThat(Shell.exec(10, "ip", "link", "show", tap).exit()).isNotZero();
    }

    @Test
    void refusesAnInterfaceWhoseNameIsTakenInTheNamespaceAndLeavesNoTap() {
        String ns = namespaces.create("c8");
        Shell.run("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", "peer0");
        byte[] before = dumpBytes();
        String tap = namespaces.prefix() + "c8";

        ErrorReply reply = (ErrorReply) program.call(new AddInterface(vif(8, tap), ns, "eth0"));

        assertThat(reply.code()).isEqualTo(ErrorReply.Code.DEVICE_FAILURE);
        assertThat(reply.field()).isEqualTo("interface");
        assertThat(reply.message()).isEqualTo(tap + " -> ns " + ns + " as eth0: File exists");
        assertThat(dumpBytes()).isEqualTo(before);
        assertThat(Shell.run("ip", "-n", ns, "link", "show")).doesNotContain(tap);
        assertThat(Shell.exec(10, "ip", "link", "show", tap).exit()).isNotZero();
    }

    @Test
    void refusesANewNameTheKernelWouldNotTakeBeforeCreatingAnything() {
        byte[] before = dumpBytes();
        String tap = namespaces.prefix() + "c6";

        assertRefused(program.call(new AddInterface(vif(6, tap), vm1, "eth0:1")), ErrorReply.Code.INVALID_REQUEST,
                "interface.rename_to");
        assertRefused(program.call(new AddInterface(vif(6, tap), "../" + vm1, "eth0")),
                ErrorReply.Code.INVALID_REQUEST, "interface.namespace");
        assertThat(dumpBytes()).isEqualTo(before);
        assertThat(Shell.exec(10, "ip", "link", "show", tap).exit()).isNotZero();
    }

    @Test
    void replacesAnInterfacesTapByANewOneUnderTheSameNameInTheNamespace() {
        String ns = namespaces.create("c9");
        program.ok(new AddInterface(vif(9, namespaces.prefix() + "c9"), ns, "eth0"));
        Vif replacement = new Vif(9, namespaces.prefix() + "d9", MacAddress.parse("02:00:0a:01:01:99").value(),
                Ipv4Header.parse("10.1.1.9"), HostProgram.VRF, 0, 1400, 0, 0, new int[0], new int[0]);

        program.ok(new AddInterface(replacement, ns, "eth0"));

        assertThat(Shell.run("ip", "-n", ns, "link", "show", "eth0")).contains("02:00:0a:01:01:99")
                .contains("mtu 1400");
        program.ok(new DeleteInterface(9));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Shell.run("ip", "-n", ns, "link", "show")).doesNotContain("eth0"));
    }

    private static Vif vif(int index, String tap) {
        return new Vif(index, tap, MacAddress.parse("02:00:0a:01:01:0" + index).value(), Ipv4Header.parse("10.1.1."
                + index), HostProgram.VRF, 0, 1450, 0, 0, new int[0], new int[0]);
    }

    @Test
    void answersMalformedFramesAndRepliesSentAsRequestsAndKeepsServing() throws Exception {
        ByteBuf truncated = Unpooled.buffer();
        ControlCodec.encode(77, new AddRoute(1, 4, 0, 0, 8, 3), truncated);
        byte[] body = ByteBufUtil.getBytes(truncated, 0, 12);
        ControlMessage reply = agent.sendRaw(77, body).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertRefused(reply, ErrorReply.Code.MALFORMED_REQUEST, "route.high");
        assertRefused(program.call(new Ok()), ErrorReply.Code.UNEXPECTED_MESSAGE, "type");
        assertThat(program.call(new ReadCounters())).isInstanceOf(CountersReply.class);
    }

    @Test
    void forwardsBetweenLocalVmsAndListsTheirFlow() {
        Shell.run("ip", "netns", "exec", vm1, "ping", "-c", "2", "-i", "0.2", "-W", "2", "10.1.1.4");
        List<FlowView> flows = ((Flows) program.call(new ReadFlows())).flows();
        assertThat(flows).anySatisfy(f -> {
            assertThat(f.protocol()).isEqualTo(Ipv4Header.PROTO_ICMP);
            assertThat(f.srcHigh() >>> 32).isEqualTo(Ipv4Header.parse("10.1.1.3") & 0xFFFFFFFFL);
            assertThat(f.packets()).isGreaterThanOrEqualTo(2);
        });
        CountersReply counters = (CountersReply) program.call(new ReadCounters());
        assertThat(counters.interfaces()).anySatisfy(c -> {
            assertThat(c.vif()).isEqualTo(4);
            assertThat(c.txPackets()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void trapsDhcpToTheAgentAndDeliversItsPacketOut() {
        Shell.run("ip", "netns", "exec", vm1, "python3", "-c",
                "import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);"
                        + "s.setsockopt(socket.SOL_SOCKET,socket.SO_BROADCAST,1);s.bind(('0.0.0.0',68));"
                        + "s.sendto(b'\\x01'*240,('255.255.255.255',67))");
        List<PacketIn> trapped = new ArrayList<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            trapped.addAll(((PacketIns) program.call(new ReadPacketIns(100))).packets());
            return trapped.stream().anyMatch(p -> p.reason() == PacketIn.Reason.DHCP);
        });
        PacketIn dhcp = trapped.stream().filter(p -> p.reason() == PacketIn.Reason.DHCP).findFirst().orElseThrow();
        assertThat(dhcp.vif()).isEqualTo(3);
        assertThat(Unpooled.wrappedBuffer(dhcp.frame()).getUnsignedShort(14 + 20 + 2)).isEqualTo(67);

        program.ok(new PacketOut(3, echoFromGateway()));
        await().atMost(Duration.ofSeconds(5)).until(() -> ((PacketIns) program.call(new ReadPacketIns(100)))
                .packets().stream().anyMatch(p -> p.reason() == PacketIn.Reason.RECEIVE
                        && Unpooled.wrappedBuffer(p.frame()).getUnsignedByte(14 + 20) == IcmpMessage.ECHO_REPLY));
    }

    private static byte[] echoFromGateway() {
        ByteBuf out = Unpooled.buffer();
        new EthernetHeader(new MacAddress(VM1_MAC), MacAddress.VROUTER, EthernetHeader.TYPE_IPV4).encode(out);
        new Ipv4Header(20, 0, 20 + 16, 1, 0, 64, Ipv4Header.PROTO_ICMP, 0, Ipv4Header.parse("10.1.1.1"),
                Ipv4Header.parse("10.1.1.3")).encode(out);
        new IcmpMessage(IcmpMessage.ECHO_REQUEST, 0, 0, 0x0042_0001).encode(out, Unpooled.wrappedBuffer(new byte[8]));
        return ByteBufUtil.getBytes(out);
    }

    @Test
    void dumpsTheCompleteStateForAnAgentResync() {
        DumpReply dump = (DumpReply) program.call(new Dump());
        assertThat(dump.interfaces()).anySatisfy(p -> {
            assertThat(p.vif().index()).isEqualTo(3);
            assertThat(p.namespace()).isEqualTo(vm1);
            assertThat(p.renameTo()).isEqualTo("eth0");
        });
        assertThat(dump.tables().vrfs()).contains(1);
        assertThat(dump.tables().nextHops()).contains(new NextHop.Interface(3, 3), new NextHop.Receive(40));
        assertThat(dump.tables().routes()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(dump.tables().labels()).anySatisfy(l -> assertThat(l).containsExactly(19, 3));
        program.ok(new AddInterface(dump.interfaces().getFirst().vif(), dump.interfaces().getFirst().namespace(),
                dump.interfaces().getFirst().renameTo()));
    }

    @Test
    void removesAnInterfaceAndItsTapOnlyOnceNothingRefersToIt() {
        String vm5 = namespaces.create("c5");
        program.vm(5, namespaces.prefix() + "c5", vm5, "02:00:0a:01:01:05", "10.1.1.5");
        assertThat(Shell.run("ip", "-n", vm5, "link", "show", "eth0")).contains("02:00:0a:01:01:05");
        assertRefused(program.call(new DeleteInterface(5)), ErrorReply.Code.INVALID_REQUEST, "interface.index");
        program.ok(new DeleteLabel(21));
        program.ok(new DeleteRoute(1, 4, HostProgram.v4("10.1.1.5"), 0, 32));
        program.ok(new DeleteNextHop(5));
        program.ok(new DeleteInterface(5));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Shell.run("ip", "-n", vm5, "link", "show")).doesNotContain("eth0"));
    }
}
