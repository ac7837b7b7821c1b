package io.filament.control.rib;

import io.filament.contracts.xmpp.NextHop;
import io.filament.contracts.xmpp.RouteEntry;

/**
 * One agent's path to a prefix: published in {@code originInstance}, replicated into every instance that
 * imports one of its export targets. {@code entry} carries exactly one next hop.
 *
 * @param originNetwork the Origin-VN: the entry's {@code virtual-network}, else the origin instance's network
 */
public record Path(PathKey key, String originInstance, String originNetwork, RouteEntry entry) {

    public NextHop nextHop() {
        return entry.nextHops().getFirst();
    }
}
