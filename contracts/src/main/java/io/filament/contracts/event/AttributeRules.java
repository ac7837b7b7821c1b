package io.filament.contracts.event;

import io.filament.contracts.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.regex.Pattern;

/** The value rules of the CloudEvents attributes (CloudEvents 1.0 §3.1 type system, §3.1.1 required attributes). */
final class AttributeRules {

    /** {@code type "/" subtype} with RFC 7230 token characters, optionally followed by parameters. */
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+/[A-Za-z0-9!#$%&'*+.^_`|~-]+(\\s*;.*)?");
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toFormatter();

    private AttributeRules() {
    }

    static void check(EventAttribute attribute, String value) {
        String name = attribute.attributeName();
        if (value == null) {
            throw new InvalidValueException(name, null, "required CloudEvents attribute is missing");
        }
        if (value.isEmpty()) {
            throw new InvalidValueException(name, value, "must not be empty");
        }
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (Character.isISOControl(codePoint)) {
                throw new InvalidValueException(name, value, "contains a control character");
            }
            if (Character.getType(codePoint) == Character.SURROGATE) {
                throw new InvalidValueException(name, value, "contains an unpaired surrogate, which UTF-8 cannot carry");
            }
            i += Character.charCount(codePoint);
        }
        switch (attribute) {
            case SOURCE -> checkUriReference(value);
            case SPECVERSION -> {
                if (!EventEnvelope.SPEC_VERSION.equals(value)) {
                    throw new InvalidValueException(name, value, "only CloudEvents " + EventEnvelope.SPEC_VERSION
                            + " is supported");
                }
            }
            case DATACONTENTTYPE -> {
                if (!MEDIA_TYPE.matcher(value).matches()) {
                    throw new InvalidValueException(name, value, "not a media type (type/subtype)");
                }
            }
            default -> {
            }
        }
    }

    static void checkTime(Instant time) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new InvalidValueException(EventAttribute.TIME.attributeName(), time.toString(),
                    "outside the years 0000-9999 that RFC 3339 can write");
        }
    }

    static Instant parseTime(String text) {
        try {
            return RFC_3339.parse(text, OffsetDateTime::from).toInstant();
        } catch (DateTimeException e) {
            InvalidValueException invalid = new InvalidValueException(EventAttribute.TIME.attributeName(), text,
                    "not an RFC 3339 timestamp");
            invalid.initCause(e);
            throw invalid;
        }
    }

    static String formatTime(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time);
    }

    private static void checkUriReference(String value) {
        try {
            new URI(value);
        } catch (URISyntaxException e) {
            InvalidValueException invalid = new InvalidValueException(EventAttribute.SOURCE.attributeName(), value,
                    "not a URI reference: " + e.getReason());
            invalid.initCause(e);
            throw invalid;
        }
    }
}
