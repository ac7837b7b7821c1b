package io.filament.contracts.net;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.filament.contracts.InvalidValueException;
import io.filament.contracts.UnsignedDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An IPv4 or IPv6 prefix (subnet) in CIDR form, {@code 10.1.1.0/24} or {@code 2001:db8::/32}.
 *
 * <p><b>Host bits are rejected, not normalised.</b> {@code 10.1.1.5/24} is an error naming the network
 * ({@code 10.1.1.0/24}) because in configuration such input is almost always a typo for either an address
 * or a different prefix, and silently changing it would hide that. Code that really wants the prefix
 * covering an address says so with {@link #covering(IpAddress, int)}. Hence {@link #network()} is always
 * the first address and every prefix has exactly one text form. The JSON form is the canonical text.
 *
 * @param network the first address of the prefix (all host bits zero)
 * @param length  the prefix length, 0–32 for IPv4 and 0–128 for IPv6
 */
public record IpPrefix(IpAddress network, int length) implements Comparable<IpPrefix> {

    static final String FIELD = "ip_prefix";

    public IpPrefix {
        Objects.requireNonNull(network, "network");
        int bits = network.family().bits();
        if (length < 0 || length > bits) {
            throw new InvalidValueException(FIELD, network + "/" + length,
                    "prefix length " + length + " is outside 0.." + bits);
        }
        IpAddress masked = mask(network, length);
        if (!masked.equals(network)) {
            throw new InvalidValueException(FIELD, network + "/" + length,
                    "host bits are set; the network is " + masked + "/" + length);
        }
    }

    /**
     * Reads {@code <address>/<length>}, e.g. {@code 10.1.1.0/24}, {@code 2001:db8::/32}, {@code ::/0}.
     *
     * @throws InvalidValueException naming {@code ip_prefix} and the text when the address or the length
     *     is malformed, the length is too large for the family, or host bits are set
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static IpPrefix parse(String text) {
        if (text == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new InvalidValueException(FIELD, text, "missing \"/<prefix length>\"");
        }
        IpAddress address = IpAddress.parse(FIELD, text, text.substring(0, slash));
        int bits = address.family().bits();
        int length = (int) UnsignedDecimal.parse(FIELD, text, text.substring(slash + 1), "prefix length", bits);
        IpAddress masked = mask(address, length);
        if (!masked.equals(address)) {
            throw new InvalidValueException(FIELD, text, "host bits are set; the network is " + masked + "/" + length);
        }
        return new IpPrefix(address, length);
    }

    /** The prefix {@code network/length}; host bits in {@code network} are an error (see the class doc). */
    public static IpPrefix of(IpAddress network, int length) {
        return new IpPrefix(network, length);
    }

    /** The prefix of the given length that contains {@code address}: host bits are cleared. */
    public static IpPrefix covering(IpAddress address, int length) {
        int bits = address.family().bits();
        if (length < 0 || length > bits) {
            throw new InvalidValueException(FIELD, address + "/" + length,
                    "prefix length " + length + " is outside 0.." + bits);
        }
        return new IpPrefix(mask(address, length), length);
    }

    /** The host prefix of an address: /32 for IPv4, /128 for IPv6. */
    public static IpPrefix host(IpAddress address) {
        return new IpPrefix(address, address.family().bits());
    }

    public IpFamily family() {
        return network.family();
    }

    /** Whether {@code address} lies inside this prefix (always false across families). Allocates nothing. */
    public boolean contains(IpAddress address) {
        IpFamily family = family();
        return address.family() == family
                && (address.high() & maskHigh(family, length)) == network.high()
                && (address.low() & maskLow(family, length)) == network.low();
    }

    /** Whether every address of {@code other} lies inside this prefix (a prefix contains itself). */
    public boolean contains(IpPrefix other) {
        return other.length >= length && contains(other.network);
    }

    /**
     * The IPv4 broadcast address: the last address of the prefix. For /31 and /32 that is simply the last
     * address (RFC 3021 point-to-point links have no broadcast); callers that care check the length.
     *
     * @throws IllegalStateException for IPv6, which has no broadcast
     */
    public IpAddress broadcast() {
        if (family() != IpFamily.IPV4) {
            throw new IllegalStateException("IPv6 prefix " + this + " has no broadcast address");
        }
        return lastAddress();
    }

    /** The last address of the prefix (all host bits one). */
    public IpAddress lastAddress() {
        IpFamily family = family();
        long hostHigh = family == IpFamily.IPV4 ? 0 : ~maskHigh(family, length);
        long hostLow = family == IpFamily.IPV4 ? ~maskLow(family, length) & 0xFFFFFFFFL : ~maskLow(family, length);
        return new IpAddress(family, network.high() | hostHigh, network.low() | hostLow);
    }

    /** The network mask as an address, e.g. {@code 255.255.255.0} for a /24. */
    public IpAddress netmask() {
        return new IpAddress(family(), maskHigh(family(), length), maskLow(family(), length));
    }

    /** How many addresses the prefix holds: 2^(bits − length). */
    public BigInteger addressCount() {
        return BigInteger.ONE.shiftLeft(family().bits() - length);
    }

    /**
     * The address {@code offset} places after the network address ({@code 0} is the network itself), as
     * address allocators count: {@code 10.1.1.0/24}.addressAt(1) is {@code 10.1.1.1}.
     *
     * @throws InvalidValueException when the offset is negative or outside the prefix
     */
    public IpAddress addressAt(long offset) {
        int hostBits = family().bits() - length;
        if (offset < 0 || (hostBits < 63 && offset >= (1L << hostBits))) {
            throw new InvalidValueException("offset", Long.toString(offset),
                    "outside " + this + " (" + addressCount() + " addresses)");
        }
        return new IpAddress(family(), network.high(), network.low() | offset);
    }

    /** Canonical text {@code <network>/<length>}. */
    @JsonValue
    @Override
    public String toString() {
        return network + "/" + length;
    }

    @Override
    public int compareTo(IpPrefix other) {
        int byNetwork = network.compareTo(other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(length, other.length);
    }

    static IpAddress mask(IpAddress address, int length) {
        IpFamily family = address.family();
        return new IpAddress(family, address.high() & maskHigh(family, length), address.low() & maskLow(family, length));
    }

    private static long maskHigh(IpFamily family, int length) {
        if (family == IpFamily.IPV4 || length == 0) {
            return 0;
        }
        return length >= 64 ? -1L : -1L << (64 - length);
    }

    private static long maskLow(IpFamily family, int length) {
        if (family == IpFamily.IPV4) {
            return length == 0 ? 0 : (-1L << (32 - length)) & 0xFFFFFFFFL;
        }
        return length <= 64 ? 0 : -1L << (128 - length);
    }
}
