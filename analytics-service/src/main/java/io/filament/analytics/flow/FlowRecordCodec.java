package io.filament.analytics.flow;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The compact binary form of a flow record, stored as one {@code blob} cell per row. The row's clustering key
 * already holds {@code setup_time} and {@code flowuuid}, so the blob carries every other field:
 *
 * <pre>
 *  +---------+---------+----------+--------+----------+--------+----------+-------+-------+-----------+--------+
 *  | version | vrouter | sourcevn | destvn | sourceip | destip | protocol | sport | dport | direction | action |
 *  |  0x01   |   str   |   str    |  str   |   addr   |  addr  |  varint  |varint |varint |  varint   |  str   |
 *  +---------+---------+----------+--------+----------+--------+----------+-------+-------+-----------+--------+
 *  | teardown | agg-packets | agg-bytes | vrouter_ip | other_vrouter_ip | sg_rule_uuid | nw_ace_uuid | drop_reason |
 *  |  varint  |   varint    |  varint   |    addr    |       addr       |     str      |     str     |     str     |
 *  +----------+-------------+-----------+------------+------------------+--------------+-------------+-------------+
 *
 *  varint   unsigned LEB128 (7 bits per byte, low bits first), at most 10 bytes
 *  str      varint length, then that many bytes of UTF-8
 *  addr     tag byte: 4 = four address bytes of a dotted-quad IPv4 address in its canonical text form;
 *           0 = a str holding the text as it was received (IPv6, empty, anything else)
 *  teardown 0 while the flow is active, else teardown_time - setup_time + 1
 * </pre>
 *
 * Pure and stateless; a {@link Writer} is reused by one thread.
 */
public final class FlowRecordCodec {

    /** Format version written in the first byte. */
    public static final byte VERSION = 1;
    private static final byte ADDRESS_TEXT = 0;
    private static final byte ADDRESS_IPV4 = 4;

    private FlowRecordCodec() {
    }

    /** Encodes records for one thread; keeps its scratch buffer between calls. */
    public static final class Writer {

        private byte[] buffer = new byte[256];
        private int position;

        /** The blob of {@code record}: every field but {@code setup_time} and {@code flowuuid}. */
        public ByteBuffer encode(FlowRecord r) {
            position = 0;
            put(VERSION);
            string(r.vrouter());
            string(r.sourceVn());
            string(r.destVn());
            address(r.sourceIp());
            address(r.destIp());
            varint(r.protocol());
            varint(r.sourcePort());
            varint(r.destPort());
            varint(r.directionIngress());
            string(r.action());
            varint(r.teardownTime() == 0 ? 0 : r.teardownTime() - r.setupTime() + 1);
            varint(r.aggPackets());
            varint(r.aggBytes());
            address(r.vrouterIp());
            address(r.otherVrouterIp());
            string(r.sgRuleUuid());
            string(r.nwAceUuid());
            string(r.dropReason());
            return ByteBuffer.wrap(Arrays.copyOf(buffer, position));
        }

        private void ensure(int more) {
            if (position + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
            }
        }

        private void put(int b) {
            ensure(1);
            buffer[position++] = (byte) b;
        }

        private void varint(long value) {
            ensure(10);
            long v = value;
            while ((v & ~0x7FL) != 0) {
                buffer[position++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[position++] = (byte) v;
        }

        /** Length and UTF-8 bytes; ASCII text (nearly all of it) is copied without an intermediate array. */
        private void string(String s) {
            int length = s.length();
            for (int i = 0; i < length; i++) {
                if (s.charAt(i) >= 0x80) {
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    varint(bytes.length);
                    ensure(bytes.length);
                    System.arraycopy(bytes, 0, buffer, position, bytes.length);
                    position += bytes.length;
                    return;
                }
            }
            varint(length);
            ensure(length);
            for (int i = 0; i < length; i++) {
                buffer[position++] = (byte) s.charAt(i);
            }
        }

        private void address(String text) {
            long v4 = Ipv4Text.parse(text);
            if (v4 == Ipv4Text.NOT_CANONICAL) {
                put(ADDRESS_TEXT);
                string(text);
            } else {
                put(ADDRESS_IPV4);
                put((int) (v4 >>> 24));
                put((int) (v4 >>> 16));
                put((int) (v4 >>> 8));
                put((int) v4);
            }
        }
    }

    /**
     * Decodes a blob written by {@link Writer#encode}.
     *
     * @throws StoredFlowUnreadable if the blob is not in this format
     */
    public static FlowRecord decode(long setupTime, UUID flowUuid, ByteBuffer blob) {
        Reader in = new Reader(blob.duplicate());
        try {
            int version = in.u8();
            if (version != VERSION) {
                throw new Malformed("unknown format version " + version);
            }
            String vrouter = in.string();
            String sourceVn = in.string();
            String destVn = in.string();
            String sourceIp = in.address();
            String destIp = in.address();
            int protocol = in.intVarint();
            int sport = in.intVarint();
            int dport = in.intVarint();
            int direction = in.intVarint();
            String action = in.string();
            long teardown = in.varint();
            long packets = in.varint();
            long bytes = in.varint();
            return new FlowRecord(vrouter, sourceVn, destVn, sourceIp, destIp, protocol, sport, dport, direction,
                    action, setupTime, teardown == 0 ? 0 : setupTime + teardown - 1, packets, bytes, flowUuid,
                    in.address(), in.address(), in.string(), in.string(), in.string());
        } catch (BufferUnderflowException e) {
            throw new StoredFlowUnreadable(flowUuid, "the blob of " + blob.remaining() + " bytes ends early");
        } catch (Malformed | ArithmeticException e) {
            throw new StoredFlowUnreadable(flowUuid, e.getMessage());
        }
    }

    /** A defect found while reading; becomes a {@link StoredFlowUnreadable} naming the flow. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private record Reader(ByteBuffer in) {

        int u8() {
            return in.get() & 0xFF;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new Malformed("a varint longer than 10 bytes");
        }

        int intVarint() {
            return Math.toIntExact(varint());
        }

        String string() {
            int length = intVarint();
            if (length > in.remaining()) {
                throw new BufferUnderflowException();
            }
            if (in.hasArray()) {
                String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
                in.position(in.position() + length);
                return s;
            }
            byte[] bytes = new byte[length];
            in.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        String address() {
            int tag = u8();
            return switch (tag) {
                case ADDRESS_TEXT -> string();
                case ADDRESS_IPV4 -> u8() + "." + u8() + "." + u8() + "." + u8();
                default -> throw new Malformed("unknown address tag " + tag);
            };
        }
    }
}
