package io.filament.analytics.query;

import java.time.Clock;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/** TF's query times: microseconds since the epoch (number or digits), or {@code now}, {@code now-10m}, {@code now+1h}. */
final class TimeExpression {

    private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d{1,9})([smhd]))?");

    private TimeExpression() {
    }

    static long micros(String field, JsonNode node, Clock clock) {
        if (node == null || node.isNull()) {
            throw new QueryRejected(field, "missing", "required: microseconds since the epoch or now[-<n><s|m|h|d>]");
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
            return node.longValue();
        }
        if (node.isString()) {
            String text = node.stringValue().trim();
            if (text.matches("\\d{1,19}")) {
                return Long.parseLong(text);
            }
            Matcher m = RELATIVE.matcher(text);
            if (m.matches()) {
                long now = nowMicros(clock);
                if (m.group(1) == null) {
                    return now;
                }
                long offset = Long.parseLong(m.group(2)) * unitMicros(m.group(3));
                return m.group(1).equals("-") ? now - offset : now + offset;
            }
        }
        throw new QueryRejected(field, node, "must be microseconds since the epoch or now[-<n><s|m|h|d>]");
    }

    private static long unitMicros(String unit) {
        return switch (unit) {
            case "s" -> 1_000_000L;
            case "m" -> 60_000_000L;
            case "h" -> 3_600_000_000L;
            default -> 86_400_000_000L;
        };
    }

    static long nowMicros(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
