package io.filament.contracts;

/**
 * Strict reader for the unsigned decimal numbers inside textual values (prefix lengths, AS numbers, route
 * target numbers, labels): ASCII digits only, no sign, no leading zero, no surrounding space, bounded.
 * The reading is exact, so {@code Long.toString(n)} of every accepted number gives back the same text.
 */
public final class UnsignedDecimal {

    /** Largest bound accepted, so that the digit-by-digit reading cannot overflow. */
    public static final long MAX_BOUND = Long.MAX_VALUE / 10 - 9;

    private UnsignedDecimal() {
    }

    /**
     * Reads {@code digits}, a part of {@code whole}, as a number in {@code [0, max]}.
     *
     * @param field what the whole value is, for the error message
     * @param whole the complete input, quoted in the error message
     * @param digits the part that must be a number
     * @param what the name of that part, e.g. {@code "prefix length"}
     * @param max the largest allowed number, at most {@link #MAX_BOUND}
     * @throws InvalidValueException when the part is empty, not all ASCII digits, has a leading zero, or
     *     is larger than {@code max}
     */
    public static long parse(String field, String whole, String digits, String what, long max) {
        if (max < 0 || max > MAX_BOUND) {
            throw new IllegalArgumentException("max must be in [0, " + MAX_BOUND + "], got " + max);
        }
        if (digits.isEmpty()) {
            throw new InvalidValueException(field, whole, what + " is empty");
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw new InvalidValueException(field, whole, what + " \"" + digits + "\" has a leading zero");
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidValueException(field, whole, what + " is not a decimal number");
            }
            value = value * 10 + (c - '0');
            if (value > max) {
                throw new InvalidValueException(field, whole, what + " " + clip(digits) + " exceeds " + max);
            }
        }
        return value;
    }

    private static String clip(String digits) {
        return digits.length() <= 24 ? digits : digits.substring(0, 24) + "…";
    }
}
