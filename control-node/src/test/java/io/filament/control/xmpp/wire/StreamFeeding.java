package io.filament.control.xmpp.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Feeds a stream to a fresh parser whole, byte by byte or in random splits, collecting the stanzas. */
final class StreamFeeding {

    static final String OPEN = "<?xml version='1.0'?><stream:stream from='compute-1' "
            + "to='network-control@contrailsystems.com' version='1.0' xml:lang='en' xmlns='' "
            + "xmlns:stream='http://etherx.jabber.org/streams' >";

    private StreamFeeding() {
    }

    static byte[] inStream(byte[] stanzas) {
        byte[] open = OPEN.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[open.length + stanzas.length];
        System.arraycopy(open, 0, out, 0, open.length);
        System.arraycopy(stanzas, 0, out, open.length, stanzas.length);
        return out;
    }

    static List<XmlElement> whole(byte[] data) throws StreamDecodeException {
        return stanzas(new XmppStreamParser(StanzaLimits.DEFAULT).feed(data, 0, data.length));
    }

    static List<XmlElement> byteByByte(byte[] data) throws StreamDecodeException {
        XmppStreamParser p = new XmppStreamParser(StanzaLimits.DEFAULT);
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            events.addAll(p.feed(data, i, 1));
        }
        return stanzas(events);
    }

    static List<XmlElement> randomSplits(byte[] data, long seed) throws StreamDecodeException {
        XmppStreamParser p = new XmppStreamParser(StanzaLimits.DEFAULT);
        Random r = new Random(seed);
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < data.length; ) {
            int n = Math.min(data.length - i, 1 + r.nextInt(64));
            events.addAll(p.feed(data, i, n));
            i += n;
        }
        return stanzas(events);
    }

    private static List<XmlElement> stanzas(List<StreamEvent> events) {
        List<XmlElement> out = new ArrayList<>();
        for (StreamEvent e : events) {
            if (e instanceof StreamEvent.StanzaReceived s) {
                out.add(s.stanza());
            }
        }
        return out;
    }
}
