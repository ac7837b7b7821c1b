package io.filament.analytics.ingest;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Readiness contribution {@code analyticsIngest}: consumers running, UVE view loaded, storage writable. */
public final class IngestHealth implements HealthIndicator {

    private final IngestLifecycle ingest;

    public IngestHealth(IngestLifecycle ingest) {
        this.ingest = ingest;
    }

    @Override
    public Health health() {
        return ingest.ready() ? Health.up().build()
                : Health.outOfService().withDetail("reason", "consumers starting, catching up or storage failing").build();
    }
}
