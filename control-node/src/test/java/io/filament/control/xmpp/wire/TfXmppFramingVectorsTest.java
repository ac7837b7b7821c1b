package io.filament.control.xmpp.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TfXmppFramingVectorsTest {

    @Test
    void framesTheLargeIqWholeByteByByteAndInRandomSplits() throws Exception {
        byte[] stream = StreamFeeding.inStream(TfVectors.bytes("xmpp", "iq-large.xml"));
        List<XmlElement> whole = StreamFeeding.whole(stream);

        assertThat(whole).singleElement().satisfies(iq -> {
            assertThat(iq.name()).isEqualTo("iq");
            assertThat(iq.child("pubsub").orElseThrow().children("item")).hasSizeGreaterThan(100);
        });
        assertThat(StreamFeeding.byteByByte(stream)).isEqualTo(whole);
        for (long seed = 1; seed <= 10; seed++) {
            assertThat(StreamFeeding.randomSplits(stream, seed)).isEqualTo(whole);
        }
    }

    @Test
    void framesTheSubscribeVectorFollowedByTheIqVectorAsTwoStanzas() throws Exception {
        byte[] sub = TfVectors.bytes("xmpp", "pubsub_sub.xml");
        byte[] iq = TfVectors.bytes("xmpp", "iq.xml");
        byte[] both = new byte[sub.length + iq.length];
        System.arraycopy(sub, 0, both, 0, sub.length);
        System.arraycopy(iq, 0, both, sub.length, iq.length);

        assertThat(StreamFeeding.byteByByte(StreamFeeding.inStream(both))).hasSize(2)
                .allSatisfy(s -> assertThat(s.child("pubsub").orElseThrow().child("subscribe")).isPresent());
    }

    @Test
    void toleratesTfCommentsThatStrictXmlRejects() throws Exception {
        byte[] stream = StreamFeeding.inStream(TfVectors.bytes("xmpp", "pubsub_pub.xml"));

        assertThat(StreamFeeding.randomSplits(stream, 7)).hasSize(2);
    }

    @Test
    void reportsNotWellFormedForTheMismatchedEndTagOfTheMessageVector() {
        byte[] stream = StreamFeeding.inStream(TfVectors.bytes("xmpp", "message.xml"));

        assertThatThrownBy(() -> StreamFeeding.byteByByte(stream))
                .isInstanceOfSatisfying(StreamDecodeException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.NOT_WELL_FORMED));
    }

    @Test
    void reportsPolicyViolationForAStanzaBeyondTheSizeLimit() {
        byte[] stream = StreamFeeding.inStream(TfVectors.bytes("xmpp", "iq-large.xml"));
        XmppStreamParser parser = new XmppStreamParser(new StanzaLimits(16 * 1024, 24));

        assertThatThrownBy(() -> parser.feed(stream, 0, stream.length))
                .isInstanceOfSatisfying(StreamDecodeException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION));
    }

    @Test
    void reportsPolicyViolationForNestingBeyondTheDepthLimit() {
        String deep = "<iq>" + "<a>".repeat(30) + "</a>".repeat(30) + "</iq>";
        byte[] stream = StreamFeeding.inStream(deep.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> StreamFeeding.whole(stream))
                .isInstanceOfSatisfying(StreamDecodeException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION));
    }

    @Test
    void reportsRestrictedXmlForADocumentTypeDeclaration() {
        byte[] stream = "<?xml version='1.0'?><!DOCTYPE stream><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new XmppStreamParser(StanzaLimits.DEFAULT).feed(stream, 0, stream.length))
                .isInstanceOfSatisfying(StreamDecodeException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.RESTRICTED_XML));
    }

    @Test
    void ignoresTfKeepaliveCharacterBetweenStanzas() throws Exception {
        byte[] keepalive = {(byte) 0xC8, (byte) 0x80};
        String iq = "<iq type='get' id='1'/>";
        byte[] body = (iq + new String(keepalive, StandardCharsets.UTF_8) + iq).getBytes(StandardCharsets.UTF_8);

        assertThat(StreamFeeding.byteByByte(StreamFeeding.inStream(body))).hasSize(2);
    }
}
