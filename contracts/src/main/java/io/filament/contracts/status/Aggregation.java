package io.filament.contracts.status;

import java.util.Arrays;
import java.util.Optional;

/**
 * How contributions of several sources to one UVE attribute combine, TF's sandesh {@code aggtype}. An
 * attribute without a declaration is {@link #UNION} when it is a JSON array and {@link #LATEST} otherwise.
 */
public enum Aggregation {
    /** Lists: every distinct element of every source, sources in name order. */
    UNION("union"),
    /** Lists: every element of every source, duplicates kept. */
    APPEND("append"),
    /** Counters: numbers added; objects added key by key. */
    SUM("sum"),
    /** Scalars: the value of the source whose record is newest. */
    LATEST("latest");

    private final String wireName;

    Aggregation(String wireName) {
        this.wireName = wireName;
    }

    /** The name in a record's {@code aggtype} object. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Aggregation> byWireName(String name) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
    }
}
