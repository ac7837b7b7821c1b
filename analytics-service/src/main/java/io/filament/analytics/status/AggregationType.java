package io.filament.analytics.status;

import java.util.Arrays;
import java.util.Optional;

/**
 * How contributions of several sources to one UVE attribute combine, as in TF's sandesh {@code aggtype}.
 * Attributes without a declaration default to {@link #UNION} for lists and {@link #LATEST} otherwise.
 */
public enum AggregationType {
    /** Lists: every distinct element of every source, in source order. */
    UNION("union"),
    /** Lists: every element of every source, duplicates kept. */
    APPEND("append"),
    /** Counters: numbers added; objects added key by key. */
    SUM("sum"),
    /** Scalars: the value of the source that reported last. */
    LATEST("latest");

    private final String wireName;

    AggregationType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AggregationType> byWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
}
