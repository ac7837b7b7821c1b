package io.filament.analytics.query;

import java.util.Optional;

/**
 * One entry of {@code select_fields}: a column, or an aggregate over one ({@code SUM(agg-bytes)}).
 *
 * @param label the text as requested; the result row uses it as the key
 */
public record SelectField(String label, String column, Optional<Aggregate> aggregate) {

    /** Aggregates TF's query engine offers. */
    public enum Aggregate {
        SUM, COUNT, MIN, MAX
    }
}
