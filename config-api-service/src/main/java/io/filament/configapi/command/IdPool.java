package io.filament.configapi.command;

/** Integer id spaces the API server allocates from, as TF's ZooKeeper id allocators. */
public enum IdPool {
    /** {@code virtual_network_network_id}: 1..2^24. */
    VIRTUAL_NETWORK_ID(1, 1L << 24),
    /** {@code security_group_id}: from 8,000,000 up to 2^32-1. */
    SECURITY_GROUP_ID(8_000_000, 4_294_967_295L);

    private final long first;
    private final long last;

    IdPool(long first, long last) {
        this.first = first;
        this.last = last;
    }

    public long first() {
        return first;
    }

    public long last() {
        return last;
    }
}
