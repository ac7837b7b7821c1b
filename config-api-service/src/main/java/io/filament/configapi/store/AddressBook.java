package io.filament.configapi.store;

import io.filament.configapi.ipam.IpAddress;
import io.filament.configapi.ipam.SubnetPlan;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * This instance's picture of which addresses of one subnet are held, so that concurrent requests pick different
 * candidates. It only proposes: the lightweight transaction on {@code address_claims} decides. Addresses another
 * instance released become visible when the book is reloaded, which happens when it finds the subnet full.
 */
final class AddressBook {

    private static final int SPREAD = 16;
    private static final long CONTENTION_WINDOW_NANOS = 2_000_000_000L;

    private final Supplier<Set<IpAddress>> loader;
    private Set<IpAddress> taken;
    private final Set<IpAddress> reserved = new HashSet<>();
    private Optional<IpAddress> lastHandedOut = Optional.empty();
    private long contendedUntil;

    AddressBook(Supplier<Set<IpAddress>> loader) {
        this.loader = loader;
    }

    synchronized Optional<IpAddress> reserve(SubnetPlan plan) {
        if (taken == null) {
            taken = new HashSet<>(loader.get());
        }
        Optional<IpAddress> found = scan(plan.allocationOrderAfter(lastHandedOut))
                .or(() -> scan(plan.allocationOrder()));
        if (found.isEmpty()) {
            taken = new HashSet<>(loader.get());
            found = scan(plan.allocationOrder());
        }
        found.ifPresent(address -> {
            reserved.add(address);
            lastHandedOut = Optional.of(address);
        });
        return found;
    }

    /**
     * The first free candidate; while another instance is known to allocate from the same subnet, a random one of
     * the next few free candidates, so that the two do not keep proposing the same address.
     */
    private Optional<IpAddress> scan(Iterator<IpAddress> order) {
        int spread = System.nanoTime() < contendedUntil ? 1 + ThreadLocalRandom.current().nextInt(SPREAD) : 1;
        Optional<IpAddress> found = Optional.empty();
        while (order.hasNext() && spread > 0) {
            IpAddress candidate = order.next();
            if (!taken.contains(candidate) && !reserved.contains(candidate)) {
                found = Optional.of(candidate);
                spread--;
            }
        }
        return found;
    }

    /** Another writer claimed {@code address} first: the book is stale, so it is reloaded on the next proposal. */
    synchronized void lost(IpAddress address) {
        reserved.remove(address);
        taken = null;
        contendedUntil = System.nanoTime() + CONTENTION_WINDOW_NANOS;
    }

    synchronized void unreserve(IpAddress address) {
        reserved.remove(address);
    }

    synchronized void taken(IpAddress address) {
        reserved.remove(address);
        if (taken != null) {
            taken.add(address);
        }
    }

    synchronized void freed(IpAddress address) {
        if (taken != null) {
            taken.remove(address);
        }
    }
}
