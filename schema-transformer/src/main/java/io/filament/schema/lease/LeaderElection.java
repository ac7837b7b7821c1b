package io.filament.schema.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps trying to hold the lease and tells a {@link Listener} when leadership is granted or revoked. Renews every
 * {@code renewInterval}; the lease is also considered lost locally once {@code ttl} minus one renew interval has
 * passed without a successful renewal, so a paused leader stops publishing before anyone else can take over.
 * Owns one scheduler thread, {@code lease-<owner>}.
 */
public final class LeaderElection implements AutoCloseable {

    /** Callbacks run on the election thread. */
    public interface Listener {
        void granted();

        void revoked();
    }

    /** Why leadership ended. */
    public enum RevocationReason { RENEWAL_REFUSED, RENEWAL_FAILED, CLOSED }

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    private final LeaseStore store;
    private final String owner;
    private final Duration ttl;
    private final Duration renewInterval;
    private final Clock clock;
    private volatile Listener listener;
    private final ScheduledExecutorService scheduler;
    private volatile Instant validUntil = Instant.MIN;
    private volatile boolean leader;

    public LeaderElection(LeaseStore store, String owner, Duration ttl, Duration renewInterval, Clock clock) {
        if (renewInterval.multipliedBy(2).compareTo(ttl) > 0) {
            throw new IllegalArgumentException("lease ttl " + ttl + " must be at least twice the renew interval "
                    + renewInterval);
        }
        this.store = store;
        this.owner = owner;
        this.ttl = ttl;
        this.renewInterval = renewInterval;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lease-" + owner).daemon().factory());
    }

    /** Starts competing for the lease; {@code listener} hears about every grant and revocation. */
    public void start(Listener listener) {
        this.listener = listener;
        scheduler.scheduleWithFixedDelay(this::tick, 0, renewInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True while this instance holds a lease that has not run out by the local clock. */
    public boolean isLeader() {
        return leader && clock.instant().isBefore(validUntil);
    }

    public String owner() {
        return owner;
    }

    private void tick() {
        Instant attempt = clock.instant();
        try {
            if (leader) {
                if (store.renew(owner, ttl)) {
                    validUntil = attempt.plus(ttl).minus(renewInterval);
                } else {
                    revoke(RevocationReason.RENEWAL_REFUSED);
                }
            } else if (store.tryAcquire(owner, ttl)) {
                validUntil = attempt.plus(ttl).minus(renewInterval);
                leader = true;
                log.info("Lease granted to {}", owner);
                listener.granted();
            }
        } catch (RuntimeException failure) {
            log.warn("Lease check for {} failed: {}", owner, failure.toString());
            if (leader && !clock.instant().isBefore(validUntil)) {
                revoke(RevocationReason.RENEWAL_FAILED);
            }
        }
    }

    private void revoke(RevocationReason reason) {
        leader = false;
        validUntil = Instant.MIN;
        log.info("Lease revoked from {}: {}", owner, reason);
        listener.revoked();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (leader) {
            revoke(RevocationReason.CLOSED);
            try {
                store.release(owner);
            } catch (RuntimeException failure) {
                log.warn("Could not release the lease of {}: {}", owner, failure.toString());
            }
        }
    }
}
