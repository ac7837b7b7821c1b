package io.filament.control.xmpp.wire;

import java.util.List;

/** Server-side stream-level elements of RFC 6120: stream header, features, TLS, SASL, bind, errors. */
public final class StreamElements {

    public static final String STREAM_NS = "http://etherx.jabber.org/streams";
    public static final String CLIENT_NS = "jabber:client";
    public static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String STREAMS_ERROR_NS = "urn:ietf:params:xml:ns:xmpp-streams";

    private StreamElements() {
    }

    /** Response stream header; unterminated as every stream header is. */
    public static String header(String from, String to, String id) {
        StringBuilder sb = new StringBuilder(256).append("<?xml version='1.0'?>");
        sb.append("<stream:stream xmlns='").append(CLIENT_NS).append("' xmlns:stream='").append(STREAM_NS)
                .append("' id='").append(id).append("' from='");
        escape(sb, from);
        if (!to.isEmpty()) {
            sb.append("' to='");
            escape(sb, to);
        }
        return sb.append("' version='1.0' xml:lang='en'>").toString();
    }

    public static String features(boolean offerTls, boolean tlsRequired, List<String> mechanisms, boolean bind) {
        StringBuilder sb = new StringBuilder(256);
        XmlWriter w = new XmlWriter(sb).start("stream:features");
        if (offerTls) {
            w.start("starttls").attr("xmlns", TLS_NS);
            if (tlsRequired) {
                w.start("required").end();
            }
            w.end();
        }
        if (!mechanisms.isEmpty()) {
            w.start("mechanisms").attr("xmlns", SASL_NS);
            mechanisms.forEach(m -> w.element("mechanism", m));
            w.end();
        }
        if (bind) {
            w.start("bind").attr("xmlns", BIND_NS).end();
        }
        w.text("").end();
        return sb.toString();
    }

    public static String tlsProceed() {
        return "<proceed xmlns='" + TLS_NS + "'/>";
    }

    public static String saslSuccess() {
        return "<success xmlns='" + SASL_NS + "'/>";
    }

    public static String saslFailure(String condition) {
        return "<failure xmlns='" + SASL_NS + "'><" + condition + "/></failure>";
    }

    public static String bindResult(String id, String jid) {
        StringBuilder sb = new StringBuilder(192);
        new XmlWriter(sb).start("iq").attr("type", "result").attr("id", id)
                .start("bind").attr("xmlns", BIND_NS).element("jid", jid).end().end();
        return sb.toString();
    }

    public static String iqResult(String id, String from, String to) {
        StringBuilder sb = new StringBuilder(128);
        new XmlWriter(sb).start("iq").attr("type", "result").attr("id", id).attr("from", from).attr("to", to).end();
        return sb.toString();
    }

    /** Stanza error of RFC 6120 §8.3 on an iq, e.g. {@code modify}/{@code bad-request}. */
    public static String iqError(String id, String from, String to, String type, String condition, String text) {
        StringBuilder sb = new StringBuilder(256);
        new XmlWriter(sb).start("iq").attr("type", "error").attr("id", id).attr("from", from).attr("to", to)
                .start("error").attr("type", type)
                .start(condition).attr("xmlns", STANZAS_NS).end()
                .start("text").attr("xmlns", STANZAS_NS).text(text).end()
                .end().end();
        return sb.toString();
    }

    public static String streamError(StreamErrorCondition condition, String text) {
        StringBuilder sb = new StringBuilder(256);
        new XmlWriter(sb).start("stream:error")
                .start(condition.elementName()).attr("xmlns", STREAMS_ERROR_NS).end()
                .start("text").attr("xmlns", STREAMS_ERROR_NS).text(text).end()
                .end();
        return sb.append("</stream:stream>").toString();
    }

    public static String streamClose() {
        return "</stream:stream>";
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'' -> sb.append("&apos;");
                case '<' -> sb.append("&lt;");
                case '&' -> sb.append("&amp;");
                default -> sb.append(c);
            }
        }
    }
}
