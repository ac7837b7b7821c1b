package io.filament.agent.dhcp.wire;

import io.filament.contracts.net.IpAddress;
import io.filament.contracts.net.MacAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DhcpRoundTripTest {

    @Property(tries = 300)
    void aFrameReadsBackAsWritten(@ForAll("frames") DhcpFrame frame) {
        assertThat(DhcpFrame.decode(frame.encode())).isEqualTo(frame);
    }

    @Property(tries = 200)
    void classlessRoutesReadBackAsWritten(@ForAll("routes") List<ClasslessRoute> routes) {
        assertThat(ClasslessRoute.decode(ClasslessRoute.encode(routes))).isEqualTo(routes);
    }

    @Provide
    Arbitrary<List<ClasslessRoute>> routes() {
        return Combinators.combine(v4(), Arbitraries.integers().between(0, 32), v4())
                .as((d, len, gw) -> new ClasslessRoute(io.filament.contracts.net.IpPrefix.covering(d, len), gw))
                .list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<DhcpFrame> frames() {
        Arbitrary<DhcpOption> option = Combinators.combine(Arbitraries.integers().between(1, 254),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40)).as(DhcpOption::new);
        Arbitrary<DhcpMessage> message = Combinators.combine(Arbitraries.of(1, 2), Arbitraries.integers(),
                Arbitraries.integers().between(0, 65535), Arbitraries.of(true, false), v4(), v4(), mac(),
                option.list().ofMaxSize(12))
                .as((op, xid, secs, bc, ci, yi, ch, opts) ->
                        new DhcpMessage(op, xid, secs, bc, ci, yi, DhcpMessage.ZERO, DhcpMessage.ZERO, ch, opts));
        return Combinators.combine(mac(), mac(), v4(), v4(), Arbitraries.integers().between(1, 65535), message)
                .as((dm, sm, si, di, port, m) -> new DhcpFrame(dm, sm, si, di, port, 67, m));
    }

    private static Arbitrary<IpAddress> v4() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(IpAddress::ipv4);
    }

    private static Arbitrary<MacAddress> mac() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFF_FFFFL).map(MacAddress::new);
    }
}
