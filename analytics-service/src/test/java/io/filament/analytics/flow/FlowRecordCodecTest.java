package io.filament.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class FlowRecordCodecTest {

    private static final FlowRecord RED_TO_BLUE = new FlowRecord("host1", "default-domain:demo:red",
            "default-domain:demo:blue", "10.1.1.3", "10.2.2.3", 1, 4711, 0, 1, "pass", 1_764_324_000_123_456L, 0,
            3, 252, UUID.fromString("8a6c1c58-5e0e-4a57-8f4e-2b8f2a0c0e11"), "127.0.0.11", "127.0.0.12", "", "", "");

    private static List<StoredFlow> roundTrip(List<StoredFlow> flows) {
        ByteBuffer blob = new FlowChunkWriter().chunk(flows);
        return FlowRecordCodec.decode(flows.getFirst().partition(), flows.getFirst().offset(), blob);
    }

    private static List<StoredFlow> inPartition(int partition, long firstOffset, List<FlowRecord> records) {
        List<StoredFlow> flows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            flows.add(new StoredFlow(records.get(i), partition, firstOffset + 3L * i));
        }
        return flows;
    }

    @Test
    void keepsEveryFieldOfATypicalRecord() {
        List<StoredFlow> one = List.of(new StoredFlow(RED_TO_BLUE, 2, 4711));

        assertThat(roundTrip(one)).isEqualTo(one);
    }

    @Test
    void storesRecordsThatShareTheirStringsInUnderSeventyBytesEach() {
        List<StoredFlow> flows = inPartition(0, 1000, java.util.Collections.nCopies(100, RED_TO_BLUE));
        ByteBuffer blob = new FlowChunkWriter().chunk(flows);

        assertThat(blob.remaining() / 100).isLessThan(70);
        assertThat(FlowRecordCodec.decode(0, 1000, blob)).isEqualTo(flows);
    }

    @Test
    void refusesAReferenceToAStringNotYetInTheChunk() {
        ByteBuffer blob = new FlowChunkWriter().chunk(List.of(new StoredFlow(RED_TO_BLUE, 2, 4711)));
        // version, count, offset delta, setup_time (8 varint bytes), flowuuid (16): then the vrouter's string tag.
        blob.put(1 + 1 + 1 + 8 + 16, (byte) 5);

        assertThatThrownBy(() -> FlowRecordCodec.decode(2, 4711, blob))
                .isInstanceOf(StoredFlowUnreadable.class).hasMessageContaining("reference to string 5 of 0");
    }

    @Property(tries = 300)
    void decodingReturnsTheRecordsThatWereEncoded(@ForAll @IntRange(min = 0, max = 63) int partition,
                                                  @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long firstOffset,
                                                  @ForAll("chunks") List<FlowRecord> records) {
        List<StoredFlow> flows = inPartition(partition, firstOffset, records);

        assertThat(roundTrip(flows)).isEqualTo(flows);
    }

    @Property(tries = 50)
    void oneWriterEncodesChunksIndependently(@ForAll("chunks") List<FlowRecord> first,
                                             @ForAll("chunks") List<FlowRecord> second) {
        FlowChunkWriter writer = new FlowChunkWriter();
        ByteBuffer a = writer.chunk(inPartition(1, 10, first));
        ByteBuffer b = writer.chunk(inPartition(2, 20, second));

        assertThat(FlowRecordCodec.decode(1, 10, a)).isEqualTo(inPartition(1, 10, first));
        assertThat(FlowRecordCodec.decode(2, 20, b)).isEqualTo(inPartition(2, 20, second));
    }

    @Test
    void refusesABlobOfAnotherVersionNamingTheChunk() {
        ByteBuffer blob = new FlowChunkWriter().chunk(List.of(new StoredFlow(RED_TO_BLUE, 2, 4711)));
        blob.put(0, (byte) 9);

        assertThatThrownBy(() -> FlowRecordCodec.decode(2, 4711, blob))
                .isInstanceOf(StoredFlowUnreadable.class)
                .hasMessageContaining("partition 2 from offset 4711").hasMessageContaining("version 9");
    }

    @Test
    void refusesATruncatedBlob() {
        ByteBuffer blob = new FlowChunkWriter().chunk(List.of(new StoredFlow(RED_TO_BLUE, 2, 4711)));
        ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(blob.array(), blob.remaining() - 3));

        assertThatThrownBy(() -> FlowRecordCodec.decode(2, 4711, cut))
                .isInstanceOf(StoredFlowUnreadable.class).hasMessageContaining("ends early");
    }

    @Provide
    Arbitrary<List<FlowRecord>> chunks() {
        return records().list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<FlowRecord> records() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withCharRange('a', 'z').withChars(':', '-', '_').ofMinLength(1).ofMaxLength(60));
        Arbitrary<String> address = Arbitraries.oneOf(ipv4(), Arbitraries.of("", "::1", "2001:db8::7", "2001:DB8:0:0:0:0:0:7",
                "010.1.1.1", "1.2.3", "256.1.1.1", "1.2.3.4.5", "0.0.0.0", "255.255.255.255"), text);
        Arbitrary<Long> setup = Arbitraries.longs().between(1, Long.MAX_VALUE / 2);
        Arbitrary<Long> counter = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
        Arbitrary<UUID> uuid = Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong()));
        return Combinators.combine(text, text, text, address, address, Arbitraries.integers().between(0, 255), port, port)
                .as((vrouter, source, dest, sip, dip, proto, sport, dport) -> new FlowRecord(vrouter, source, dest, sip,
                        dip, proto, sport, dport, 0, "", 1, 0, 0, 0, new UUID(0, 0), "", "", "", "", ""))
                .flatMap(partial -> Combinators.combine(Arbitraries.integers().between(0, 1), text, setup,
                                Arbitraries.longs().between(0, Long.MAX_VALUE / 2), counter, counter, uuid)
                        .as((direction, action, setupTime, duration, packets, bytes, flow) -> new FlowRecord(
                                partial.vrouter(), partial.sourceVn(), partial.destVn(), partial.sourceIp(),
                                partial.destIp(), partial.protocol(), partial.sourcePort(), partial.destPort(), direction,
                                action, setupTime, duration == 0 ? 0 : setupTime + duration, packets, bytes, flow, "", "",
                                "", "", ""))
                        .flatMap(r -> Combinators.combine(address, address, text, text, text).as((vip, ovip, sg, ace, drop) ->
                                new FlowRecord(r.vrouter(), r.sourceVn(), r.destVn(), r.sourceIp(), r.destIp(), r.protocol(),
                                        r.sourcePort(), r.destPort(), r.directionIngress(), r.action(), r.setupTime(),
                                        r.teardownTime(), r.aggPackets(), r.aggBytes(), r.flowUuid(), vip, ovip, sg, ace,
                                        drop))));
    }

    private static Arbitrary<String> ipv4() {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
        return Combinators.combine(octet, octet, octet, octet).as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
    }
}
