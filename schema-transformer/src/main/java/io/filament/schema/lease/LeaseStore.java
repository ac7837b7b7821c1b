package io.filament.schema.lease;

import java.time.Duration;

/** A named lease with a time to live: at most one owner holds it at a time. */
public interface LeaseStore {

    /** Takes the lease if nobody holds it; true if {@code owner} holds it afterwards. */
    boolean tryAcquire(String owner, Duration ttl);

    /** Extends the lease if {@code owner} still holds it; false if it was lost. */
    boolean renew(String owner, Duration ttl);

    /** Gives the lease up if {@code owner} holds it. */
    void release(String owner);
}
