package io.filament.control.rib;

import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The entry a subscriber is sent for a route: one next hop per ECMP path, each tagged with its Origin-VN;
 * attributes of the best path. Split horizon: a peer is not sent its own paths.
 */
final class Advertisement {

    private Advertisement() {
    }

    static Optional<RouteEntry> forPeer(Optional<RouteSelection> selection, String peer) {
        if (selection.isEmpty()) {
            return Optional.empty();
        }
        List<NextHop> hops = new ArrayList<>();
        Path best = null;
        for (Path p : selection.get().ecmp()) {
            if (p.key().peer().equals(peer)) {
                continue;
            }
            best = best == null ? p : best;
            NextHop nh = p.nextHop();
            hops.add(new NextHop(nh.address(), nh.label(), nh.encapsulations(), p.originNetwork(), nh.tags()));
        }
        if (best == null) {
            return Optional.empty();
        }
        RouteEntry e = best.entry();
        return Optional.of(new RouteEntry(e.family(), e.prefix(), hops, 1, best.originNetwork(), e.securityGroups(),
                e.communityTags(), e.localPreference(), e.effectiveMed(), e.sequenceNumber(), ""));
    }
}
