package io.filament.analytics.flow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes chunks of flow records in the layout drawn in {@link FlowRecordCodec}. Keeps its scratch buffer and the
 * chunk's string table between calls, so one instance serves one thread (the ingest thread).
 */
public final class FlowChunkWriter {

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
        put(FlowRecordCodec.VERSION);
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
            put(FlowRecordCodec.ADDRESS_TEXT);
            string(text);
        } else {
            ensure(5);
            buffer[position++] = FlowRecordCodec.ADDRESS_IPV4;
            buffer[position++] = (byte) (v4 >>> 24);
            buffer[position++] = (byte) (v4 >>> 16);
            buffer[position++] = (byte) (v4 >>> 8);
            buffer[position++] = (byte) v4;
        }
    }
}
