package io.filament.analytics.query;

import java.util.Optional;

/**
 * One match of a where clause.
 *
 * @param path   JSON path of the term in the request, for error messages
 * @param value  the value as text; numeric columns compare it as a number
 * @param value2 upper bound of {@link Operator#IN_RANGE}
 */
public record WhereTerm(String path, String name, Operator op, String value, Optional<String> value2) {

    boolean matches(Object actual, boolean numeric) {
        if (actual == null) {
            return false;
        }
        if (numeric) {
            double a = ((Number) actual).doubleValue();
            double v = Double.parseDouble(value);
            return switch (op) {
                case EQUAL -> a == v;
                case NOT_EQUAL -> a != v;
                case IN_RANGE -> a >= v && a <= Double.parseDouble(value2.orElseThrow());
                case LEQ -> a <= v;
                case GEQ -> a >= v;
                case PREFIX -> String.valueOf(actual).startsWith(value);
            };
        }
        String a = actual.toString();
        return switch (op) {
            case EQUAL -> a.equals(value);
            case NOT_EQUAL -> !a.equals(value);
            case IN_RANGE -> a.compareTo(value) >= 0 && a.compareTo(value2.orElseThrow()) <= 0;
            case LEQ -> a.compareTo(value) <= 0;
            case GEQ -> a.compareTo(value) >= 0;
            case PREFIX -> a.startsWith(value);
        };
    }
}
