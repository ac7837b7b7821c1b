package io.filament.dataplane.control.wire;

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
import io.filament.dataplane.table.TableException;
import io.filament.dataplane.table.TableSnapshot;
import io.filament.dataplane.table.Vif;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Body codec of the control protocol. A frame on the socket is
 *
 * <pre>
 * +---------------------------+--------+---------------------------+------------------+
 * | length (u32, rest of frame)| type u8| request id (u32)          | body (per type)  |
 * +---------------------------+--------+---------------------------+------------------+
 * </pre>
 *
 * The length prefix is handled by Netty's length-field framing; this class reads and writes type, id and body.
 * Integers are big-endian, strings u16-length UTF-8, lists u32-count.
 */
public final class ControlCodec {

    private ControlCodec() {
    }

    /** A decoded frame. */
    public record Frame(int requestId, ControlMessage message) {
    }

    public static void encode(int requestId, ControlMessage m, ByteBuf out) {
        FieldWriter w = new FieldWriter(out);
        w.u8(ControlTypes.typeOf(m)).i32(requestId);
        switch (m) {
            case AddVrf r -> w.i32(r.vrf());
            case DeleteVrf r -> w.i32(r.vrf());
            case AddInterface r -> writeVif(w, r.vif()).str(r.namespace()).str(r.renameTo());
            case DeleteInterface r -> w.i32(r.index());
            case AddNextHop r -> writeNextHop(w, r.nextHop());
            case DeleteNextHop r -> w.i32(r.id());
            case AddRoute r -> w.i32(r.vrf()).u8(r.family()).i64(r.high()).i64(r.low()).u8(r.length())
                    .i32(r.nextHop());
            case DeleteRoute r -> w.i32(r.vrf()).u8(r.family()).i64(r.high()).i64(r.low()).u8(r.length());
            case AddLabel r -> w.i32(r.label()).i32(r.nextHop());
            case DeleteLabel r -> w.i32(r.label());
            case AddVni r -> w.i32(r.vni()).i32(r.vrf());
            case DeleteVni r -> w.i32(r.vni());
            case AddAcl r -> writeAcl(w, r.acl());
            case DeleteAcl r -> w.i32(r.id());
            case PacketOut r -> w.i32(r.vif()).bytes(r.frame());
            case ReadFlows r -> { }
            case ReadCounters r -> { }
            case Dump r -> { }
            case ReadPacketIns r -> w.i32(r.max());
            case ReadFlowRecords r -> w.i32(r.max());
            case Ok r -> { }
            case ErrorReply r -> w.u8(r.code().ordinal()).str(r.field()).str(r.value()).str(r.message());
            case Flows r -> w.list(r.flows(), ControlCodec::writeFlow);
            case CountersReply r -> w.list(r.interfaces(), ControlCodec::writeCounters).list(List.of(r.fabric()),
                    ControlCodec::writeCounters).list(r.drops(), (x, d) -> x.str(d.reason()).i64(d.packets()));
            case DumpReply r -> writeDump(w, r);
            case PacketIns r -> w.list(r.packets(), (x, p) -> x.i32(p.vif()).u8(p.reason().ordinal())
                    .bytes(p.frame()));
            case FlowRecords r -> w.list(r.records(), ControlCodec::writeRecord);
        }
    }

    /** Decodes type, id and body; throws {@link ControlDecodeException} naming the bad field. */
    public static Frame decode(ByteBuf in) {
        FieldReader r = new FieldReader(in);
        int type = r.u8("type");
        int id = r.i32("request_id");
        try {
            ControlMessage m = ControlTypes.reader(type).apply(r);
            r.end(m.getClass().getSimpleName());
            return new Frame(id, m);
        } catch (TableException e) {
            throw new ControlDecodeException(e.field(), e.value(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ControlDecodeException("body", type, e.getMessage());
        }
    }

    /** Reads the request id of a frame that may not decode further, for the error reply. */
    public static int peekRequestId(ByteBuf in) {
        return in.readableBytes() >= 5 ? in.getInt(in.readerIndex() + 1) : 0;
    }

    // ---- element codecs ----

    static FieldWriter writeVif(FieldWriter w, Vif v) {
        return w.i32(v.index()).str(v.name()).i64(v.mac()).i32(v.ipv4()).i32(v.vrf()).i32(v.flags()).i32(v.mtu())
                .i32(v.maxFlows()).i32(v.networkAcl()).ints(v.ingressAcls()).ints(v.egressAcls());
    }

    static Vif readVif(FieldReader r) {
        return new Vif(r.i32("interface.index"), r.str("interface.name"), r.i64("interface.mac"),
                r.i32("interface.ipv4"), r.i32("interface.vrf"), r.i32("interface.flags"), r.i32("interface.mtu"),
                r.i32("interface.max_flows"), r.i32("interface.network_acl"), r.ints("interface.ingress_acls"),
                r.ints("interface.egress_acls"));
    }

    static FieldWriter writeNextHop(FieldWriter w, NextHop nh) {
        w.i32(nh.id());
        return switch (nh) {
            case NextHop.Interface i -> w.u8(1).i32(i.vif());
            case NextHop.Tunnel t -> w.u8(2).u8(t.encapsulation().ordinal()).i32(t.remote()).i32(t.labelOrVni())
                    .i64(t.innerDestinationMac());
            case NextHop.Ecmp e -> w.u8(3).ints(e.members());
            case NextHop.Receive rc -> w.u8(4);
            case NextHop.Discard d -> w.u8(5);
        };
    }

    static NextHop readNextHop(FieldReader r) {
        int id = r.i32("nexthop.id");
        int kind = r.u8("nexthop.kind");
        return switch (kind) {
            case 1 -> new NextHop.Interface(id, r.i32("nexthop.vif"));
            case 2 -> {
                int encap = r.u8("nexthop.encapsulation");
                if (encap >= NextHop.Encapsulation.values().length) {
                    throw new ControlDecodeException("nexthop.encapsulation", encap, "not 0 (MPLSoUDP) or 1 (VXLAN)");
                }
                yield new NextHop.Tunnel(id, NextHop.Encapsulation.values()[encap], r.i32("nexthop.remote"),
                        r.i32("nexthop.label_or_vni"), r.i64("nexthop.inner_mac"));
            }
            case 3 -> new NextHop.Ecmp(id, r.ints("nexthop.members"));
            case 4 -> new NextHop.Receive(id);
            case 5 -> new NextHop.Discard(id);
            default -> throw new ControlDecodeException("nexthop.kind", kind, "not 1..5");
        };
    }

    static FieldWriter writeAcl(FieldWriter w, CompiledAcl acl) {
        return w.i32(acl.id()).list(acl.rules(), (x, rule) -> x.u8(rule.action().ordinal()).u8(rule.family())
                .u16(rule.protocol() & 0xFFFF).i64(rule.srcHigh()).i64(rule.srcLow()).u8(rule.srcLength())
                .i64(rule.dstHigh()).i64(rule.dstLow()).u8(rule.dstLength()).u16(rule.srcPortLow())
                .u16(rule.srcPortHigh()).u16(rule.dstPortLow()).u16(rule.dstPortHigh()));
    }

    static CompiledAcl readAcl(FieldReader r) {
        int id = r.i32("acl.id");
        List<AclRule> rules = r.list("acl.rules", 46, x -> {
            int action = x.u8("acl.rule.action");
            if (action > 1) {
                throw new ControlDecodeException("acl.rule.action", action, "not 0 (pass) or 1 (deny)");
            }
            return new AclRule(AclRule.Action.values()[action], x.u8("acl.rule.family"), x.i16("acl.rule.protocol"),
                    x.i64("acl.rule.src_high"), x.i64("acl.rule.src_low"), x.u8("acl.rule.src_length"),
                    x.i64("acl.rule.dst_high"), x.i64("acl.rule.dst_low"), x.u8("acl.rule.dst_length"),
                    x.u16("acl.rule.src_port_low"), x.u16("acl.rule.src_port_high"), x.u16("acl.rule.dst_port_low"),
                    x.u16("acl.rule.dst_port_high"));
        });
        return new CompiledAcl(id, rules);
    }

    static void writeFlow(FieldWriter w, FlowView f) {
        w.i32(f.index()).i32(f.reverseIndex()).bool(f.forward()).i32(f.vrf()).u8(f.family()).u8(f.protocol())
                .i64(f.srcHigh()).i64(f.srcLow()).i64(f.dstHigh()).i64(f.dstLow()).u16(f.srcPort()).u16(f.dstPort())
                .u8(f.action().ordinal()).i64(f.packets()).i64(f.bytes()).u8(f.tcpFlags()).i64(f.startMillis())
                .i64(f.lastSeenMillis());
    }

    static FlowView readFlow(FieldReader r) {
        return new FlowView(r.i32("flow.index"), r.i32("flow.reverse"), r.bool("flow.forward"), r.i32("flow.vrf"),
                r.u8("flow.family"), r.u8("flow.protocol"), r.i64("flow.src_high"), r.i64("flow.src_low"),
                r.i64("flow.dst_high"), r.i64("flow.dst_low"), r.u16("flow.src_port"), r.u16("flow.dst_port"),
                action(r.u8("flow.action")), r.i64("flow.packets"), r.i64("flow.bytes"), r.u8("flow.tcp_flags"),
                r.i64("flow.start"), r.i64("flow.last_seen"));
    }

    static void writeRecord(FieldWriter w, FlowRecord f) {
        w.i32(f.vrf()).u8(f.family()).u8(f.protocol()).i64(f.srcHigh()).i64(f.srcLow()).i64(f.dstHigh())
                .i64(f.dstLow()).u16(f.srcPort()).u16(f.dstPort()).u8(f.action().ordinal()).i64(f.packets())
                .i64(f.bytes()).i64(f.reversePackets()).i64(f.reverseBytes()).i64(f.startMillis())
                .i64(f.lastSeenMillis()).bool(f.ended());
    }

    static FlowRecord readRecord(FieldReader r) {
        return new FlowRecord(r.i32("record.vrf"), r.u8("record.family"), r.u8("record.protocol"),
                r.i64("record.src_high"), r.i64("record.src_low"), r.i64("record.dst_high"), r.i64("record.dst_low"),
                r.u16("record.src_port"), r.u16("record.dst_port"), action(r.u8("record.action")),
                r.i64("record.packets"), r.i64("record.bytes"), r.i64("record.reverse_packets"),
                r.i64("record.reverse_bytes"), r.i64("record.start"), r.i64("record.last_seen"),
                r.bool("record.ended"));
    }

    private static FlowAction action(int v) {
        if (v >= FlowAction.values().length) {
            throw new ControlDecodeException("flow.action", v, "not 0 (drop) or 1 (forward)");
        }
        return FlowAction.values()[v];
    }

    static void writeCounters(FieldWriter w, InterfaceCounters c) {
        w.i32(c.vif()).i64(c.rxPackets()).i64(c.rxBytes()).i64(c.txPackets()).i64(c.txBytes());
    }

    static InterfaceCounters readCounters(FieldReader r) {
        return new InterfaceCounters(r.i32("counters.vif"), r.i64("counters.rx_packets"), r.i64("counters.rx_bytes"),
                r.i64("counters.tx_packets"), r.i64("counters.tx_bytes"));
    }

    static PacketIn readPacketIn(FieldReader r) {
        int vif = r.i32("packet_in.vif");
        int reason = r.u8("packet_in.reason");
        if (reason >= PacketIn.Reason.values().length) {
            throw new ControlDecodeException("packet_in.reason", reason, "unknown");
        }
        return new PacketIn(vif, PacketIn.Reason.values()[reason], r.bytes("packet_in.frame"));
    }

    private static void writeDump(FieldWriter w, DumpReply d) {
        TableSnapshot t = d.tables();
        w.list(d.interfaces(), (x, p) -> writeVif(x, p.vif()).str(p.namespace()).str(p.renameTo()));
        w.list(t.vrfs(), FieldWriter::i32);
        w.list(t.nextHops(), ControlCodec::writeNextHop);
        w.list(t.routes(), (x, rt) -> x.i32(rt.vrf()).u8(rt.family()).i64(rt.prefix().high()).i64(rt.prefix().low())
                .u8(rt.prefix().length()).i32(rt.nextHop()));
        w.list(t.labels(), (x, l) -> x.i32(l[0]).i32(l[1]));
        w.list(t.vnis(), (x, v) -> x.i32(v[0]).i32(v[1]));
        w.list(t.acls(), ControlCodec::writeAcl);
    }

    static DumpReply readDump(FieldReader r) {
        List<PlacedInterface> placed = r.list("dump.interfaces", 40, x -> {
            Vif v = readVif(x);
            return new PlacedInterface(v, x.str("dump.namespace"), x.str("dump.rename_to"));
        });
        List<Integer> vrfs = r.list("dump.vrfs", 4, x -> x.i32("dump.vrf"));
        List<NextHop> nextHops = r.list("dump.nexthops", 5, ControlCodec::readNextHop);
        List<TableSnapshot.Route> routes = r.list("dump.routes", 26, x -> {
            int vrf = x.i32("route.vrf");
            int family = x.u8("route.family");
            MultibitTrie.Prefix p = new MultibitTrie.Prefix(x.i64("route.high"), x.i64("route.low"),
                    x.u8("route.length"));
            return new TableSnapshot.Route(vrf, family, p, x.i32("route.nexthop"));
        });
        List<int[]> labels = r.list("dump.labels", 8, x -> new int[] {x.i32("label"), x.i32("label.nexthop")});
        List<int[]> vnis = r.list("dump.vnis", 8, x -> new int[] {x.i32("vni"), x.i32("vni.vrf")});
        List<CompiledAcl> acls = r.list("dump.acls", 8, ControlCodec::readAcl);
        return new DumpReply(placed, new TableSnapshot(placed.stream().map(PlacedInterface::vif).toList(), vrfs,
                nextHops, routes, labels, vnis, acls));
    }
}
