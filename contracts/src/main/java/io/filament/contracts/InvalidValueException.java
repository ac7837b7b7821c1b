package io.filament.contracts;

import java.util.Optional;

/**
 * A value given as text, bytes or number does not satisfy the rules of its type.
 *
 * <p>The message always names the field and quotes the offending value, for example
 * {@code invalid ip_prefix "10.1.1.0/33": prefix length 33 exceeds 32}. The quoted value is escaped
 * (quotes, backslashes and control characters) and cut at {@value #MAX_QUOTED_LENGTH} characters so that
 * hostile input cannot flood a log line.
 */
public class InvalidValueException extends IllegalArgumentException {

    /** Longest part of the offending value repeated in a message. */
    public static final int MAX_QUOTED_LENGTH = 120;

    private final String field;
    private final String value;
    private final String reason;

    /**
     * @param field  the field or type name in snake case, e.g. {@code ip_prefix} or {@code ce_id}
     * @param value  the offending value as received; {@code null} when the value is missing
     * @param reason what is wrong, in words, without the value itself
     */
    public InvalidValueException(String field, String value, String reason) {
        super(message(field, value, reason));
        this.field = field;
        this.value = value;
        this.reason = reason;
    }

    /** The field or type name the value was given for. */
    public String field() {
        return field;
    }

    /** The offending value as received, empty when the value was missing. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** What is wrong with the value. */
    public String reason() {
        return reason;
    }

    /**
     * The same error reported for another field name, so that a caller validating a larger object can name
     * its own field (e.g. {@code subnet.ip_prefix}) instead of the value type.
     */
    public InvalidValueException forField(String otherField) {
        InvalidValueException renamed = new InvalidValueException(otherField, value, reason);
        renamed.initCause(this);
        return renamed;
    }

    private static String message(String field, String value, String reason) {
        if (value == null) {
            return "invalid " + field + " (missing): " + reason;
        }
        return "invalid " + field + " " + quote(value) + ": " + reason;
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_QUOTED_LENGTH) + 8).append('"');
        int limit = Math.min(value.length(), MAX_QUOTED_LENGTH);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (value.length() > limit) {
            out.append("\"… (").append(value.length()).append(" chars)");
            return out.toString();
        }
        return out.append('"').toString();
    }
}
