package io.filament.control.rib;

import io.filament.contracts.xmpp.RouteEntry;
import io.filament.contracts.xmpp.RoutePrefix;

import java.util.Optional;

/**
 * Where the RIB thread hands a subscriber's updates. Called only on the RIB thread; implementations queue and
 * return at once (encoding and writing happen on the subscriber's own thread).
 */
public interface RibOutSink {

    /** The route as this subscriber should now hold it, or empty for a retract. */
    void advertise(String instance, RoutePrefix prefix, Optional<RouteEntry> entry);

    /** Every route of every subscription made so far has been handed over. */
    void endOfRib();
}
