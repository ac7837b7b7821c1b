package io.filament.agent.dhcp.wire;

/** The RFC 1071 ones'-complement sum, over a byte range plus a pre-summed pseudo-header. */
final class InternetChecksum {

    private InternetChecksum() {
    }

    /** The checksum to store; over data that already holds a correct checksum it is 0. */
    static int of(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        int end = offset + length;
        for (int i = offset; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if ((length & 1) == 1) {
            sum += (data[end - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
