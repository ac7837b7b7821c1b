package io.filament.configapi.ipam;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as an unsigned integer of 32 or 128 bits, so that subnet arithmetic is plain integer
 * arithmetic. Text form follows TF (dotted quad; RFC 5952 compressed IPv6).
 */
public record IpAddress(BigInteger value, int bits) implements Comparable<IpAddress> {

    public IpAddress {
        if (bits != 32 && bits != 128) {
            throw new IllegalArgumentException("address width must be 32 or 128 bits, was " + bits);
        }
        if (value.signum() < 0 || value.bitLength() > bits) {
            throw new IllegalArgumentException("value " + value + " does not fit " + bits + " bits");
        }
    }

    /** Parses a literal address; empty for anything that is not one (host names are never resolved). */
    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.indexOf('%') >= 0 || text.indexOf('/') >= 0) {
            return Optional.empty();
        }
        boolean v4Shape = text.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        if (!v4Shape && text.indexOf(':') < 0) {
            return Optional.empty();
        }
        if (v4Shape && !isStrictDottedQuad(text)) {
            return Optional.empty();
        }
        try {
            byte[] raw = InetAddress.ofLiteral(text).getAddress();
            return Optional.of(new IpAddress(new BigInteger(1, raw), raw.length * 8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isStrictDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    public boolean isV4() {
        return bits == 32;
    }

    /** {@code v4} or {@code v6}, as TF's {@code instance_ip_family}. */
    public String family() {
        return isV4() ? "v4" : "v6";
    }

    public IpAddress plus(long delta) {
        return new IpAddress(value.add(BigInteger.valueOf(delta)), bits);
    }

    @Override
    public int compareTo(IpAddress other) {
        int byWidth = Integer.compare(bits, other.bits);
        return byWidth != 0 ? byWidth : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return isV4() ? formatV4() : formatV6();
    }

    private String formatV4() {
        long v = value.longValue();
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run (≥ 2) of zero groups as {@code ::}. */
    private String formatV6() {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = value.shiftRight(112 - 16 * i).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
