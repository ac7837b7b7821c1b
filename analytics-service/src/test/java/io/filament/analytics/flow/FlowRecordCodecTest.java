package io.filament.analytics.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FlowRecordCodecTest {

    private static final FlowRecord RED_TO_BLUE = new FlowRecord("host1", "default-domain:demo:red",
            "default-domain:demo:blue", "10.1.1.3", "10.2.2.3", 1, 4711, 0, 1, "pass", 1_764_324_000_123_456L, 0,
            3, 252, UUID.fromString("8a6c1c58-5e0e-4a57-8f4e-2b8f2a0c0e11"), "127.0.0.11", "127.0.0.12", "", "", "");

    private static FlowRecord roundTrip(FlowRecord r) {
        ByteBuffer blob = new FlowRecordCodec.Writer().encode(r);
        return FlowRecordCodec.decode(r.setupTime(), r.flowUuid(), blob);
    }

    @Test
    void keepsEveryFieldOfATypicalRecord() {
        assertThat(roundTrip(RED_TO_BLUE)).isEqualTo(RED_TO_BLUE);
    }

    @Test
    void storesATypicalRecordInUnderAHundredBytes() {
        assertThat(new FlowRecordCodec.Writer().encode(RED_TO_BLUE).remaining()).isLessThan(100);
    }

    @Property(tries = 500)
    void decodingReturnsTheRecordThatWasEncoded(@ForAll("records") FlowRecord record) {
        assertThat(roundTrip(record)).isEqualTo(record);
    }

    @Property(tries = 100)
    void oneWriterEncodesRecordsIndependently(@ForAll("records") FlowRecord first, @ForAll("records") FlowRecord second) {
        FlowRecordCodec.Writer writer = new FlowRecordCodec.Writer();
        ByteBuffer a = writer.encode(first);
        ByteBuffer b = writer.encode(second);

        assertThat(FlowRecordCodec.decode(first.setupTime(), first.flowUuid(), a)).isEqualTo(first);
        assertThat(FlowRecordCodec.decode(second.setupTime(), second.flowUuid(), b)).isEqualTo(second);
    }

    @Test
    void refusesABlobOfAnotherVersionNamingTheFlow() {
        ByteBuffer blob = new FlowRecordCodec.Writer().encode(RED_TO_BLUE);
        blob.put(0, (byte) 9);

        assertThatThrownBy(() -> FlowRecordCodec.decode(1, RED_TO_BLUE.flowUuid(), blob))
                .isInstanceOf(StoredFlowUnreadable.class)
                .hasMessageContaining(RED_TO_BLUE.flowUuid().toString()).hasMessageContaining("version 9");
    }

    @Test
    void refusesATruncatedBlob() {
        ByteBuffer blob = new FlowRecordCodec.Writer().encode(RED_TO_BLUE);
        ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(blob.array(), blob.remaining() - 3));

        assertThatThrownBy(() -> FlowRecordCodec.decode(1, RED_TO_BLUE.flowUuid(), cut))
                .isInstanceOf(StoredFlowUnreadable.class).hasMessageContaining("ends early");
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
