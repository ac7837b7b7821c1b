package io.filament.analytics.query;

import java.util.List;
import java.util.OptionalInt;

/**
 * A checked query.
 *
 * @param startTime  microseconds since the epoch, inclusive
 * @param endTime    microseconds since the epoch, inclusive
 * @param where      OR of AND-terms; empty = everything in the time range
 * @param filter     OR of AND-terms applied after {@code where}; empty = none
 * @param descending sort order of {@code sortFields}
 */
public record QuerySpec(QueryTable table, long startTime, long endTime, List<SelectField> select,
                        List<List<WhereTerm>> where, List<List<WhereTerm>> filter, List<String> sortFields,
                        boolean descending, OptionalInt limit) {

    public QuerySpec {
        select = List.copyOf(select);
        where = where.stream().map(List::copyOf).toList();
        filter = filter.stream().map(List::copyOf).toList();
        sortFields = List.copyOf(sortFields);
    }

    public boolean aggregating() {
        return select.stream().anyMatch(s -> s.aggregate().isPresent());
    }
}
