package io.filament.analytics.flow;

/**
 * Recognises an IPv4 address written in canonical dotted-quad form (no leading zeros, each part 0–255), the
 * form that turns into four bytes and back into the same text. Anything else stays text in the stored blob.
 */
final class Ipv4Text {

    /** Returned for text that is not a canonical dotted quad. */
    static final long NOT_CANONICAL = -1;

    private Ipv4Text() {
    }

    /** The address as an unsigned 32-bit value, or {@link #NOT_CANONICAL}. */
    static long parse(String text) {
        int length = text.length();
        if (length < 7 || length > 15) {
            return NOT_CANONICAL;
        }
        long address = 0;
        int parts = 0;
        int i = 0;
        while (i <= length && parts < 4) {
            int start = i;
            int part = 0;
            while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                part = part * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || part > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return NOT_CANONICAL;
            }
            address = (address << 8) | part;
            parts++;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != '.' || parts == 4) {
                return NOT_CANONICAL;
            }
            i++;
        }
        return parts == 4 && i == length ? address : NOT_CANONICAL;
    }
}
