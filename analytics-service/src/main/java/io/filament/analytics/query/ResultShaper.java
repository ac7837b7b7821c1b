package io.filament.analytics.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the matching rows into the answer: filter, project or aggregate by group, sort, limit. Pure. */
final class ResultShaper {

    private ResultShaper() {
    }

    /** True if the row matches one of the AND-lists (or there are none). */
    static boolean matches(QueryTable table, List<List<WhereTerm>> orOfAnds, Map<String, Object> row) {
        if (orOfAnds.isEmpty()) {
            return true;
        }
        return orOfAnds.stream().anyMatch(and -> matchesAll(table, and, row));
    }

    static boolean matchesAll(QueryTable table, List<WhereTerm> and, Map<String, Object> row) {
        return and.stream().allMatch(t -> t.matches(row.get(t.name()), table.numeric(t.name())));
    }

    static List<Map<String, Object>> shape(QuerySpec spec, List<Map<String, Object>> rows) {
        List<Map<String, Object>> kept = rows.stream().filter(r -> matches(spec.table(), spec.filter(), r)).toList();
        List<Map<String, Object>> result = spec.aggregating() ? aggregate(spec, kept) : project(spec, kept);
        if (!spec.sortFields().isEmpty()) {
            Comparator<Map<String, Object>> order = null;
            for (String field : spec.sortFields()) {
                Comparator<Map<String, Object>> next = Comparator.comparing(r -> r.get(field), ResultShaper::compare);
                order = order == null ? next : order.thenComparing(next);
            }
            result = new ArrayList<>(result);
            result.sort(spec.descending() ? order.reversed() : order);
        }
        int limit = spec.limit().orElse(Integer.MAX_VALUE);
        return result.size() > limit ? result.subList(0, limit) : result;
    }

    private static List<Map<String, Object>> project(QuerySpec spec, List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> projected = new LinkedHashMap<>();
            spec.select().forEach(s -> projected.put(s.label(), row.get(s.column())));
            out.add(projected);
        }
        return out;
    }

    private static List<Map<String, Object>> aggregate(QuerySpec spec, List<Map<String, Object>> rows) {
        List<SelectField> keys = spec.select().stream().filter(s -> s.aggregate().isEmpty()).toList();
        Map<List<Object>, Map<String, Object>> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            List<Object> groupKey = keys.stream().map(k -> row.get(k.column())).toList();
            Map<String, Object> group = groups.computeIfAbsent(groupKey, k -> {
                Map<String, Object> g = new LinkedHashMap<>();
                keys.forEach(f -> g.put(f.label(), row.get(f.column())));
                return g;
            });
            for (SelectField field : spec.select()) {
                field.aggregate().ifPresent(a -> group.merge(field.label(), initial(a, row.get(field.column())),
                        (x, y) -> combine(a, (Number) x, (Number) y)));
            }
        }
        return new ArrayList<>(groups.values());
    }

    private static Number initial(SelectField.Aggregate aggregate, Object value) {
        return aggregate == SelectField.Aggregate.COUNT ? 1L : (Number) value;
    }

    private static Number combine(SelectField.Aggregate aggregate, Number a, Number b) {
        boolean integral = a instanceof Long && b instanceof Long;
        return switch (aggregate) {
            case SUM, COUNT -> integral ? (Number) (a.longValue() + b.longValue()) : a.doubleValue() + b.doubleValue();
            case MIN -> a.doubleValue() <= b.doubleValue() ? a : b;
            case MAX -> a.doubleValue() >= b.doubleValue() ? a : b;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return ((Comparable) a).compareTo(b);
    }
}
