package io.filament.contracts.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.filament.contracts.InvalidValueException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address.
 *
 * <p>The address is held as a 128-bit number in two longs; an IPv4 address uses only the low 32 bits of
 * {@code low}. Text is dotted-quad for IPv4 and RFC 5952 for IPv6 (see {@link #parse}); the JSON form is
 * the canonical text. Parsing never consults DNS. Addresses order by family, then numerically.
 *
 * @param family the address family
 * @param high   the upper 64 bits (always 0 for IPv4)
 * @param low    the lower 64 bits (for IPv4, the address in the low 32 bits)
 */
public record IpAddress(IpFamily family, long high, long low) implements Comparable<IpAddress> {

    static final String FIELD = "ip_address";

    public IpAddress {
        Objects.requireNonNull(family, "family");
        if (family == IpFamily.IPV4 && (high != 0 || (low >>> 32) != 0)) {
            throw new InvalidValueException(FIELD, Long.toHexString(high) + ":" + Long.toHexString(low),
                    "IPv4 address must fit in 32 bits");
        }
    }

    /**
     * Reads an address: dotted-quad IPv4 ({@code 10.0.0.1}, four decimal octets, no leading zeros) or IPv6
     * in any RFC 4291 text form ({@code 2001:db8::1}, {@code ::ffff:10.0.0.1}).
     *
     * @throws InvalidValueException naming {@code ip_address} and the text when it is not an address
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static IpAddress parse(String text) {
        return parse(FIELD, text, text);
    }

    static IpAddress parse(String field, String whole, String text) {
        if (text == null) {
            throw new InvalidValueException(field, null, "value is required");
        }
        if (text.indexOf(':') >= 0) {
            return Ipv6Text.parse(field, whole, text);
        }
        if (text.indexOf('.') >= 0) {
            return ipv4(Ipv4Text.parse(field, whole, text));
        }
        throw new InvalidValueException(field, whole, "not an IPv4 or IPv6 address");
    }

    /** The IPv4 address whose 32-bit value is {@code value} (e.g. {@code 0x0a000001L} for 10.0.0.1). */
    public static IpAddress ipv4(long value) {
        return new IpAddress(IpFamily.IPV4, 0, value);
    }

    /** The IPv6 address with the given upper and lower 64 bits. */
    public static IpAddress ipv6(long high, long low) {
        return new IpAddress(IpFamily.IPV6, high, low);
    }

    /**
     * Reads 4 bytes as IPv4 or 16 bytes as IPv6, in network byte order.
     *
     * @throws InvalidValueException when the array has another length
     */
    public static IpAddress fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        if (bytes.length == 4) {
            return ipv4(readLong(bytes, 0, 4));
        }
        if (bytes.length == 16) {
            return ipv6(readLong(bytes, 0, 8), readLong(bytes, 8, 8));
        }
        throw new InvalidValueException(FIELD, HexFormat.of().formatHex(bytes),
                "expected 4 or 16 bytes, got " + bytes.length);
    }

    /** The address of a JDK {@link InetAddress} (no lookup; IPv6 scope ids are dropped). */
    public static IpAddress of(InetAddress address) {
        return fromBytes(address.getAddress());
    }

    /** The address in network byte order: 4 bytes for IPv4, 16 for IPv6. */
    public byte[] toBytes() {
        byte[] out = new byte[family.bytes()];
        if (family == IpFamily.IPV4) {
            writeLong(out, 0, 4, low);
        } else {
            writeLong(out, 0, 8, high);
            writeLong(out, 8, 8, low);
        }
        return out;
    }

    /** This address as a JDK {@link InetAddress}, built from the bytes without any lookup. */
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 or 16 bytes are always a valid address", impossible);
        }
    }

    public boolean isIpv4() {
        return family == IpFamily.IPV4;
    }

    public boolean isIpv6() {
        return family == IpFamily.IPV6;
    }

    /** For IPv4, the address as an unsigned 32-bit value. */
    public long ipv4Value() {
        if (!isIpv4()) {
            throw new IllegalStateException(this + " is not an IPv4 address");
        }
        return low;
    }

    /** Canonical text: dotted quad for IPv4, RFC 5952 for IPv6. */
    @JsonValue
    @Override
    public String toString() {
        return isIpv4() ? Ipv4Text.format(low) : Ipv6Text.format(high, low);
    }

    @Override
    public int compareTo(IpAddress other) {
        int byFamily = family.compareTo(other.family);
        if (byFamily != 0) {
            return byFamily;
        }
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    private static long readLong(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }

    private static void writeLong(byte[] out, int offset, int length, long value) {
        for (int i = offset + length - 1; i >= offset; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
    }
}
