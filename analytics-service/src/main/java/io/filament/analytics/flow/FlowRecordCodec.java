package io.filament.analytics.flow;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * A typical IPv4 flow takes about 55 bytes in a chunk (some 450 as JSON). {@link FlowChunkWriter} writes chunks,
 * {@link #decode} reads them. Pure.
 */
public final class FlowRecordCodec {

    /** Format version written in the first byte. */
    public static final byte VERSION = 2;
    static final byte ADDRESS_TEXT = 0;
    static final byte ADDRESS_IPV4 = 4;

    private FlowRecordCodec() {
    }

    /**
     * Decodes a chunk written by {@link FlowChunkWriter#chunk}.
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
