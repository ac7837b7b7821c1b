package io.filament.control.xmpp.wire;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Incremental parser of one XMPP stream over Aalto's non-blocking reader: bytes go in as they arrive, complete
 * top-level stanzas come out. Only the stanza being read is held in memory.
 *
 * <pre>
 *  depth 0   &lt;?xml …?&gt;
 *  depth 1   &lt;stream:stream …&gt;            → StreamOpened
 *  depth 2     &lt;iq|message|presence|…&gt;    → StanzaReceived once its end tag is read
 *  depth 1   &lt;/stream:stream&gt;             → StreamClosed
 * </pre>
 *
 * Text at depth 1 (whitespace and TF's U+0200 keepalive) is ignored. Not thread-safe: one parser per stream,
 * used from one thread; a new stream (after STARTTLS or SASL) needs a new parser.
 */
public final class XmppStreamParser {

    private static final AsyncXMLInputFactory FACTORY = new InputFactoryImpl();

    private final StanzaLimits limits;
    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private final XmlCommentFilter comments = new XmlCommentFilter();
    private final ArrayDeque<Builder> open = new ArrayDeque<>();
    private long bytesFed;
    private long stanzaStart = -1;
    private boolean streamOpen;
    private boolean failed;

    public XmppStreamParser(StanzaLimits limits) {
        this.limits = limits;
        this.reader = FACTORY.createAsyncForByteArray();
    }

    /** Feeds bytes and returns every event they complete, in order. */
    public List<StreamEvent> feed(byte[] bytes, int offset, int length) throws StreamDecodeException {
        if (failed) {
            throw new StreamDecodeException(StreamErrorCondition.NOT_WELL_FORMED, "stream already failed");
        }
        byte[] data = comments.filter(bytes, offset, length);
        List<StreamEvent> events = new ArrayList<>(2);
        try {
            reader.getInputFeeder().feedInput(data, 0, data.length);
            bytesFed += data.length;
            drain(events);
        } catch (XMLStreamException e) {
            failed = true;
            throw new StreamDecodeException(StreamErrorCondition.NOT_WELL_FORMED, oneLine(e.getMessage()));
        } catch (StreamDecodeException e) {
            failed = true;
            throw e;
        }
        if (stanzaStart >= 0 && bytesFed - stanzaStart > limits.maxStanzaBytes()) {
            failed = true;
            throw new StreamDecodeException(StreamErrorCondition.POLICY_VIOLATION,
                    "stanza exceeds " + limits.maxStanzaBytes() + " bytes");
        }
        return events;
    }

    private void drain(List<StreamEvent> events) throws XMLStreamException, StreamDecodeException {
        int ev;
        while ((ev = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT -> start(events);
                case XMLStreamConstants.END_ELEMENT -> end(events);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.DTD -> throw new StreamDecodeException(
                        StreamErrorCondition.RESTRICTED_XML, "document type declarations are not allowed");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new StreamDecodeException(
                        StreamErrorCondition.RESTRICTED_XML, "entity references are not allowed");
                default -> {
                    // START_DOCUMENT, processing instructions, comments: no meaning in XMPP
                }
            }
        }
    }

    private void start(List<StreamEvent> events) throws StreamDecodeException, XMLStreamException {
        if (!streamOpen) {
            if (!"stream".equals(reader.getLocalName())) {
                throw new StreamDecodeException(StreamErrorCondition.NOT_WELL_FORMED,
                        "expected <stream:stream>, got <" + reader.getLocalName() + ">");
            }
            streamOpen = true;
            events.add(new StreamEvent.StreamOpened(nonNull(reader.getNamespaceURI()), attributes()));
            return;
        }
        if (open.isEmpty()) {
            stanzaStart = reader.getLocationInfo().getStartingByteOffset();
        }
        checkSize();
        if (open.size() + 1 > limits.maxDepth()) {
            throw new StreamDecodeException(StreamErrorCondition.POLICY_VIOLATION,
                    "element depth exceeds " + limits.maxDepth());
        }
        open.push(new Builder(reader.getLocalName(), nonNull(reader.getNamespaceURI()), attributes()));
    }

    private void end(List<StreamEvent> events) throws StreamDecodeException, XMLStreamException {
        checkSize();
        if (open.isEmpty()) {
            events.add(new StreamEvent.StreamClosed());
            streamOpen = false;
            return;
        }
        XmlElement done = open.pop().build();
        if (open.isEmpty()) {
            stanzaStart = -1;
            events.add(new StreamEvent.StanzaReceived(done));
        } else {
            open.peek().children.add(done);
        }
    }

    private void checkSize() throws StreamDecodeException, XMLStreamException {
        if (stanzaStart >= 0 && reader.getLocationInfo().getEndingByteOffset() - stanzaStart > limits.maxStanzaBytes()) {
            throw new StreamDecodeException(StreamErrorCondition.POLICY_VIOLATION,
                    "stanza exceeds " + limits.maxStanzaBytes() + " bytes");
        }
    }

    private Map<String, String> attributes() {
        int n = reader.getAttributeCount();
        Map<String, String> out = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String prefix = reader.getAttributePrefix(i);
            String name = prefix == null || prefix.isEmpty()
                    ? reader.getAttributeLocalName(i)
                    : prefix + ":" + reader.getAttributeLocalName(i);
            out.put(name, reader.getAttributeValue(i));
        }
        return out;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String oneLine(String s) {
        return s == null ? "malformed XML" : s.replace('\n', ' ');
    }

    private static final class Builder {
        final String name;
        final String namespace;
        final Map<String, String> attributes;
        final List<XmlElement> children = new ArrayList<>(4);
        final StringBuilder text = new StringBuilder();

        Builder(String name, String namespace, Map<String, String> attributes) {
            this.name = name;
            this.namespace = namespace;
            this.attributes = attributes;
        }

        XmlElement build() {
            return new XmlElement(name, namespace, attributes, children, text.toString());
        }
    }
}
