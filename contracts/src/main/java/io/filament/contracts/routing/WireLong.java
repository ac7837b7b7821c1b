package io.filament.contracts.routing;

/** Big-endian conversion between 8 wire bytes and a long. */
final class WireLong {

    private WireLong() {
    }

    static long read(byte[] bytes) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }

    static byte[] write(long value) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }
}
