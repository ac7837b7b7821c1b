package io.filament.agent.dataplane.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The dataplane's control protocol, agent side. A frame is
 *
 * <pre>
 * +------------------------------+---------+------------------+------------------+
 * | length u32 (rest of frame)   | type u8 | request id u32   | body (per type)  |
 * +------------------------------+---------+------------------+------------------+
 * </pre>
 *
 * Integers big-endian, strings u16-length UTF-8, byte strings and lists u32-count. Requests are encoded
 * whole (with the length prefix); replies are decoded from the bytes after the length.
 */
public final class ControlFrames {

    /** The largest reply accepted (a full dump of big tables). */
    public static final int MAX_REPLY_BYTES = 256 << 20;

    private ControlFrames() {
    }

    public record Reply(int requestId, DataplaneReply reply) {
    }

    public static byte[] encode(int requestId, DataplaneRequest request) {
        Writer w = new Writer();
        w.u8(request.type()).i32(requestId);
        switch (request) {
            case DataplaneRequest.AddVrf r -> w.i32(r.vrf());
            case DataplaneRequest.DeleteVrf r -> w.i32(r.vrf());
            case DataplaneRequest.AddInterface r -> {
                DataplaneRequest.Interface v = r.vif();
                w.i32(v.index()).str(v.name()).i64(v.mac()).i32(v.ipv4()).i32(v.vrf()).i32(v.flags()).i32(v.mtu())
                        .i32(v.maxFlows()).i32(v.networkAcl()).ints(v.ingressAcls()).ints(v.egressAcls())
                        .str(r.namespace()).str(r.renameTo());
            }
            case DataplaneRequest.DeleteInterface r -> w.i32(r.index());
            case DataplaneRequest.AddNextHop r -> {
                w.i32(r.nextHop().id());
                switch (r.nextHop()) {
                    case DataplaneRequest.NextHop.ToInterface i -> w.u8(1).i32(i.vif());
                    case DataplaneRequest.NextHop.Tunnel t -> w.u8(2).u8(t.encapsulation()).i32(t.remote())
                            .i32(t.labelOrVni()).i64(t.innerDestinationMac());
                    case DataplaneRequest.NextHop.Ecmp e -> w.u8(3).ints(e.members());
                    case DataplaneRequest.NextHop.Receive rc -> w.u8(4);
                    case DataplaneRequest.NextHop.Discard d -> w.u8(5);
                }
            }
            case DataplaneRequest.DeleteNextHop r -> w.i32(r.id());
            case DataplaneRequest.AddRoute r -> w.i32(r.vrf()).u8(r.family()).i64(r.high()).i64(r.low())
                    .u8(r.length()).i32(r.nextHop());
            case DataplaneRequest.DeleteRoute r -> w.i32(r.vrf()).u8(r.family()).i64(r.high()).i64(r.low())
                    .u8(r.length());
            case DataplaneRequest.AddLabel r -> w.i32(r.label()).i32(r.nextHop());
            case DataplaneRequest.DeleteLabel r -> w.i32(r.label());
            case DataplaneRequest.AddAcl r -> {
                w.i32(r.id()).i32(r.rules().size());
                for (DataplaneRequest.AclRule a : r.rules()) {
                    w.u8(a.action()).u8(a.family()).u16(a.protocol() & 0xFFFF).i64(a.srcHigh()).i64(a.srcLow())
                            .u8(a.srcLength()).i64(a.dstHigh()).i64(a.dstLow()).u8(a.dstLength())
                            .u16(a.srcPortLow()).u16(a.srcPortHigh()).u16(a.dstPortLow()).u16(a.dstPortHigh());
                }
            }
            case DataplaneRequest.DeleteAcl r -> w.i32(r.id());
            case DataplaneRequest.PacketOut r -> w.i32(r.vif()).bytes(r.frame());
            case DataplaneRequest.ReadCounters r -> { }
            case DataplaneRequest.Dump r -> { }
            case DataplaneRequest.ReadPacketIns r -> w.i32(r.max());
            case DataplaneRequest.ReadFlowRecords r -> w.i32(r.max());
        }
        return w.framed();
    }

    /** Decodes a reply frame without its length prefix. */
    public static Reply decode(ByteBuffer in) {
        try {
            int type = in.get() & 0xff;
            int id = in.getInt();
            DataplaneReply reply = switch (type) {
                case 0x80 -> new DataplaneReply.Ok();
                case 0x82 -> new DataplaneReply.Counters(list(in, ControlFrames::counters), single(list(in, ControlFrames::counters)),
                        list(in, b -> new DataplaneReply.DropCount(str(b), b.getLong())));
                case 0x83 -> dump(in);
                case 0x84 -> new DataplaneReply.PacketIns(list(in, b -> new DataplaneReply.PacketIn(b.getInt(),
                        b.get() & 0xff, bytes(b))));
                case 0x85 -> new DataplaneReply.FlowRecords(list(in, b -> new DataplaneReply.FlowRecord(b.getInt(),
                        b.get() & 0xff, b.get() & 0xff, b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                        b.getShort() & 0xffff, b.getShort() & 0xffff, b.get() & 0xff, b.getLong(), b.getLong(),
                        b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.get() != 0)));
                case 0xFF -> new DataplaneReply.Error(in.get() & 0xff, str(in), str(in), str(in));
                default -> throw new DataplaneDecodeException("type", type, "not a reply this agent asks for");
            };
            if (in.hasRemaining()) {
                throw new DataplaneDecodeException("length", in.remaining(), "bytes left after the body");
            }
            return new Reply(id, reply);
        } catch (BufferUnderflowException e) {
            throw new DataplaneDecodeException("body", in.limit(), "frame ends early");
        }
    }

    private static DataplaneReply.Dump dump(ByteBuffer in) {
        List<DataplaneRequest.AddInterface> interfaces = list(in, b -> {
            DataplaneRequest.Interface vif = new DataplaneRequest.Interface(b.getInt(), str(b), b.getLong(), b.getInt(),
                    b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), ints(b), ints(b));
            return new DataplaneRequest.AddInterface(vif, str(b), str(b));
        });
        List<Integer> vrfs = list(in, ByteBuffer::getInt);
        List<DataplaneRequest.NextHop> nextHops = list(in, ControlFrames::nextHop);
        List<DataplaneRequest.AddRoute> routes = list(in, b -> new DataplaneRequest.AddRoute(b.getInt(), b.get() & 0xff,
                b.getLong(), b.getLong(), b.get() & 0xff, b.getInt()));
        List<DataplaneReply.Dump.Label> labels = list(in, b -> new DataplaneReply.Dump.Label(b.getInt(), b.getInt()));
        List<DataplaneReply.Dump.Vni> vnis = list(in, b -> new DataplaneReply.Dump.Vni(b.getInt(), b.getInt()));
        List<DataplaneRequest.AddAcl> acls = list(in, b -> new DataplaneRequest.AddAcl(b.getInt(), list(b, r ->
                new DataplaneRequest.AclRule(r.get() & 0xff, r.get() & 0xff, r.getShort(), r.getLong(), r.getLong(),
                        r.get() & 0xff, r.getLong(), r.getLong(), r.get() & 0xff, r.getShort() & 0xffff,
                        r.getShort() & 0xffff, r.getShort() & 0xffff, r.getShort() & 0xffff))));
        return new DataplaneReply.Dump(interfaces, vrfs, nextHops, routes, labels, vnis, acls);
    }

    private static DataplaneRequest.NextHop nextHop(ByteBuffer b) {
        int id = b.getInt();
        int kind = b.get() & 0xff;
        return switch (kind) {
            case 1 -> new DataplaneRequest.NextHop.ToInterface(id, b.getInt());
            case 2 -> new DataplaneRequest.NextHop.Tunnel(id, b.get() & 0xff, b.getInt(), b.getInt(), b.getLong());
            case 3 -> new DataplaneRequest.NextHop.Ecmp(id, ints(b));
            case 4 -> new DataplaneRequest.NextHop.Receive(id);
            case 5 -> new DataplaneRequest.NextHop.Discard(id);
            default -> throw new DataplaneDecodeException("nexthop.kind", kind, "not 1..5");
        };
    }

    private static List<Integer> ints(ByteBuffer in) {
        return list(in, ByteBuffer::getInt);
    }

    private static DataplaneReply.InterfaceCounters counters(ByteBuffer b) {
        return new DataplaneReply.InterfaceCounters(b.getInt(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }

    private static <T> T single(List<T> list) {
        if (list.size() != 1) {
            throw new DataplaneDecodeException("fabric.count", list.size(), "exactly one fabric entry");
        }
        return list.getFirst();
    }

    private static <T> List<T> list(ByteBuffer in, Function<ByteBuffer, T> element) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new DataplaneDecodeException("count", n, "more elements than bytes left");
        }
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(in));
        }
        return out;
    }

    private static String str(ByteBuffer in) {
        int n = in.getShort() & 0xffff;
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new DataplaneDecodeException("bytes", n, "longer than the frame");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private static final class Writer {
        private ByteBuffer buf = ByteBuffer.allocate(256).position(4);

        private void room(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        Writer u8(int v) {
            room(1);
            buf.put((byte) v);
            return this;
        }

        Writer u16(int v) {
            room(2);
            buf.putShort((short) v);
            return this;
        }

        Writer i32(int v) {
            room(4);
            buf.putInt(v);
            return this;
        }

        Writer i64(long v) {
            room(8);
            buf.putLong(v);
            return this;
        }

        Writer str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException("string of " + b.length + " bytes exceeds 65535");
            }
            u16(b.length);
            room(b.length);
            buf.put(b);
            return this;
        }

        Writer bytes(byte[] b) {
            i32(b.length);
            room(b.length);
            buf.put(b);
            return this;
        }

        Writer ints(List<Integer> values) {
            i32(values.size());
            values.forEach(this::i32);
            return this;
        }

        byte[] framed() {
            int length = buf.position();
            buf.putInt(0, length - 4);
            byte[] out = new byte[length];
            buf.flip();
            buf.get(out);
            return out;
        }
    }
}
