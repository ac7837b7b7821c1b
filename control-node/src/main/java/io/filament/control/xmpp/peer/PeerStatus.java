package io.filament.control.xmpp.peer;

import java.time.Instant;
import java.util.SortedMap;

/**
 * What {@code /peers} and {@code ObjectXmppPeerInfo} report for one agent.
 *
 * @param subscriptions instance → instance-id
 * @param stalePaths    paths kept through the agent's graceful restart that it has not re-published yet
 */
public record PeerStatus(String hostname, String jid, String remoteAddress, String state, Instant since,
                         String lastStateChangeReason, SortedMap<String, Integer> subscriptions,
                         long routesReceived, long routesWithdrawn, long itemsRejected, long itemsSent,
                         long retractsSent, long messagesSent, long configObjectsPushed, boolean endOfRibReceived,
                         int stalePaths) {

    PeerStatus withStalePaths(int n) {
        return new PeerStatus(hostname, jid, remoteAddress, state, since, lastStateChangeReason, subscriptions,
                routesReceived, routesWithdrawn, itemsRejected, itemsSent, retractsSent, messagesSent,
                configObjectsPushed, endOfRibReceived, n);
    }
}
