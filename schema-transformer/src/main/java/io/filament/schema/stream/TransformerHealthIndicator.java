package io.filament.schema.stream;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Reports the instance's role (active or standby) and, when active, how many desired records it holds. */
final class TransformerHealthIndicator implements HealthIndicator {

    private final ProjectionEngine engine;
    private final ActiveStandbyCoordinator coordinator;

    TransformerHealthIndicator(ProjectionEngine engine, ActiveStandbyCoordinator coordinator) {
        this.engine = engine;
        this.coordinator = coordinator;
    }

    @Override
    public Health health() {
        boolean active = coordinator.isLeader() && engine.isActive();
        return Health.up()
                .withDetail("role", active ? "active" : "standby")
                .withDetail("owner", coordinator.owner())
                .withDetail("desiredRecords", engine.desiredRecordCount())
                .build();
    }
}
