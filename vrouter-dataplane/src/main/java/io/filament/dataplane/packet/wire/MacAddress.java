package io.filament.dataplane.packet.wire;

import io.netty.buffer.ByteBuf;

/** A 48-bit IEEE 802 MAC address held in the low bits of a long, so the fast path never allocates for one. */
public record MacAddress(long value) {

    /** The distributed gateway MAC a vRouter answers ARP with (TF's {@code vrouter_mac}). */
    public static final MacAddress VROUTER = new MacAddress(0x00005E000100L);
    public static final MacAddress BROADCAST = new MacAddress(0xFFFFFFFFFFFFL);
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((value >>> 48) != 0) {
            throw new MalformedPacketException("mac", value, "more than 48 bits");
        }
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (or with dashes). */
    public static MacAddress parse(String text) {
        String[] parts = text.split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("mac '" + text + "' is not six colon-separated octets");
        }
        long v = 0;
        for (String p : parts) {
            if (p.length() != 2) {
                throw new IllegalArgumentException("mac '" + text + "' has octet '" + p + "'");
            }
            v = (v << 8) | Integer.parseInt(p, 16);
        }
        return new MacAddress(v);
    }

    public static long get(ByteBuf buf, int offset) {
        return ((long) buf.getUnsignedShort(offset) << 32) | buf.getUnsignedInt(offset + 2);
    }

    public static void set(ByteBuf buf, int offset, long mac) {
        buf.setShort(offset, (int) (mac >>> 32));
        buf.setInt(offset + 2, (int) mac);
    }

    public boolean isMulticast() {
        return ((value >>> 40) & 1) != 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            int b = (int) ((value >>> shift) & 0xFF);
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
