package io.filament.control.xmpp.wire;

import io.filament.contracts.xmpp.ItemsNode;
import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.TunnelEncapsulation;
import io.filament.contracts.xmpp.XmppFamily;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteUpdateRoundTripTest {

    @Property(tries = 300)
    void encodedItemsDecodeToTheSameRoutes(@ForAll("batches") List<RouteEntry> entries) throws Exception {
        StringBuilder out = new StringBuilder();
        RouteUpdateEncoder.items(out, "network-control@contrailsystems.com", "host1@contrailsystems.com/agent",
                ItemsNode.of(XmppFamily.INET, "default-domain:demo:red:red"), entries);

        XmlElement message = StreamFeeding.whole(StreamFeeding.inStream(out.toString().getBytes(StandardCharsets.UTF_8))).getFirst();
        XmlElement items = message.child("event").orElseThrow().child("items").orElseThrow();

        assertThat(items.attribute("node")).contains("1/1/default-domain:demo:red:red");
        List<RouteEntry> decoded = items.children("item").stream()
                .map(i -> RouteEntryDecoder.decodeAdvertised(i, XmppFamily.INET)).toList();
        assertThat(decoded).hasSameSizeAs(entries);
        for (int i = 0; i < entries.size(); i++) {
            RouteEntry sent = entries.get(i);
            RouteEntry got = decoded.get(i);
            assertThat(items.children("item").get(i).attribute("id")).contains(sent.prefix().toString());
            assertThat(got.prefix()).isEqualTo(sent.prefix());
            assertThat(got.nextHops()).isEqualTo(sent.nextHops());
            assertThat(got.securityGroups()).isEqualTo(sent.securityGroups());
            assertThat(got.localPreference()).isEqualTo(sent.localPreference());
            assertThat(got.med()).isEqualTo(sent.effectiveMed());
            assertThat(got.virtualNetwork()).isEqualTo(sent.virtualNetwork());
        }
    }

    @Property(tries = 100)
    void retractsCarryThePrefixesInOrder(@ForAll("prefixes") List<RoutePrefix> prefixes) throws Exception {
        StringBuilder out = new StringBuilder();
        RouteUpdateEncoder.retracts(out, "cn", "agent", ItemsNode.of(XmppFamily.INET, "vrf"), prefixes);

        XmlElement items = StreamFeeding.byteByByte(StreamFeeding.inStream(out.toString().getBytes(StandardCharsets.UTF_8)))
                .getFirst().find("items").orElseThrow();

        assertThat(items.children("retract")).extracting(r -> RoutePrefix.parse(r.attribute("id").orElseThrow()))
                .containsExactlyElementsOf(prefixes);
        assertThat(items.children("item")).isEmpty();
    }

    @Test
    void refusesMoreThan32ItemsOr256RetractsInOneMessage() {
        RouteEntry e = entry(RoutePrefix.parse("10.0.0.1/32"), List.of(hop("192.168.0.1", 16, "")), 100);
        List<RoutePrefix> retracts = java.util.stream.IntStream.range(0, 257)
                .mapToObj(i -> RoutePrefix.parse("10.0." + (i / 256) + "." + (i % 256) + "/32")).toList();

        assertThatThrownBy(() -> RouteUpdateEncoder.items(new StringBuilder(), "a", "b", ItemsNode.of(XmppFamily.INET, "v"),
                java.util.Collections.nCopies(33, e))).hasMessageContaining("1..32");
        assertThatThrownBy(() -> RouteUpdateEncoder.retracts(new StringBuilder(), "a", "b", ItemsNode.of(XmppFamily.INET, "v"),
                retracts)).hasMessageContaining("1..256");
    }

    @Test
    void writesTheEndOfRibMarkerAsAnEmptyItemsNode() throws Exception {
        StringBuilder out = new StringBuilder();
        RouteUpdateEncoder.endOfRib(out, "network-control@contrailsystems.com", "host1@contrailsystems.com/agent");

        XmlElement items = StreamFeeding.whole(StreamFeeding.inStream(out.toString().getBytes(StandardCharsets.UTF_8)))
                .getFirst().find("items").orElseThrow();
        assertThat(items.attribute("node")).contains("0/0/EndOfRib");
        assertThat(items.children()).isEmpty();
    }

    @Provide
    Arbitrary<List<RouteEntry>> batches() {
        Arbitrary<RoutePrefix> prefix = Combinators.combine(Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(8, 32))
                .as((a, b, len) -> RoutePrefix.parse("10." + a + "." + b + ".0/" + len));
        Arbitrary<NextHop> hop = Combinators.combine(Arbitraries.integers().between(1, 254),
                Arbitraries.longs().between(1, NextHop.MAX_LABEL), Arbitraries.of("", "default-domain:demo:blue"))
                .as((h, label, vn) -> hop("192.168.1." + h, label, vn));
        Arbitrary<RouteEntry> entry = Combinators.combine(prefix, hop.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(1L, 100L, 200L, 150L)).as(RouteUpdateRoundTripTest::entry);
        return entry.list().ofMinSize(1).ofMaxSize(32);
    }

    @Provide
    Arbitrary<List<RoutePrefix>> prefixes() {
        return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255))
                .as((a, b) -> RoutePrefix.parse("172." + a + "." + b + ".7/32")).list().ofMinSize(1).ofMaxSize(256);
    }

    private static NextHop hop(String address, long label, String vn) {
        return new NextHop(address, label, List.of(TunnelEncapsulation.UDP, TunnelEncapsulation.GRE), vn, List.of());
    }

    private static RouteEntry entry(RoutePrefix prefix, List<NextHop> hops, long lp) {
        List<NextHop> tagged = hops.stream().map(h -> new NextHop(h.address(), h.label(), h.encapsulations(),
                h.virtualNetwork().isEmpty() ? "default-domain:demo:red" : h.virtualNetwork(), h.tags())).toList();
        return new RouteEntry(XmppFamily.INET, prefix, tagged, 1, "default-domain:demo:red", List.of(8000002L, 8000003L),
                List.of(), lp, 0, 0, "");
    }
}
