package io.filament.control.xmpp.wire;

import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;
import io.filament.contracts.xmpp.XmppFamily;
import io.filament.contracts.xmpp.XmppPayloadException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TfPubSubVectorsTest {

    static Stream<String> pubsubVectors() {
        return TfVectors.files("bgp", "pubsub_*.xml").stream();
    }

    static Stream<String> badItems() {
        return TfVectors.files("bgp", "bad_*_item_*.xml").stream();
    }

    @ParameterizedTest
    @MethodSource("pubsubVectors")
    void decodesEveryPubSubVectorTheSameWholeByteByByteAndInRandomSplits(String file) throws Exception {
        byte[] stream = StreamFeeding.inStream(TfVectors.bytes("bgp", file));
        List<XmlElement> whole = StreamFeeding.whole(stream);

        assertThat(whole).isNotEmpty().allSatisfy(s -> assertThat(s.name()).isEqualTo("iq"));
        assertThat(StreamFeeding.byteByByte(stream)).isEqualTo(whole);
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(StreamFeeding.randomSplits(stream, seed)).isEqualTo(whole);
        }
        for (XmlElement iq : whole) {
            assertThat(PubSubRequestDecoder.decode(iq)).isNotNull();
        }
    }

    @Test
    void subscribeVectorsCarryTheirInstanceIdEvenBesideTheSubscribeElement() throws Exception {
        var blue = decodeSingle("pubsub_sub.xml");
        var fabric = decodeSingle("pubsub_sub3.xml");

        assertThat(blue).isEqualTo(new PubSubRequest.Subscribe("blue",
                java.util.Optional.of(new io.filament.contracts.xmpp.SubscribeOptions(1, false))));
        assertThat(((PubSubRequest.Subscribe) fabric).node()).isEqualTo("default-domain:default-project:ip-fabric:__default__");
        assertThat(((PubSubRequest.Subscribe) fabric).options().orElseThrow().instanceId()).isEqualTo(3);
        assertThat(decodeSingle("pubsub_usub.xml")).isEqualTo(new PubSubRequest.Unsubscribe("blue"));
    }

    @Test
    void publishVectorIsARouteWithOneNextHopFollowedByAnAssociate() throws Exception {
        List<XmlElement> iqs = StreamFeeding.whole(StreamFeeding.inStream(TfVectors.bytes("bgp", "pubsub_pub.xml")));
        var publish = (PubSubRequest.Publish) PubSubRequestDecoder.decode(iqs.get(0));
        var collection = (PubSubRequest.Collection) PubSubRequestDecoder.decode(iqs.get(1));

        RouteEntry entry = RouteEntryDecoder.decode(publish.item().orElseThrow(), XmppFamily.INET);

        assertThat(publish.node()).isEqualTo("1/1/10.1.2.1");
        assertThat(collection).isEqualTo(new PubSubRequest.Collection("blue", true, "1/1/10.1.2.1"));
        assertThat(entry.prefix()).isEqualTo(RoutePrefix.parse("10.1.2.1/32"));
        assertThat(entry.nextHops()).singleElement().satisfies(nh -> {
            assertThat(nh.address()).isEqualTo("20.1.2.1");
            assertThat(nh.label()).isEqualTo(10000);
        });
        assertThat(entry.securityGroups()).containsExactly(1L, 2L);
    }

    @Test
    void dissociateVectorNeedsOnlyTheKeyOfItsLegacyLayoutItem() throws Exception {
        List<XmlElement> iqs = StreamFeeding.whole(StreamFeeding.inStream(TfVectors.bytes("bgp", "pubsub_dis.xml")));
        var publish = (PubSubRequest.Publish) PubSubRequestDecoder.decode(iqs.get(0));

        assertThat(RouteEntryDecoder.decodeKey(publish.item().orElseThrow(), XmppFamily.INET))
                .isEqualTo(RoutePrefix.parse("10.1.2.1/32"));
        assertThat(PubSubRequestDecoder.decode(iqs.get(1)))
                .isEqualTo(new PubSubRequest.Collection("blue", false, "1/1/10.1.2.1"));
    }

    @ParameterizedTest
    @MethodSource("badItems")
    void rejectsEveryBadItemVectorNamingTheField(String file) throws Exception {
        XmlElement item = parseItem(TfVectors.bytes("bgp", file));
        XmppFamily family = file.contains("inet6") ? XmppFamily.INET6 : XmppFamily.INET;

        assertThatThrownBy(() -> RouteEntryDecoder.decode(item, family))
                .isInstanceOf(XmppPayloadException.class)
                .satisfies(e -> assertThat(((XmppPayloadException) e).field()).isNotBlank());
    }

    @Test
    void badItemsNameTheFieldTfChecks() throws Exception {
        assertThat(fieldRejected("bad_inet_item_1.xml", XmppFamily.INET)).isEqualTo("entry/version");
        assertThat(fieldRejected("bad_inet_item_2.xml", XmppFamily.INET)).isEqualTo("af/safi");
        assertThat(fieldRejected("bad_inet_item_3.xml", XmppFamily.INET)).isEqualTo("nlri/address");
        assertThat(fieldRejected("bad_inet_item_4.xml", XmppFamily.INET)).isEqualTo("next-hop/address");
        assertThat(fieldRejected("bad_inet_item_5.xml", XmppFamily.INET)).isEqualTo("next-hop/address");
        assertThat(fieldRejected("bad_inet_item_6.xml", XmppFamily.INET)).isEqualTo("next-hops/next-hop");
        assertThat(fieldRejected("bad_inet6_item_3.xml", XmppFamily.INET6)).isEqualTo("nlri/address");
    }

    private static String fieldRejected(String file, XmppFamily family) throws Exception {
        XmlElement item = parseItem(TfVectors.bytes("bgp", file));
        try {
            RouteEntryDecoder.decode(item, family);
        } catch (XmppPayloadException e) {
            return e.field();
        }
        throw new AssertionError(file + " was accepted");
    }

    static XmlElement parseItem(byte[] itemXml) throws StreamDecodeException {
        String iq = "<iq type='set' id='x'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='n'>"
                + new String(itemXml, StandardCharsets.UTF_8) + "</publish></pubsub></iq>";
        XmlElement stanza = StreamFeeding.whole(StreamFeeding.inStream(iq.getBytes(StandardCharsets.UTF_8))).getFirst();
        return stanza.find("item").orElseThrow();
    }

    private static PubSubRequest decodeSingle(String file) throws Exception {
        return PubSubRequestDecoder.decode(StreamFeeding.whole(StreamFeeding.inStream(TfVectors.bytes("bgp", file))).getFirst());
    }
}
