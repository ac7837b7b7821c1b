package io.filament.contracts.net;

import io.filament.contracts.InvalidValueException;
import io.filament.contracts.UnsignedDecimal;

/** Dotted-quad IPv4 text: exactly four decimal octets 0–255 without leading zeros (no octal, no short forms). */
final class Ipv4Text {

    static final int MAX_LENGTH = 15;

    private Ipv4Text() {
    }

    /** Reads {@code text} (a part of {@code whole}) as a 32-bit address. */
    static long parse(String field, String whole, String text) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidValueException(field, whole, "IPv4 address is longer than " + MAX_LENGTH + " characters");
        }
        long value = 0;
        int start = 0;
        for (int octet = 0; octet < 4; octet++) {
            int end = text.indexOf('.', start);
            if (octet < 3 && end < 0) {
                throw new InvalidValueException(field, whole, "IPv4 address needs four dot-separated octets");
            }
            if (octet == 3) {
                if (end >= 0) {
                    throw new InvalidValueException(field, whole, "IPv4 address has more than four octets");
                }
                end = text.length();
            }
            String digits = text.substring(start, end);
            value = (value << 8) | UnsignedDecimal.parse(field, whole, digits, "IPv4 octet " + (octet + 1), 255);
            start = end + 1;
        }
        return value;
    }

    static String format(long value) {
        return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "."
                + (value & 0xFF);
    }
}
