package io.filament.configapi.outbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports whether committed changes are reaching Kafka. A relay that cannot publish does not make config-api
 * unhealthy (writes still commit and wait in the outbox), so the status stays UP and the details say since when
 * events are held back and why.
 */
public final class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxRelay relay;

    public OutboxHealthIndicator(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public Health health() {
        return relay.failingSince()
                .map(since -> Health.up().withDetail("publishing", "held back").withDetail("since", since.toString())
                        .withDetail("reason", relay.lastFailure()).build())
                .orElseGet(() -> Health.up().withDetail("publishing", "keeping up").build());
    }
}
