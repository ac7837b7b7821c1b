package io.filament.dataplane.control.wire;

import io.filament.dataplane.control.wire.ControlMessage.*;
import java.util.List;
import java.util.function.Function;

/** The frozen type codes of the control protocol and the body reader of each. */
final class ControlTypes {

    private ControlTypes() {
    }

    static int typeOf(ControlMessage m) {
        return switch (m) {
            case AddVrf r -> 0x01;
            case DeleteVrf r -> 0x02;
            case AddInterface r -> 0x03;
            case DeleteInterface r -> 0x04;
            case AddNextHop r -> 0x05;
            case DeleteNextHop r -> 0x06;
            case AddRoute r -> 0x07;
            case DeleteRoute r -> 0x08;
            case AddLabel r -> 0x09;
            case DeleteLabel r -> 0x0A;
            case AddVni r -> 0x0B;
            case DeleteVni r -> 0x0C;
            case AddAcl r -> 0x0D;
            case DeleteAcl r -> 0x0E;
            case PacketOut r -> 0x10;
            case ReadFlows r -> 0x11;
            case ReadCounters r -> 0x12;
            case Dump r -> 0x13;
            case ReadPacketIns r -> 0x14;
            case ReadFlowRecords r -> 0x15;
            case Ok r -> 0x80;
            case Flows r -> 0x81;
            case CountersReply r -> 0x82;
            case DumpReply r -> 0x83;
            case PacketIns r -> 0x84;
            case FlowRecords r -> 0x85;
            case ErrorReply r -> 0xFF;
        };
    }

    static Function<FieldReader, ControlMessage> reader(int type) {
        return switch (type) {
            case 0x01 -> r -> new AddVrf(r.i32("vrf"));
            case 0x02 -> r -> new DeleteVrf(r.i32("vrf"));
            case 0x03 -> r -> new AddInterface(ControlCodec.readVif(r), r.str("namespace"), r.str("rename_to"));
            case 0x04 -> r -> new DeleteInterface(r.i32("interface.index"));
            case 0x05 -> r -> new AddNextHop(ControlCodec.readNextHop(r));
            case 0x06 -> r -> new DeleteNextHop(r.i32("nexthop.id"));
            case 0x07 -> r -> new AddRoute(r.i32("route.vrf"), r.u8("route.family"), r.i64("route.high"),
                    r.i64("route.low"), r.u8("route.length"), r.i32("route.nexthop"));
            case 0x08 -> r -> new DeleteRoute(r.i32("route.vrf"), r.u8("route.family"), r.i64("route.high"),
                    r.i64("route.low"), r.u8("route.length"));
            case 0x09 -> r -> new AddLabel(r.i32("mpls.label"), r.i32("mpls.nexthop"));
            case 0x0A -> r -> new DeleteLabel(r.i32("mpls.label"));
            case 0x0B -> r -> new AddVni(r.i32("vni.vni"), r.i32("vni.vrf"));
            case 0x0C -> r -> new DeleteVni(r.i32("vni.vni"));
            case 0x0D -> r -> new AddAcl(ControlCodec.readAcl(r));
            case 0x0E -> r -> new DeleteAcl(r.i32("acl.id"));
            case 0x10 -> r -> new PacketOut(r.i32("packet_out.vif"), r.bytes("packet_out.frame"));
            case 0x11 -> r -> new ReadFlows();
            case 0x12 -> r -> new ReadCounters();
            case 0x13 -> r -> new Dump();
            case 0x14 -> r -> new ReadPacketIns(r.i32("max"));
            case 0x15 -> r -> new ReadFlowRecords(r.i32("max"));
            case 0x80 -> r -> new Ok();
            case 0x81 -> r -> new Flows(r.list("flows", 60, ControlCodec::readFlow));
            case 0x82 -> r -> {
                List<io.filament.dataplane.forward.Counters.InterfaceCounters> interfaces =
                        r.list("counters", 36, ControlCodec::readCounters);
                var fabric = r.list("fabric", 36, ControlCodec::readCounters);
                if (fabric.size() != 1) {
                    throw new ControlDecodeException("fabric.count", fabric.size(), "exactly one fabric entry");
                }
                return new CountersReply(interfaces, fabric.getFirst(),
                        r.list("drops", 10, x -> new DropCount(x.str("drop.reason"), x.i64("drop.packets"))));
            };
            case 0x83 -> ControlCodec::readDump;
            case 0x84 -> r -> new PacketIns(r.list("packet_ins", 9, ControlCodec::readPacketIn));
            case 0x85 -> r -> new FlowRecords(r.list("records", 60, ControlCodec::readRecord));
            case 0xFF -> r -> {
                int code = r.u8("error.code");
                if (code >= ErrorReply.Code.values().length) {
                    throw new ControlDecodeException("error.code", code, "unknown");
                }
                return new ErrorReply(ErrorReply.Code.values()[code], r.str("error.field"), r.str("error.value"),
                        r.str("error.message"));
            };
            default -> throw new ControlDecodeException("type", type, "unknown message type");
        };
    }
}
