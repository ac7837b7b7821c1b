package io.filament.agent.oper;

import io.filament.contracts.xmpp.TunnelEncapsulation;

import java.util.Optional;
import java.util.UUID;

/**
 * A next hop, TF's kinds: DISCARD (id 0), RECEIVE (to the agent, e.g. the gateway address; id 1), INTERFACE
 * (to a local VM interface) and TUNNEL (to a remote host's fabric address with an encapsulation).
 */
public record NextHopEntry(int id, Kind kind, Optional<UUID> interfaceId, Optional<String> tunnelDestination,
                           Optional<TunnelEncapsulation> encapsulation) {

    public enum Kind { DISCARD, RECEIVE, INTERFACE, TUNNEL }

    public static NextHopEntry discard() {
        return new NextHopEntry(Allocations.DISCARD_NEXT_HOP, Kind.DISCARD, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static NextHopEntry receive() {
        return new NextHopEntry(Allocations.RECEIVE_NEXT_HOP, Kind.RECEIVE, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static NextHopEntry toInterface(int id, UUID portId) {
        return new NextHopEntry(id, Kind.INTERFACE, Optional.of(portId), Optional.empty(), Optional.empty());
    }

    public static NextHopEntry tunnel(int id, String destination, TunnelEncapsulation encapsulation) {
        return new NextHopEntry(id, Kind.TUNNEL, Optional.empty(), Optional.of(destination), Optional.of(encapsulation));
    }

    /** The allocation key of an interface or tunnel next hop. */
    static String interfaceKey(UUID portId) {
        return "interface/" + portId;
    }

    static String tunnelKey(String destination, TunnelEncapsulation encapsulation) {
        return "tunnel/" + destination + "/" + encapsulation.wireName();
    }
}
