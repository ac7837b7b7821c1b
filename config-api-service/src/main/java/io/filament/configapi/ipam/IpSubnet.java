package io.filament.configapi.ipam;

import io.filament.configapi.error.BadRequestException;
import java.math.BigInteger;

/** A subnet {@code ip_prefix/ip_prefix_len} whose host bits are zero (TF's SubnetType). */
public record IpSubnet(IpAddress network, int length) {

    public IpSubnet {
        if (length < 0 || length > network.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " outside 0.." + network.bits());
        }
    }

    /**
     * Reads TF's {@code subnet{ip_prefix, ip_prefix_len}}; a malformed prefix, a length outside the family's range
     * or set host bits is a 400 naming {@code field} and the value.
     */
    public static IpSubnet of(String field, String prefix, int length) {
        IpAddress address = IpAddress.parse(prefix).orElseThrow(() -> new BadRequestException(
                "Invalid " + field + ".ip_prefix: '" + prefix + "' is not an IPv4 or IPv6 address"));
        if (length < 0 || length > address.bits()) {
            throw new BadRequestException("Invalid " + field + ".ip_prefix_len: " + length
                    + " is outside 0.." + address.bits() + " for " + prefix);
        }
        IpSubnet subnet = new IpSubnet(new IpAddress(address.value().and(mask(address.bits(), length)),
                address.bits()), length);
        if (!subnet.network().equals(address)) {
            throw new BadRequestException("Invalid " + field + ": " + prefix + "/" + length
                    + " has host bits set (network address is " + subnet.network() + ")");
        }
        return subnet;
    }

    private static BigInteger mask(int bits, int length) {
        BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger host = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        return all.xor(host);
    }

    public IpAddress first() {
        return network;
    }

    public IpAddress last() {
        return new IpAddress(network.value().add(size()).subtract(BigInteger.ONE), network.bits());
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(network.bits() - length);
    }

    public boolean contains(IpAddress address) {
        return address.bits() == network.bits()
                && address.value().compareTo(first().value()) >= 0
                && address.value().compareTo(last().value()) <= 0;
    }

    public boolean overlaps(IpSubnet other) {
        return other.network.bits() == network.bits() && (contains(other.first()) || other.contains(first()));
    }

    /** Stable identity of the subnet for allocation tables: {@code 10.1.1.0/24}. */
    @Override
    public String toString() {
        return network + "/" + length;
    }
}
