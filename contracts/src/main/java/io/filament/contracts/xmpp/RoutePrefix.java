package io.filament.contracts.xmpp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 prefix as carried in {@code <nlri><address>} and in item ids ({@code 10.1.1.3/32}).
 * The host bits beyond the length are cleared so that equal prefixes compare equal.
 */
public record RoutePrefix(byte[] address, int length) implements Comparable<RoutePrefix> {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public RoutePrefix {
        if (address.length != 4 && address.length != 16) {
            throw new XmppPayloadException("prefix", Arrays.toString(address), "address must be 4 or 16 bytes");
        }
        if (length < 0 || length > address.length * 8) {
            throw new XmppPayloadException("prefix", String.valueOf(length), "length out of range");
        }
        address = masked(address, length);
    }

    /** Parses {@code a.b.c.d/len} or {@code v6/len}. */
    public static RoutePrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new XmppPayloadException("prefix", text, "missing '/<length>'");
        }
        byte[] bytes = parseAddress("prefix", text.substring(0, slash)).getAddress();
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new XmppPayloadException("prefix", text, "length is not a number");
        }
        if (length < 0 || length > bytes.length * 8) {
            throw new XmppPayloadException("prefix", text, "length out of range");
        }
        return new RoutePrefix(bytes, length);
    }

    /**
     * Parses a literal IPv4 or IPv6 address without any name lookup; {@code field} names the element in errors.
     */
    public static InetAddress parseAddress(String field, String text) {
        String t = text.strip();
        try {
            if (IPV4.matcher(t).matches()) {
                byte[] b = new byte[4];
                String[] parts = t.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(parts[i]);
                    if (v > 255) {
                        throw new XmppPayloadException(field, text, "octet out of range");
                    }
                    b[i] = (byte) v;
                }
                return InetAddress.getByAddress(b);
            }
            if (t.indexOf(':') >= 0 && IPV6.matcher(t).matches()) {
                InetAddress a = InetAddress.ofLiteral(t);
                if (a instanceof Inet6Address || a instanceof Inet4Address) {
                    return a;
                }
            }
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            if (e instanceof XmppPayloadException x) {
                throw x;
            }
            throw new XmppPayloadException(field, text, "not an IP address");
        }
        throw new XmppPayloadException(field, text, "not an IP address");
    }

    public boolean isIpv4() {
        return address.length == 4;
    }

    public InetAddress inetAddress() {
        try {
            return InetAddress.getByAddress(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("address length checked in constructor", e);
        }
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutePrefix p && p.length == length && Arrays.equals(p.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + length;
    }

    @Override
    public int compareTo(RoutePrefix o) {
        int c = Integer.compare(address.length, o.address.length);
        if (c != 0) {
            return c;
        }
        c = Arrays.compareUnsigned(address, o.address);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() {
        return formatAddress(address) + "/" + length;
    }

    /** Formats an address the way TF prints it: dotted quad, or RFC 5952 compressed IPv6. */
    public static String formatAddress(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && a[2 * j] == 0 && a[2 * j + 1] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff)));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    private static byte[] masked(byte[] in, int length) {
        byte[] out = in.clone();
        for (int bit = length; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }
}
