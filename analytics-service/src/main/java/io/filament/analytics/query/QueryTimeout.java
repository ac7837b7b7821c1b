package io.filament.analytics.query;

import java.time.Duration;

/** How long a synchronous query may take. */
public record QueryTimeout(Duration value) {
}
