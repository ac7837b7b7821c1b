package io.filament.agent.oper;

import io.filament.contracts.xmpp.TunnelEncapsulation;

import java.util.Optional;
import java.util.UUID;

/**
 * A next hop, TF's kinds: DISCARD (id 0), RECEIVE (to the agent, e.g. the gateway address; id 1), INTERFACE
 * (to a local VM interface) and TUNNEL (to a remote host's fabric address with an encapsulation and the label
 * the remote host gave the destination; the dataplane keeps the label in the tunnel next hop).
 */
public record NextHopEntry(int id, Kind kind, Optional<UUID> interfaceId, Optional<String> tunnelDestination,
                           Optional<TunnelEncapsulation> encapsulation, long label) {

    public enum Kind { DISCARD, RECEIVE, INTERFACE, TUNNEL }

    public static NextHopEntry discard() {
        return new NextHopEntry(Allocations.DISCARD_NEXT_HOP, Kind.DISCARD, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    public static NextHopEntry receive() {
        return new NextHopEntry(Allocations.RECEIVE_NEXT_HOP, Kind.RECEIVE, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    public static NextHopEntry toInterface(int id, UUID portId) {
        return new NextHopEntry(id, Kind.INTERFACE, Optional.of(portId), Optional.empty(), Optional.empty(), 0);
    }

    public static NextHopEntry tunnel(int id, String destination, TunnelEncapsulation encapsulation, long label) {
        return new NextHopEntry(id, Kind.TUNNEL, Optional.empty(), Optional.of(destination), Optional.of(encapsulation),
                label);
    }

    /** The allocation key of an interface or tunnel next hop. */
    static String interfaceKey(UUID portId) {
        return "interface/" + portId;
    }

    static String tunnelKey(String destination, TunnelEncapsulation encapsulation, long label) {
        return "tunnel/" + destination + "/" + encapsulation.wireName() + "/" + label;
    }
}
