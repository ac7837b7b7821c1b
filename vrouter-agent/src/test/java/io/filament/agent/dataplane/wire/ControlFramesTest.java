package io.filament.agent.dataplane.wire;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlFramesTest {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static ByteBuffer body(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void writesAddVrfWithLengthTypeIdAndBody() {
        assertThat(hex(ControlFrames.encode(7, new DataplaneRequest.AddVrf(3))))
                .isEqualTo("00000009" + "01" + "00000007" + "00000003");
    }

    @Test
    void writesAnInterfaceWithItsPlacement() {
        DataplaneRequest.Interface vif = new DataplaneRequest.Interface(3, "tap1", 0x025f6b6f0c5bL, 0x0a010103, 1,
                3, 1500, 0, 0, List.of(), List.of(5));
        String expected = "03" + "00000001"
                + "00000003" + "0004" + "74617031" + "0000025f6b6f0c5b" + "0a010103" + "00000001" + "00000003"
                + "000005dc" + "00000000" + "00000000" + "00000000" + "00000001" + "00000005"
                + "0003" + "766d31" + "0004" + "65746830";

        byte[] frame = ControlFrames.encode(1, new DataplaneRequest.AddInterface(vif, "vm1", "eth0"));

        assertThat(hex(frame)).isEqualTo(String.format("%08x", expected.length() / 2) + expected);
    }

    @Test
    void writesTunnelAndInterfaceNextHopsAndRoutes() {
        assertThat(hex(ControlFrames.encode(2, new DataplaneRequest.AddNextHop(
                new DataplaneRequest.NextHop.Tunnel(9, 0, 0x7f00000c, 17, 0)))))
                .isEqualTo("0000001b" + "05" + "00000002" + "00000009" + "02" + "00" + "7f00000c" + "00000011"
                        + "0000000000000000");
        assertThat(hex(ControlFrames.encode(3, new DataplaneRequest.AddNextHop(new DataplaneRequest.NextHop.ToInterface(4, 3)))))
                .isEqualTo("0000000e" + "05" + "00000003" + "00000004" + "01" + "00000003");
        assertThat(hex(ControlFrames.encode(4, new DataplaneRequest.AddRoute(1, 4, 0x0a01010300000000L, 0, 32, 4))))
                .isEqualTo("0000001f" + "07" + "00000004" + "00000001" + "04" + "0a01010300000000" + "0000000000000000"
                        + "20" + "00000004");
    }

    @Test
    void readsOkAndErrorReplies() {
        assertThat(ControlFrames.decode(body("80 0000002a"))).isEqualTo(new ControlFrames.Reply(42, new DataplaneReply.Ok()));
        ControlFrames.Reply error = ControlFrames.decode(body("ff 00000005 00 000d 696e746572666163652e767266 0001 39 0003 6e6f21"));

        assertThat(error.reply()).isEqualTo(new DataplaneReply.Error(0, "interface.vrf", "9", "no!"));
    }

    @Test
    void readsPacketIns() {
        ControlFrames.Reply r = ControlFrames.decode(body("84 00000003 00000001 00000004 00 00000002 abcd"));

        DataplaneReply.PacketIns p = (DataplaneReply.PacketIns) r.reply();
        assertThat(p.packets()).singleElement().satisfies(in -> {
            assertThat(in.vif()).isEqualTo(4);
            assertThat(in.reason()).isEqualTo(DataplaneReply.PacketIn.DHCP);
            assertThat(in.frame()).containsExactly(0xab, 0xcd);
        });
    }

    @Test
    void refusesATruncatedReplyAndTrailingBytes() {
        assertThatThrownBy(() -> ControlFrames.decode(body("84 00000003 00000001 00000004")))
                .isInstanceOf(DataplaneDecodeException.class);
        assertThatThrownBy(() -> ControlFrames.decode(body("80 00000001 00")))
                .isInstanceOf(DataplaneDecodeException.class).hasMessageContaining("bytes left");
    }

    @Test
    void readsADumpOfEveryKindOfEntry() {
        String dump = "83 00000009"
                // one interface: index 3 "tap1", MAC, 10.1.1.3, vrf 1, flags 3, MTU 1500, 0, 0, no ingress, egress [5],
                // placed in namespace "vm1" as "eth0"
                + "00000001" + "00000003 0004 74617031 0000025f6b6f0c5b 0a010103 00000001 00000003 000005dc 00000000"
                + " 00000000 00000000 00000001 00000005 0003 766d31 0004 65746830"
                + "00000001 00000001"                                                  // vrfs [1]
                + "00000003"                                                           // three next hops
                + " 00000004 01 00000003"                                               // 4: interface 3
                + " 00000009 02 00 7f00000c 00000011 0000000000000000"                  // 9: tunnel to 127.0.0.12, label 17
                + " 0000000a 03 00000002 00000004 00000009"                             // 10: ECMP of 4 and 9
                + "00000001 00000001 04 0a01010300000000 0000000000000000 20 00000004"  // route 10.1.1.3/32 → 4
                + "00000001 00000010 00000004"                                         // label 16 → 4
                + "00000001 00000064 00000001"                                         // VNI 100 → vrf 1
                + "00000001 00000005 00000001"                                         // ACL 5 with one rule:
                + " 00 04 ffff 0a01010000000000 0000000000000000 18 0000000000000000 0000000000000000 00"
                + " 0000 ffff 0016 0016";                                             // pass 10.1.1.0/24 → any, port 22

        DataplaneReply.Dump d = (DataplaneReply.Dump) ControlFrames.decode(body(dump)).reply();

        assertThat(d.interfaces()).containsExactly(new DataplaneRequest.AddInterface(new DataplaneRequest.Interface(3,
                "tap1", 0x025f6b6f0c5bL, 0x0a010103, 1, 3, 1500, 0, 0, List.of(), List.of(5)), "vm1", "eth0"));
        assertThat(d.vrfs()).containsExactly(1);
        assertThat(d.nextHops()).containsExactly(new DataplaneRequest.NextHop.ToInterface(4, 3),
                new DataplaneRequest.NextHop.Tunnel(9, 0, 0x7f00000c, 17, 0),
                new DataplaneRequest.NextHop.Ecmp(10, List.of(4, 9)));
        assertThat(d.routes()).containsExactly(new DataplaneRequest.AddRoute(1, 4, 0x0a01010300000000L, 0, 32, 4));
        assertThat(d.labels()).containsExactly(new DataplaneReply.Dump.Label(16, 4));
        assertThat(d.vnis()).containsExactly(new DataplaneReply.Dump.Vni(100, 1));
        assertThat(d.acls()).containsExactly(new DataplaneRequest.AddAcl(5, List.of(new DataplaneRequest.AclRule(0, 4,
                -1, 0x0a01010000000000L, 0, 24, 0, 0, 0, 0, 0xffff, 22, 22))));
    }

    @Test
    void refusesADumpWithAnUnknownNextHopKind() {
        String dump = "83 00000001 00000000 00000000 00000001 00000004 07";

        assertThatThrownBy(() -> ControlFrames.decode(body(dump)))
                .isInstanceOf(DataplaneDecodeException.class).hasMessageContaining("nexthop.kind").hasMessageContaining("7");
    }
}
