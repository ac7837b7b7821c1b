package io.filament.contracts.net;

import io.filament.contracts.InvalidValueException;

/**
 * IPv6 text as RFC 4291 §2.2 allows it on input (hex groups, one {@code ::}, a trailing dotted IPv4 part) and
 * as RFC 5952 prescribes it on output (lower case, no leading zeros, the longest run of two or more zero
 * groups compressed, the first run on a tie). IPv4-mapped addresses ({@code ::ffff:0:0/96}) are written in
 * the mixed form {@code ::ffff:192.0.2.1} (RFC 5952 §5). Zone indices ({@code %eth0}) are not addresses and
 * are rejected.
 */
final class Ipv6Text {

    static final int MAX_LENGTH = 45;

    private Ipv6Text() {
    }

    /** Reads {@code text} (a part of {@code whole}) as a 128-bit address. */
    static IpAddress parse(String field, String whole, String text) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidValueException(field, whole, "IPv6 address is longer than " + MAX_LENGTH + " characters");
        }
        int[] groups = new int[8];
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new InvalidValueException(field, whole, "IPv6 address has more than one \"::\"");
        }
        if (gap < 0) {
            int count = readGroups(field, whole, text, groups, true);
            if (count != 8) {
                throw new InvalidValueException(field, whole, "IPv6 address needs 8 groups without \"::\", has " + count);
            }
        } else {
            int[] tail = new int[8];
            int head = gap == 0 ? 0 : readGroups(field, whole, text.substring(0, gap), groups, false);
            String rest = text.substring(gap + 2);
            int tailCount = rest.isEmpty() ? 0 : readGroups(field, whole, rest, tail, true);
            if (head + tailCount > 7) {
                throw new InvalidValueException(field, whole, "IPv6 address has too many groups around \"::\"");
            }
            System.arraycopy(tail, 0, groups, 8 - tailCount, tailCount);
        }
        return toAddress(groups);
    }

    private static IpAddress toAddress(int[] groups) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | groups[i];
            low = (low << 16) | groups[i + 4];
        }
        return new IpAddress(IpFamily.IPV6, high, low);
    }

    /** Reads colon-separated groups into {@code out}; a dotted IPv4 tail counts as two groups. */
    private static int readGroups(String field, String whole, String text, int[] out, boolean mayEndInIpv4) {
        int count = 0;
        int start = 0;
        while (true) {
            int end = text.indexOf(':', start);
            String group = end < 0 ? text.substring(start) : text.substring(start, end);
            if (end < 0 && mayEndInIpv4 && group.indexOf('.') >= 0) {
                if (count > 6) {
                    throw new InvalidValueException(field, whole, "IPv6 address has too many groups");
                }
                long v4 = Ipv4Text.parse(field, whole, group);
                out[count++] = (int) (v4 >>> 16);
                out[count++] = (int) (v4 & 0xFFFF);
                return count;
            }
            if (count == 8) {
                throw new InvalidValueException(field, whole, "IPv6 address has more than 8 groups");
            }
            out[count++] = hexGroup(field, whole, group);
            if (end < 0) {
                return count;
            }
            start = end + 1;
        }
    }

    private static int hexGroup(String field, String whole, String group) {
        if (group.isEmpty() || group.length() > 4) {
            throw new InvalidValueException(field, whole, "IPv6 group \"" + group + "\" must have 1 to 4 hex digits");
        }
        int value = 0;
        for (int i = 0; i < group.length(); i++) {
            int digit = Character.digit(group.charAt(i), 16);
            if (digit < 0 || group.charAt(i) > 'f') {
                throw new InvalidValueException(field, whole, "IPv6 group \"" + group + "\" is not hexadecimal");
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    static String format(long high, long low) {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        if (high == 0 && (low >>> 32) == 0xFFFFL) {
            return "::ffff:" + Ipv4Text.format(low & 0xFFFFFFFFL);
        }
        int[] run = longestZeroRun(groups);
        int bestStart = run[0];
        int bestLength = run[1];
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Start and length of the first longest run of at least two zero groups; start -1 when there is none. */
    private static int[] longestZeroRun(int[] groups) {
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
        return new int[] {bestStart, bestLength};
    }
}
