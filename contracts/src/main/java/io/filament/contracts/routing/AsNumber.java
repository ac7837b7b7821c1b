package io.filament.contracts.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.filament.contracts.InvalidValueException;
import io.filament.contracts.UnsignedDecimal;

/**
 * A BGP autonomous system number, 2-byte (RFC 4271) or 4-byte (RFC 6793), 0–4294967295. Text is the plain
 * decimal number ("asplain", RFC 5396); the JSON form is a number, as TF writes {@code autonomous_system}.
 *
 * @param value the AS number
 */
public record AsNumber(long value) implements Comparable<AsNumber> {

    static final String FIELD = "as_number";

    /** Largest 2-byte AS number. */
    public static final long MAX_TWO_BYTE = 0xFFFFL;
    /** Largest 4-byte AS number. */
    public static final long MAX_FOUR_BYTE = 0xFFFF_FFFFL;
    /** AS_TRANS (RFC 6793): stands in for a 4-byte AS number towards 2-byte-only speakers. */
    public static final AsNumber AS_TRANS = new AsNumber(23456);
    /** The AS number Tungsten Fabric configures in {@code global-system-config} unless told otherwise. */
    public static final AsNumber TF_DEFAULT = new AsNumber(64512);

    public AsNumber {
        if (value < 0 || value > MAX_FOUR_BYTE) {
            throw new InvalidValueException(FIELD, Long.toString(value), "AS number is outside 0.." + MAX_FOUR_BYTE);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AsNumber of(long value) {
        return new AsNumber(value);
    }

    /**
     * Reads a decimal AS number.
     *
     * @throws InvalidValueException naming {@code as_number} and the text when it is not a decimal number
     *     in range
     */
    public static AsNumber parse(String text) {
        if (text == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        return new AsNumber(UnsignedDecimal.parse(FIELD, text, text, "AS number", MAX_FOUR_BYTE));
    }

    /** Whether the number fits the 2-byte AS field of RFC 4271. */
    public boolean isTwoByte() {
        return value <= MAX_TWO_BYTE;
    }

    @JsonValue
    @Override
    public long value() {
        return value;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }

    @Override
    public int compareTo(AsNumber other) {
        return Long.compare(value, other.value);
    }
}
