package io.filament.control.status;

import java.util.concurrent.atomic.AtomicLong;

/** Node-wide monotonic counters, incremented by every agent peer; exported as Prometheus counters. */
public final class ControlNodeCounters {

    public final AtomicLong routeItemsSent = new AtomicLong();
    public final AtomicLong routeRetractsSent = new AtomicLong();
    public final AtomicLong updateMessagesSent = new AtomicLong();
    public final AtomicLong routesReceived = new AtomicLong();
    public final AtomicLong itemsRejected = new AtomicLong();
    public final AtomicLong configObjectsPushed = new AtomicLong();
    public final AtomicLong sessionsEstablished = new AtomicLong();
}
