package io.filament.dataplane.control.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.dataplane.control.wire.ControlMessage.*;
import io.filament.dataplane.flow.FlowAction;
import io.filament.dataplane.flow.FlowRecord;
import io.filament.dataplane.flow.FlowView;
import io.filament.dataplane.forward.Counters.InterfaceCounters;
import io.filament.dataplane.forward.PacketIn;
import io.filament.dataplane.policy.AclRule;
import io.filament.dataplane.policy.CompiledAcl;
import io.filament.dataplane.table.MultibitTrie;
import io.filament.dataplane.table.NextHop;
import io.filament.dataplane.table.TableSnapshot;
import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ControlCodecTest {

    private static final Vif VIF = new Vif(3, "tap3", 0x02000a010103L, 0x0a010103, 1, Vif.FLAG_POLICY, 1450, 10, 7,
            new int[] {8, 9}, new int[] {10});
    private static final CompiledAcl ACL = new CompiledAcl(7, List.of(
            new AclRule(AclRule.Action.DENY, 4, 6, 0x0a01010000000000L, 0, 24, 0, 0, 0, 1, 2, 80, 80),
            AclRule.any(AclRule.Action.PASS)));

    static Stream<ControlMessage> everyMessage() {
        FlowView flow = new FlowView(1, 2, true, 1, 4, 6, 5L << 32, 0, 6L << 32, 0, 1000, 80, FlowAction.FORWARD, 3,
                300, 2, 11, 12);
        FlowRecord record = new FlowRecord(1, 4, 17, 5L << 32, 0, 6L << 32, 0, 1, 2, FlowAction.DROP, 1, 2, 3, 4, 5,
                6, true);
        TableSnapshot snapshot = new TableSnapshot(List.of(VIF), List.of(1), List.of(new NextHop.Interface(3, 3),
                new NextHop.Tunnel(4, NextHop.Encapsulation.VXLAN, 0x7f00000c, 100, 0x020000000001L),
                new NextHop.Ecmp(5, new int[] {3, 4}), new NextHop.Receive(6), new NextHop.Discard(7)),
                List.of(new TableSnapshot.Route(1, 6, new MultibitTrie.Prefix(1, 2, 128), 3)),
                List.of(new int[] {20, 3}), List.of(new int[] {100, 1}), List.of(ACL));
        return Stream.of(new AddVrf(1), new DeleteVrf(1), new AddInterface(VIF, "ns1", "eth0"),
                new DeleteInterface(3), new AddNextHop(new NextHop.Tunnel(4, NextHop.Encapsulation.MPLS_OVER_UDP,
                        0x7f00000c, 17, 0)), new AddNextHop(new NextHop.Ecmp(5, new int[] {3, 4})),
                new DeleteNextHop(4), new AddRoute(1, 4, 0x0a01010300000000L, 0, 32, 3),
                new DeleteRoute(1, 6, 1, 2, 128), new AddLabel(20, 3), new DeleteLabel(20), new AddVni(100, 1),
                new DeleteVni(100), new AddAcl(ACL), new DeleteAcl(7), new PacketOut(3, new byte[] {1, 2, 3}),
                new ReadFlows(), new ReadCounters(), new Dump(), new ReadPacketIns(10), new ReadFlowRecords(10),
                new Ok(), new ErrorReply(ErrorReply.Code.INVALID_REQUEST, "route.nexthop", "77", "no such next hop"),
                new Flows(List.of(flow)),
                new CountersReply(List.of(new InterfaceCounters(3, 1, 2, 3, 4)), new InterfaceCounters(-1, 5, 6, 7, 8),
                        List.of(new DropCount("POLICY", 9))),
                new DumpReply(List.of(new PlacedInterface(VIF, "ns1", "eth0")), snapshot),
                new PacketIns(List.of(new PacketIn(3, PacketIn.Reason.DHCP, new byte[] {9, 9}))),
                new FlowRecords(List.of(record)));
    }

    private static byte[] encode(int id, ControlMessage m) {
        ByteBuf out = Unpooled.buffer();
        ControlCodec.encode(id, m, out);
        return ByteBufUtil.getBytes(out);
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void roundTripsEveryMessageType(ControlMessage m) {
        byte[] bytes = encode(42, m);
        ControlCodec.Frame frame = ControlCodec.decode(Unpooled.wrappedBuffer(bytes));
        assertThat(frame.requestId()).isEqualTo(42);
        assertThat(frame.message().getClass()).isEqualTo(m.getClass());
        assertThat(encode(42, frame.message())).isEqualTo(bytes);
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void rejectsEveryTruncationWithTheFieldNamed(ControlMessage m) {
        byte[] bytes = encode(1, m);
        for (int cut = 0; cut < bytes.length; cut++) {
            ByteBuf partial = Unpooled.wrappedBuffer(bytes, 0, cut);
            assertThatThrownBy(() -> ControlCodec.decode(partial)).isInstanceOf(ControlDecodeException.class);
        }
    }

    @Test
    void encodesAddVrfAsTypeIdAndBody() {
        assertThat(ByteBufUtil.hexDump(encode(0x01020304, new AddVrf(7)))).isEqualTo("01" + "01020304" + "00000007");
    }

    @Test
    void rejectsUnknownTypesAndTrailingBytes() {
        assertThatThrownBy(() -> ControlCodec.decode(Unpooled.wrappedBuffer(new byte[] {0x55, 0, 0, 0, 1})))
                .isInstanceOf(ControlDecodeException.class).hasMessageContaining("type=85");
        ByteBuf tail = Unpooled.buffer().writeBytes(encode(1, new AddVrf(1))).writeByte(0);
        assertThatThrownBy(() -> ControlCodec.decode(tail)).hasMessageContaining("trailing bytes");
    }

    @Test
    void rejectsOutOfRangeEnumsWithTheirField() {
        ByteBuf bad = Unpooled.buffer();
        ControlCodec.encode(1, new AddNextHop(new NextHop.Receive(4)), bad);
        bad.setByte(bad.writerIndex() - 1, 9);
        assertThatThrownBy(() -> ControlCodec.decode(bad)).hasMessageContaining("nexthop.kind=9");
    }
}
