package io.filament.analytics.query;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/** Checks a query body of TF's shape and turns it into a {@link QuerySpec}; every rejection names its field. */
public final class QueryParser {

    private static final Pattern AGGREGATE = Pattern.compile("(SUM|COUNT|MIN|MAX)\\((.+)\\)");
    private static final Set<String> KNOWN = Set.of("table", "start_time", "end_time", "select_fields", "where",
            "filter", "sort_fields", "sort", "limit", "dir");

    private final Clock clock;

    public QueryParser(Clock clock) {
        this.clock = clock;
    }

    public QuerySpec parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new QueryRejected("body", body, "must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!KNOWN.contains(field.getKey())) {
                throw new QueryRejected(field.getKey(), field.getValue(), "not a query field");
            }
        }
        JsonNode tableNode = body.get("table");
        if (tableNode == null || !tableNode.isString()) {
            throw new QueryRejected("table", tableNode, "required: a table name");
        }
        QueryTable table = QueryTable.byName(tableNode.stringValue())
                .orElseThrow(() -> new QueryRejected("table", tableNode.stringValue(), "unknown table"));
        long start = TimeExpression.micros("start_time", body.get("start_time"), clock);
        long end = TimeExpression.micros("end_time", body.get("end_time"), clock);
        if (end < start) {
            throw new QueryRejected("end_time", end, "earlier than start_time " + start);
        }
        List<SelectField> select = select(table, body.get("select_fields"));
        List<List<WhereTerm>> where = terms("where", table, body.get("where"));
        requireEntryPoint(table, where);
        List<List<WhereTerm>> filter = terms("filter", table, body.get("filter"));
        List<String> sortFields = sortFields(select, body.get("sort_fields"));
        boolean descending = sortOrder(body.get("sort"));
        return new QuerySpec(table, start, end, select, where, filter, sortFields, descending, limit(body.get("limit")));
    }

    private static List<SelectField> select(QueryTable table, JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new QueryRejected("select_fields", node, "required: a non-empty list of columns");
        }
        List<SelectField> fields = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "select_fields[" + i + "]";
            JsonNode entry = node.get(i);
            if (!entry.isString()) {
                throw new QueryRejected(path, entry, "must be a column name or SUM|COUNT|MIN|MAX(column)");
            }
            String text = entry.stringValue();
            Matcher m = AGGREGATE.matcher(text);
            String column = m.matches() ? m.group(2) : text;
            Optional<SelectField.Aggregate> aggregate = m.matches()
                    ? Optional.of(SelectField.Aggregate.valueOf(m.group(1))) : Optional.empty();
            requireColumn(table, path, column);
            if (aggregate.isPresent() && aggregate.get() != SelectField.Aggregate.COUNT && !table.numeric(column)) {
                throw new QueryRejected(path, text, aggregate.get() + " needs a numeric column");
            }
            fields.add(new SelectField(text, column, aggregate));
        }
        return fields;
    }

    private static List<List<WhereTerm>> terms(String field, QueryTable table, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new QueryRejected(field, node, "must be a list of AND-lists of {name, value, op}");
        }
        List<List<WhereTerm>> or = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode andNode = node.get(i);
            if (!andNode.isArray() || andNode.isEmpty()) {
                throw new QueryRejected(field + "[" + i + "]", andNode, "must be a non-empty list of {name, value, op}");
            }
            List<WhereTerm> and = new ArrayList<>();
            for (int j = 0; j < andNode.size(); j++) {
                and.add(term(field + "[" + i + "][" + j + "]", table, andNode.get(j)));
            }
            or.add(and);
        }
        return or;
    }

    private static WhereTerm term(String path, QueryTable table, JsonNode node) {
        if (!node.isObject()) {
            throw new QueryRejected(path, node, "must be {name, value, op}");
        }
        JsonNode name = node.get("name");
        if (name == null || !name.isString()) {
            throw new QueryRejected(path + ".name", name, "required: a column name");
        }
        requireColumn(table, path + ".name", name.stringValue());
        Operator op = operator(path + ".op", node.get("op"));
        boolean numeric = table.numeric(name.stringValue());
        if (op == Operator.PREFIX && numeric) {
            throw new QueryRejected(path + ".op", node.get("op"), "PREFIX needs a string column");
        }
        String value = value(path + ".value", node.get("value"), numeric);
        Optional<String> value2 = Optional.empty();
        if (op == Operator.IN_RANGE) {
            value2 = Optional.of(value(path + ".value2", node.get("value2"), numeric));
        }
        return new WhereTerm(path, name.stringValue(), op, value, value2);
    }

    private static Operator operator(String path, JsonNode node) {
        Optional<Operator> op = Optional.empty();
        if (node != null && node.isIntegralNumber()) {
            op = Operator.byCode(node.intValue());
        } else if (node != null && node.isString()) {
            op = Operator.byName(node.stringValue());
        }
        return op.orElseThrow(() -> new QueryRejected(path, node,
                "must be 1 EQUAL, 2 NOT_EQUAL, 3 IN_RANGE, 5 LEQ, 6 GEQ or 7 PREFIX"));
    }

    private static String value(String path, JsonNode node, boolean numeric) {
        if (node == null || !(node.isString() || node.isNumber())) {
            throw new QueryRejected(path, node, "required: a string or a number");
        }
        String text = node.isString() ? node.stringValue() : node.numberValue().toString();
        if (numeric) {
            try {
                Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new QueryRejected(path, text, "the column is numeric");
            }
        }
        return text;
    }

    /** Every AND-term must say which partition to read: TF's tables are indexed the same way. */
    private static void requireEntryPoint(QueryTable table, List<List<WhereTerm>> where) {
        List<String> keys = switch (table) {
            case QueryTable.Flows f -> List.of("sourcevn", "destvn", "vrouter");
            case QueryTable.Objects o -> List.of("ObjectId");
            case QueryTable.Stats s -> List.of();
        };
        if (keys.isEmpty()) {
            return;
        }
        if (where.isEmpty()) {
            throw new QueryRejected("where", "missing", "required for " + table.name() + ": an EQUAL term on one of " + keys);
        }
        for (int i = 0; i < where.size(); i++) {
            boolean indexed = where.get(i).stream().anyMatch(t -> t.op() == Operator.EQUAL && keys.contains(t.name()));
            if (!indexed) {
                throw new QueryRejected("where[" + i + "]", "no EQUAL term on " + keys,
                        "each AND-list needs an EQUAL term on one of " + keys);
            }
        }
    }

    private static List<String> sortFields(List<SelectField> select, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new QueryRejected("sort_fields", node, "must be a list of selected fields");
        }
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (!entry.isString() || select.stream().noneMatch(s -> s.label().equals(entry.stringValue()))) {
                throw new QueryRejected("sort_fields[" + i + "]", entry, "must be one of select_fields");
            }
            fields.add(entry.stringValue());
        }
        return fields;
    }

    private static boolean sortOrder(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isIntegralNumber() && (node.intValue() == 1 || node.intValue() == 2)) {
            return node.intValue() == 2;
        }
        throw new QueryRejected("sort", node, "must be 1 (ascending) or 2 (descending)");
    }

    private static OptionalInt limit(JsonNode node) {
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new QueryRejected("limit", node, "must be a positive integer");
        }
        return OptionalInt.of(node.intValue());
    }

    private static void requireColumn(QueryTable table, String path, String column) {
        if (!table.columns().contains(column)) {
            throw new QueryRejected(path, column, "not a column of " + table.name() + " " + table.columns());
        }
    }
}
