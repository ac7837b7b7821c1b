package io.filament.contracts.net;

/** The two IP address families, with their address width. */
public enum IpFamily {
    /** IPv4: 32-bit addresses, dotted-quad text. */
    IPV4(32),
    /** IPv6: 128-bit addresses, RFC 5952 text. */
    IPV6(128);

    private final int bits;

    IpFamily(int bits) {
        this.bits = bits;
    }

    /** Address width in bits: 32 or 128. */
    public int bits() {
        return bits;
    }

    /** Address width in bytes: 4 or 16. */
    public int bytes() {
        return bits / 8;
    }
}
