package io.filament.schema.desired;

import java.util.Objects;

/**
 * A part of a record value that is already canonical JSON, written by {@link CanonicalJson#fragment}. A value
 * kept for many records (a network's ACL entries, cached while its policies stay the same) is kept this way: one
 * string instead of a tree of maps, copied into each record's bytes as it is.
 */
public record JsonFragment(String json) {

    public JsonFragment {
        Objects.requireNonNull(json, "json");
    }
}
