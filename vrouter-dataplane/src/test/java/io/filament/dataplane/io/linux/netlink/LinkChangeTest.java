package io.filament.dataplane.io.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.dataplane.packet.wire.GoldenFrames;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class LinkChangeTest {

    private static final long MAC_02 = 0x02000a4d0002L;
    private static final long MAC_03 = 0x02000a4d0003L;

    @Test
    void encodesByteForByteWhatIpLinkSetSendsToMoveRenameAndConfigureALink() {
        LinkChange change = new LinkChange(1027, OptionalInt.of(4), Optional.of("eth0"), MAC_02, 1450, 10000, true);

        assertThat(change.encode(0x6b0acccb)).isEqualTo(GoldenFrames.bytes("rtm-newlink-netns"));
    }

    @Test
    void encodesTheSameMessageWithoutNamespaceAndNameForALinkThatStays() {
        LinkChange change = new LinkChange(1028, OptionalInt.empty(), Optional.empty(), MAC_03, 1500, 10000, true);

        assertThat(change.encode(0x6b0acccc)).isEqualTo(GoldenFrames.bytes("rtm-newlink-host"));
    }

    @Test
    void leavesTheLinkStateAloneWhenNotAskedToBringItUp() {
        byte[] m = new LinkChange(7, OptionalInt.empty(), Optional.empty(), MAC_03, 1500, 10000, false).encode(1);

        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
        assertThat(b.getInt(24)).as("ifi_flags").isZero();
        assertThat(b.getInt(28)).as("ifi_change").isZero();
    }

    @Test
    void refusesALinkIndexThatCannotExist() {
        assertThatThrownBy(() -> new LinkChange(0, OptionalInt.empty(), Optional.empty(), MAC_03, 1500, 1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("link index 0");
    }

    @Property
    void everyEncodingCarriesEachValueInAnAlignedAttributeAndItsOwnLength(
            @ForAll @IntRange(min = 1) int index, @ForAll @IntRange(min = -1, max = 1 << 20) int fd,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 0, max = 15) String name,
            @ForAll @LongRange(min = 0, max = 0xffff_ffff_ffffL) long mac, @ForAll int mtu, @ForAll int queue,
            @ForAll boolean up, @ForAll int sequence) {
        OptionalInt ns = fd < 0 ? OptionalInt.empty() : OptionalInt.of(fd);
        Optional<String> newName = name.isEmpty() ? Optional.empty() : Optional.of(name);
        byte[] m = new LinkChange(index, ns, newName, mac, mtu, queue, up).encode(sequence);

        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.nativeOrder());
        assertThat(b.getInt(0)).isEqualTo(m.length);
        assertThat(m.length % NetlinkMessageBuilder.NLA_ALIGNTO).isZero();
        assertThat(b.getShort(4)).isEqualTo((short) LinkChange.RTM_NEWLINK);
        assertThat(b.getShort(6)).isEqualTo((short) (NetlinkMessageBuilder.NLM_F_REQUEST | NetlinkMessageBuilder.NLM_F_ACK));
        assertThat(b.getInt(8)).isEqualTo(sequence);
        assertThat(b.getInt(20)).isEqualTo(index);
        assertThat(b.getInt(24)).isEqualTo(up ? LinkChange.IFF_UP : 0);

        List<Attribute> attributes = Attribute.walk(b, 32);
        List<Integer> types = new ArrayList<>();
        ns.ifPresent(x -> types.add(LinkChange.IFLA_NET_NS_FD));
        types.addAll(List.of(LinkChange.IFLA_ADDRESS, LinkChange.IFLA_MTU, LinkChange.IFLA_TXQLEN));
        newName.ifPresent(x -> types.add(LinkChange.IFLA_IFNAME));
        assertThat(attributes).extracting(Attribute::type).containsExactlyElementsOf(types);
        for (Attribute a : attributes) {
            switch (a.type()) {
                case LinkChange.IFLA_NET_NS_FD -> assertThat(a.u32()).isEqualTo(fd);
                case LinkChange.IFLA_ADDRESS -> assertThat(a.value()).hasSize(6)
                        .isEqualTo(Arrays.copyOfRange(ByteBuffer.allocate(8).putLong(mac).array(), 2, 8));
                case LinkChange.IFLA_MTU -> assertThat(a.u32()).isEqualTo(mtu);
                case LinkChange.IFLA_TXQLEN -> assertThat(a.u32()).isEqualTo(queue);
                case LinkChange.IFLA_IFNAME -> assertThat(a.value())
                        .isEqualTo((name + "\0").getBytes(StandardCharsets.UTF_8));
                default -> throw new AssertionError("unexpected attribute " + a.type());
            }
        }
    }

    /** One attribute as it sits in a message; {@link #walk} checks offsets and zero padding on the way. */
    record Attribute(int type, byte[] value) {

        int u32() {
            return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt();
        }

        static List<Attribute> walk(ByteBuffer b, int from) {
            List<Attribute> list = new ArrayList<>();
            int at = from;
            while (at < b.limit()) {
                assertThat(at % NetlinkMessageBuilder.NLA_ALIGNTO).as("attribute offset").isZero();
                int length = Short.toUnsignedInt(b.getShort(at));
                byte[] value = new byte[length - NetlinkMessageBuilder.NLA_HEADER_LENGTH];
                b.get(at + NetlinkMessageBuilder.NLA_HEADER_LENGTH, value);
                for (int p = at + length; p < at + NetlinkMessageBuilder.align(length); p++) {
                    assertThat(b.get(p)).as("padding at " + p).isZero();
                }
                list.add(new Attribute(Short.toUnsignedInt(b.getShort(at + 2)), value));
                at += NetlinkMessageBuilder.align(length);
            }
            assertThat(at).isEqualTo(b.limit());
            return list;
        }
    }
}
