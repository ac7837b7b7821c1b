package io.filament.analytics.flow;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The compact binary form of a chunk of flow records, stored as one {@code blob} cell: the records of one poll that
 * fall into one partition of a flow table and come from one partition of the flow topic, in offset order.
 *
 * <pre>
 *  chunk   +---------+--------+----------+----------+-----+
 *          | version | count  | record 1 | record 2 | ... |
 *          |  0x02   | varint |          |          |     |
 *          +---------+--------+----------+----------+-----+
 *
 *  record  +--------------+------------+----------+---------+----------+--------+----------+--------+
 *          | offset delta | setup_time | flowuuid | vrouter | sourcevn | destvn | sourceip | destip |
 *          |    varint    |   varint   | 16 bytes |   str   |   str    |  str   |   addr   |  addr  |
 *          +--------------+------------+----------+---------+----------+--------+----------+--------+
 *          | protocol | sport  | dport  | direction | action | teardown | agg-packets | agg-bytes |
 *          |  varint  | varint | varint |  varint   |  str   |  varint  |   varint    |  varint   |
 *          +----------+--------+--------+-----------+--------+----------+-------------+-----------+
 *          | vrouter_ip | other_vrouter_ip | sg_rule_uuid | nw_ace_uuid | drop_reason |
 *          |    addr    |       addr       |     str      |     str     |     str     |
 *          +------------+------------------+--------------+-------------+-------------+
 *
 *  varint       unsigned LEB128 (7 bits per byte, low bits first), at most 10 bytes
 *  str          varint n: 0 = a new string follows as varint length and that many bytes of UTF-8, and becomes
 *               the chunk's next entry; n &gt; 0 = the chunk's n-th string (flows of one chunk share networks,
 *               vrouters and actions, so most of their strings are one byte)
 *  addr         tag byte: 4 = the four bytes of a dotted-quad IPv4 address in its canonical text form;
 *               0 = a str holding the text as it was received (IPv6, empty, anything else)
 *  offset delta the record's offset in the flow topic minus the chunk's first offset (a clustering column)
 *  setup_time   zigzag varint of setup_time minus the previous record's (0 before the first record): the
 *               flows of a chunk start within the same minute, so this takes 3–4 bytes instead of 8
 *  flowuuid     most significant 8 bytes, then least significant 8 bytes, big-endian
 *  teardown     0 while the flow is active, else teardown_time - setup_time + 1
 * </pre>
 *
 * A typical IPv4 flow takes about 55 bytes in a chunk (some 450 as JSON). Pure; a {@link Writer} is reused by
 * one thread.
 */
public final class FlowRecordCodec {

    /** Format version written in the first byte. */
    public static final byte VERSION = 2;
    private static final byte ADDRESS_TEXT = 0;
    private static final byte ADDRESS_IPV4 = 4;

    private FlowRecordCodec() {
    }

    /** Encodes chunks for one thread; keeps its scratch buffer between calls. */
    public static final class Writer {

        private final Map<String, Integer> strings = new HashMap<>();
        private long previousSetup;
        private byte[] buffer = new byte[4096];
        private int position;

        /**
         * The blob of a chunk.
         *
         * @param flows records of one topic partition in offset order; the first one's offset is the chunk's
         */
        public ByteBuffer chunk(List<StoredFlow> flows) {
            position = 0;
            strings.clear();
            previousSetup = 0;
            put(VERSION);
            varint(flows.size());
            long first = flows.getFirst().offset();
            for (StoredFlow flow : flows) {
                varint(flow.offset() - first);
                record(flow.record());
            }
            return ByteBuffer.wrap(Arrays.copyOf(buffer, position));
        }

        private void record(FlowRecord r) {
            zigzag(r.setupTime() - previousSetup);
            previousSetup = r.setupTime();
            fixed64(r.flowUuid().getMostSignificantBits());
            fixed64(r.flowUuid().getLeastSignificantBits());
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

        private void fixed64(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[position++] = (byte) (v >>> shift);
            }
        }

        private void zigzag(long value) {
            varint((value << 1) ^ (value >> 63));
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

        /** A reference to a string already in the chunk, or 0 and the string itself. */
        private void string(String s) {
            Integer seen = strings.putIfAbsent(s, strings.size() + 1);
            if (seen != null) {
                varint(seen);
                return;
            }
            put(0);
            literal(s);
        }

        /** Length and UTF-8 bytes; ASCII text (nearly all of it) is copied without an intermediate array. */
        private void literal(String s) {
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
                ensure(5);
                buffer[position++] = ADDRESS_IPV4;
                buffer[position++] = (byte) (v4 >>> 24);
                buffer[position++] = (byte) (v4 >>> 16);
                buffer[position++] = (byte) (v4 >>> 8);
                buffer[position++] = (byte) v4;
            }
        }
    }

    /**
     * Decodes a chunk written by {@link Writer#chunk}.
     *
     * @param partition  the flow-topic partition of the chunk (a clustering column)
     * @param firstOffset the chunk's first offset (a clustering column)
     * @throws StoredFlowUnreadable if the blob is not in this format
     */
    public static List<StoredFlow> decode(int partition, long firstOffset, ByteBuffer blob) {
        Reader in = new Reader(blob.duplicate());
        try {
            int version = in.u8();
            if (version != VERSION) {
                throw new Malformed("unknown format version " + version);
            }
            int count = in.intVarint();
            List<StoredFlow> flows = new ArrayList<>(Math.min(count, blob.remaining()));
            for (int i = 0; i < count; i++) {
                long offset = firstOffset + in.varint();
                flows.add(new StoredFlow(in.record(), partition, offset));
            }
            return flows;
        } catch (BufferUnderflowException e) {
            throw new StoredFlowUnreadable(partition, firstOffset, "the blob of " + blob.remaining() + " bytes ends early");
        } catch (Malformed | ArithmeticException e) {
            throw new StoredFlowUnreadable(partition, firstOffset, e.getMessage());
        }
    }

    /** A defect found while reading; becomes a {@link StoredFlowUnreadable} naming the chunk. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Reader {

        private final ByteBuffer in;
        private final List<String> strings = new ArrayList<>();
        private long previousSetup;

        Reader(ByteBuffer in) {
            this.in = in;
        }

        FlowRecord record() {
            long zigzag = varint();
            long setupTime = previousSetup + ((zigzag >>> 1) ^ -(zigzag & 1));
            previousSetup = setupTime;
            UUID flowUuid = new UUID(in.getLong(), in.getLong());
            String vrouter = string();
            String sourceVn = string();
            String destVn = string();
            String sourceIp = address();
            String destIp = address();
            int protocol = intVarint();
            int sport = intVarint();
            int dport = intVarint();
            int direction = intVarint();
            String action = string();
            long teardown = varint();
            long packets = varint();
            long bytes = varint();
            return new FlowRecord(vrouter, sourceVn, destVn, sourceIp, destIp, protocol, sport, dport, direction,
                    action, setupTime, teardown == 0 ? 0 : setupTime + teardown - 1, packets, bytes, flowUuid,
                    address(), address(), string(), string(), string());
        }

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
            int n = intVarint();
            if (n > 0) {
                if (n > strings.size()) {
                    throw new Malformed("reference to string " + n + " of " + strings.size());
                }
                return strings.get(n - 1);
            }
            String s = literal();
            strings.add(s);
            return s;
        }

        String literal() {
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
