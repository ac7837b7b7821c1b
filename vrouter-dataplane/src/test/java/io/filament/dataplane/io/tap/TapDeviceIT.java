package io.filament.dataplane.io.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.filament.dataplane.io.Namespaces;
import io.filament.dataplane.io.Shell;
import io.filament.dataplane.offload.PartialChecksum;
import io.filament.dataplane.offload.VirtioNetHeader;
import io.filament.dataplane.packet.wire.InternetChecksum;
import io.filament.dataplane.packet.wire.ArpPacket;
import io.filament.dataplane.packet.wire.EthernetHeader;
import io.filament.dataplane.packet.wire.Ipv4Header;
import io.filament.dataplane.packet.wire.MacAddress;
import io.filament.testsupport.RequiresRoot;
import org.junit.jupiter.api.Timeout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@RequiresRoot
@Timeout(value = 180, unit = java.util.concurrent.TimeUnit.SECONDS)
class TapDeviceIT {

    private static final MacAddress VM_MAC = MacAddress.parse("02:00:0a:4d:00:02");
    private final Namespaces namespaces = new Namespaces();

    @AfterEach
    void cleanUp() {
        namespaces.close();
    }

    @Test
    void createsMovesRenamesAndCarriesFramesBothWays() {
        String ns = namespaces.create("vm");
        ByteBuf buf = Unpooled.directBuffer(2048);
        String name = namespaces.prefix() + "t0";
        try (TapDevice tap = new PortPlacement(ns, "eth0", VM_MAC.value(), 1450).create(name, false)) {
            assertThat(tap.name()).isEqualTo("eth0");
            assertThat(Shell.run("ip", "-n", ns, "link", "show", "eth0")).contains(",UP").contains("mtu 1450")
                    .contains("qlen 10000").contains(VM_MAC.toString());
            assertThat(Shell.exec(10, "ip", "link", "show", name).exit()).as("never in the host").isNotZero();
            Shell.run("ip", "-n", ns, "addr", "add", "10.77.0.2/24", "dev", "eth0");
            Shell.exec(10, "ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "1", "10.77.0.1");

            AtomicInteger length = new AtomicInteger();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                int n = tap.read(buf.memoryAddress(), 2048);
                if (n > 0 && EthernetHeader.etherType(buf, 0) == EthernetHeader.TYPE_ARP) {
                    length.set(n);
                    return true;
                }
                return false;
            });
            buf.writerIndex(length.get());
            EthernetHeader eth = EthernetHeader.decode(buf);
            ArpPacket request = ArpPacket.decode(buf);
            assertThat(eth.source()).isEqualTo(VM_MAC);
            assertThat(request.targetIp()).isEqualTo(Ipv4Header.parse("10.77.0.1"));

            ByteBuf reply = Unpooled.directBuffer(42).writerIndex(42);
            EthernetHeader.write(reply, 0, VM_MAC.value(), MacAddress.VROUTER.value(), EthernetHeader.TYPE_ARP);
            ArpPacket.write(reply, 14, ArpPacket.OP_REPLY, MacAddress.VROUTER.value(), request.targetIp(),
                    VM_MAC.value(), request.senderIp());
            assertThat(tap.write(reply.memoryAddress(), 42)).isTrue();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(Shell.run("ip", "-n", ns, "neigh", "show", "10.77.0.1")).contains("00:00:5e:00:01:00"));
            reply.release();
        } finally {
            buf.release();
        }
        assertThat(Shell.exec(10, "ip", "-n", ns, "link", "show", "eth0").exit()).isNotZero();
    }

    @Test
    void configuresALinkThatStaysInTheHostNamespaceWithoutMovingOrRenamingIt() {
        try (TapDevice tap = new PortPlacement("", "eth0", VM_MAC.value(), 1400).create(namespaces.prefix() + "th",
                false)) {
            assertThat(tap.name()).isEqualTo(namespaces.prefix() + "th");
            assertThat(Shell.run("ip", "link", "show", tap.name())).contains(",UP").contains("mtu 1400")
                    .contains("qlen 10000").contains(VM_MAC.toString());
        }
    }

    @Test
    void namesTheMissingNamespaceAndCreatesNothing() {
        String ns = namespaces.prefix() + "gone";
        String name = namespaces.prefix() + "tm";

        assertThatThrownBy(() -> new PortPlacement(ns, "eth0", VM_MAC.value(), 1450).create(name, true))
                .isInstanceOf(LinkPlacementException.class)
                .hasMessage(name + " -> ns " + ns + " as eth0: /var/run/netns/" + ns + ": No such file or directory")
                .satisfies(e -> assertThat(((LinkPlacementException) e).field()).isEqualTo("interface.namespace"));
        assertThat(Shell.exec(10, "ip", "link", "show", name).exit()).isNotZero();
        assertThat(Shell.exec(10, "ip", "link", "show", "eth0").output()).doesNotContain(VM_MAC.toString());
    }

    @Test
    void reportsANameTakenInsideTheNamespaceAndCreatesNothing() {
        String ns = namespaces.create("vt");
        Shell.run("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", "peer0");
        String before = Shell.run("ip", "-n", ns, "link", "show");
        String name = namespaces.prefix() + "tt";

        assertThatThrownBy(() -> new PortPlacement(ns, "eth0", VM_MAC.value(), 1450).create(name, true))
                .isInstanceOf(LinkPlacementException.class)
                .hasMessage(name + " -> ns " + ns + " as eth0: File exists")
                .satisfies(e -> assertThat(((LinkPlacementException) e).errno()).isEqualTo(17));
        assertThat(Shell.run("ip", "-n", ns, "link", "show")).isEqualTo(before);
        assertThat(Shell.exec(10, "ip", "link", "show", name).exit()).isNotZero();
    }

    @Test
    void neverAttachesToAnotherTapOfTheSameNameInTheNamespace() {
        String ns = namespaces.create("vp");
        Shell.run("ip", "-n", ns, "tuntap", "add", "dev", "eth0", "mode", "tap");
        String name = namespaces.prefix() + "tp";

        assertThatThrownBy(() -> new PortPlacement(ns, "eth0", VM_MAC.value(), 1450).create(name, false))
                .isInstanceOf(LinkPlacementException.class).hasMessageEndingWith("as eth0: File exists");
        assertThat(Shell.run("ip", "-n", ns, "link", "show", "eth0")).doesNotContain(VM_MAC.toString())
                .doesNotContain(",UP");
    }

    @Test
    void passesTheKernelsOwnReasonForARefusedValueAndRemovesTheNewDevice() {
        String ns = namespaces.create("vk");
        String name = namespaces.prefix() + "tk";

        assertThatThrownBy(() -> new PortPlacement(ns, "eth0", VM_MAC.value(), 10).create(name, true))
                .isInstanceOf(LinkPlacementException.class)
                .hasMessage(name + " -> ns " + ns + " as eth0: Invalid argument (mtu less than device minimum)");
        assertThat(Shell.run("ip", "-n", ns, "link", "show")).doesNotContain("eth0");
    }

    @Test
    void handsOverAPartialChecksumBehindAVirtioHeaderWhenOffloadsAreOn() {
        String ns = namespaces.create("vo");
        ByteBuf buf = Unpooled.directBuffer(4096);
        try (TapDevice tap = new PortPlacement(ns, "eth0", VM_MAC.value(), 1450).create(namespaces.prefix() + "t1",
                true)) {
            assertThat(tap.vnetHeaderLength()).isEqualTo(VirtioNetHeader.LENGTH);
            assertThat(Shell.run("ip", "netns", "exec", ns, "ethtool", "-k", "eth0"))
                    .contains("tx-checksumming: on").contains("tcp-segmentation-offload: on");
            Shell.run("ip", "-n", ns, "addr", "add", "10.77.1.2/24", "dev", "eth0");
            Shell.run("ip", "-n", ns, "neigh", "add", "10.77.1.1", "lladdr", "00:00:5e:00:01:00", "dev", "eth0");
            Shell.run("ip", "netns", "exec", ns, "bash", "-c", "echo offload > /dev/udp/10.77.1.1/9999");

            int[] length = new int[1];
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                int n = tap.read(buf.memoryAddress(), 4096);
                length[0] = n;
                return n > VirtioNetHeader.LENGTH
                        && EthernetHeader.etherType(buf, VirtioNetHeader.LENGTH) == EthernetHeader.TYPE_IPV4
                        && buf.getUnsignedByte(VirtioNetHeader.LENGTH + 14 + 9) == Ipv4Header.PROTO_UDP;
            });
            assertThat(VirtioNetHeader.flags(buf, 0) & VirtioNetHeader.FLAG_NEEDS_CSUM).isNotZero();
            assertThat(VirtioNetHeader.gsoType(buf, 0)).isEqualTo(VirtioNetHeader.GSO_NONE);
            assertThat(VirtioNetHeader.checksumStart(buf, 0)).isEqualTo(14 + 20);
            assertThat(VirtioNetHeader.checksumOffset(buf, 0)).isEqualTo(6);

            int frame = VirtioNetHeader.LENGTH;
            int udpLength = length[0] - frame - 14 - 20;
            assertThat(PartialChecksum.complete(buf, frame, length[0] - frame, 14 + 20, 6)).isTrue();
            long pseudo = InternetChecksum.pseudoHeaderV4(Ipv4Header.parse("10.77.1.2"), Ipv4Header.parse("10.77.1.1"),
                    Ipv4Header.PROTO_UDP, udpLength);
            assertThat(InternetChecksum.finish(InternetChecksum.add(buf, frame + 34, udpLength, pseudo)))
                    .as("completed checksum verifies").isZero();
        } finally {
            buf.release();
        }
    }
}
