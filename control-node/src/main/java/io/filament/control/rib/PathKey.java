package io.filament.control.rib;

/**
 * Identity of a path in a table: the XMPP peer that published it and its SourceRD
 * ({@code <next-hop address>:<instance-id>}, a type-1 route distinguisher).
 */
public record PathKey(String peer, String sourceRd) implements Comparable<PathKey> {

    @Override
    public int compareTo(PathKey o) {
        int c = peer.compareTo(o.peer);
        return c != 0 ? c : sourceRd.compareTo(o.sourceRd);
    }
}
