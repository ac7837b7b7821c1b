package io.filament.configapi.store;

import io.filament.configapi.command.Claim;
import io.filament.contracts.config.ConfigOperation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims left behind by a writer that stopped between claiming and appending its event, or between deleting an
 * object and giving its claims back. Such a claim names a holder with no live object; once it is older than the
 * grace period it is given back so the name, address or id can be used again.
 *
 * <p>The grace period is safe because a commit never appends later than half of it after its first claim
 * ({@link #expired}): a holder older than the grace period is certain never to append.
 */
final class OrphanClaims {

    private static final Logger log = LoggerFactory.getLogger(OrphanClaims.class);

    private final ClaimLedger ledger;
    private final EventLog events;
    private final Clock clock;
    private final Duration grace;

    OrphanClaims(ClaimLedger ledger, EventLog events, Clock clock, Duration grace) {
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("claim grace must be positive, got " + grace);
        }
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.grace = grace;
    }

    /** Whether a commit that took its first claim at {@code firstClaim} is too late to append safely. */
    boolean expired(Instant firstClaim) {
        return Duration.between(firstClaim, clock.instant()).compareTo(grace.dividedBy(2)) > 0;
    }

    /**
     * Gives back what {@code claim} names when {@code holder} holds it as an orphan; whether it did (the caller then
     * claims again). A holder with a live object, or a claim younger than the grace period, is left alone.
     */
    boolean releaseIfOrphaned(Claim claim, String holder) {
        Optional<ClaimLedger.Holding> holding = ledger.holding(claim).filter(h -> h.holder().equals(holder));
        if (holding.isEmpty()) {
            return true;
        }
        if (!orphaned(holding.get())) {
            return false;
        }
        boolean released = ledger.releaseHeldBy(claim, holder);
        if (released) {
            log.warn("Released {} held since {} by {}, which has no live object", describe(claim),
                    holding.get().since(), holder);
        }
        return true;
    }

    /** Whether a holding is older than the grace period and its holder has no live object. */
    boolean orphaned(ClaimLedger.Holding holding) {
        return Duration.between(holding.since(), clock.instant()).compareTo(grace) >= 0 && !alive(holding.holder());
    }

    private boolean alive(String uuid) {
        return events.latest(uuid).filter(e -> e.operation() != ConfigOperation.DELETED).isPresent();
    }

    private static String describe(Claim claim) {
        return switch (claim) {
            case Claim.FqName f -> f.type().dashed() + " fq_name " + f.fqName();
            case Claim.Address a -> "address " + a.address() + " of subnet " + a.subnetUuid();
            case Claim.Id i -> i.pool() + " " + i.id();
        };
    }
}
