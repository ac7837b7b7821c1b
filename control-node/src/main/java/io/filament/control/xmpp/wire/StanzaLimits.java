package io.filament.control.xmpp.wire;

/**
 * Bounds on what a peer may send in one stanza.
 *
 * @param maxStanzaBytes bytes from a stanza's start tag to its end tag
 * @param maxDepth       element nesting inside a stanza (the stanza element itself is depth 1)
 */
public record StanzaLimits(int maxStanzaBytes, int maxDepth) {

    public static final StanzaLimits DEFAULT = new StanzaLimits(256 * 1024, 24);

    public StanzaLimits {
        if (maxStanzaBytes < 1024 || maxDepth < 4) {
            throw new IllegalArgumentException("stanza limits too small: bytes=" + maxStanzaBytes + " depth=" + maxDepth);
        }
    }
}
