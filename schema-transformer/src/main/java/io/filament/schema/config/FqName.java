package io.filament.schema.config;

import java.util.List;

/**
 * A fully qualified name, e.g. {@code default-domain:demo:red}; the identity of a config object. Immutable; the
 * colon-joined text is built once, as every index and derived record is keyed by it.
 */
public final class FqName implements Comparable<FqName> {

    private final List<String> parts;
    private final String text;

    public FqName(List<String> parts) {
        this.parts = List.copyOf(parts);
        if (this.parts.isEmpty()) {
            throw new ConfigRecordRejected("fq_name", "[]", "must name at least one element");
        }
        this.text = String.join(":", this.parts);
    }

    public static FqName of(String... parts) {
        return new FqName(List.of(parts));
    }

    public static FqName parse(String colonSeparated) {
        return new FqName(List.of(colonSeparated.split(":", -1)));
    }

    public List<String> parts() {
        return parts;
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
        return text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FqName that && parts.equals(that.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
