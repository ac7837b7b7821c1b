package io.filament.control.xmpp.wire;

import java.util.Map;

/** What the stream parser reports: stream open, one complete top-level stanza, or stream close. */
public sealed interface StreamEvent {

    /** {@code <stream:stream …>} with its attributes by qualified name (e.g. {@code to}, {@code xml:lang}). */
    record StreamOpened(String namespace, Map<String, String> attributes) implements StreamEvent {
        public StreamOpened {
            attributes = Map.copyOf(attributes);
        }
    }

    record StanzaReceived(XmlElement stanza) implements StreamEvent {
    }

    record StreamClosed() implements StreamEvent {
    }
}
