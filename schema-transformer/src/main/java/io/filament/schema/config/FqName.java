package io.filament.schema.config;

import java.util.List;

/** A fully qualified name, e.g. {@code default-domain:demo:red}; the identity of a config object. */
public record FqName(List<String> parts) implements Comparable<FqName> {

    public FqName {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new ConfigRecordRejected("fq_name", "[]", "must name at least one element");
        }
    }

    public static FqName of(String... parts) {
        return new FqName(List.of(parts));
    }

    public static FqName parse(String colonSeparated) {
        return new FqName(List.of(colonSeparated.split(":", -1)));
    }

    public String name() {
        return parts.getLast();
    }

    /** The parent's name, or an empty string for a top-level object. */
    public String parent() {
        return String.join(":", parts.subList(0, parts.size() - 1));
    }

    public FqName child(String name) {
        var childParts = new java.util.ArrayList<>(parts);
        childParts.add(name);
        return new FqName(childParts);
    }

    @Override
    public int compareTo(FqName other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return String.join(":", parts);
    }
}
