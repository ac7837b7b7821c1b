package io.filament.agent.dhcp.server;

import io.filament.agent.dhcp.wire.DhcpMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * DHCP requests from plugged interfaces whose config has not arrived yet: the newest one per interface, kept for
 * {@link #HOLD} so that it is answered the moment the config comes instead of at the client's next retry (udhcpc
 * and dhclient wait one to several seconds). At most {@link #CAPACITY} interfaces are held; the oldest goes first.
 * Not thread-safe: its owner serialises the calls.
 */
final class HeldDhcpRequests {

    /** About as long as a client's first few retries; a later request is held afresh. */
    static final Duration HOLD = Duration.ofSeconds(4);
    static final int CAPACITY = 1024;

    record Held(int vif, DhcpMessage message) {
    }

    private record Entry(DhcpMessage message, long heldAtNanos) {
    }

    private final LinkedHashMap<Integer, Entry> byInterface = new LinkedHashMap<>();

    /** Holds {@code message} from {@code vif}, in place of an earlier one from it. */
    void hold(int vif, DhcpMessage message, long nowNanos) {
        byInterface.remove(vif);
        if (byInterface.size() == CAPACITY) {
            Iterator<Integer> oldest = byInterface.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byInterface.put(vif, new Entry(message, nowNanos));
    }

    /**
     * Takes out and returns the requests of interfaces that {@code bound} now accepts, in the order they were held;
     * requests held longer than {@link #HOLD} are dropped.
     */
    List<Held> release(long nowNanos, IntPredicate bound) {
        List<Held> out = new ArrayList<>();
        Iterator<Map.Entry<Integer, Entry>> it = byInterface.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, Entry> e = it.next();
            if (nowNanos - e.getValue().heldAtNanos() > HOLD.toNanos()) {
                it.remove();
            } else if (bound.test(e.getKey())) {
                out.add(new Held(e.getKey(), e.getValue().message()));
                it.remove();
            }
        }
        return out;
    }

    int size() {
        return byInterface.size();
    }
}
