package io.filament.control.xmpp.peer;

import java.time.Instant;
import java.util.SortedMap;

/**
 * What {@code /peers} and {@code ObjectXmppPeerInfo} report for one agent.
 *
 * @param subscriptions instance → instance-id
 */
public record PeerStatus(String hostname, String jid, String remoteAddress, String state, Instant since,
                         String lastStateChangeReason, SortedMap<String, Integer> subscriptions,
                         long routesReceived, long routesWithdrawn, long itemsRejected, long itemsSent,
                         long retractsSent, long messagesSent, long configObjectsPushed, boolean endOfRibReceived) {
}
