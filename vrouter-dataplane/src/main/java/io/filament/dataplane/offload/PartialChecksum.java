package io.filament.dataplane.offload;

import io.filament.dataplane.packet.wire.InternetChecksum;
import io.netty.buffer.ByteBuf;

/**
 * Finishes a checksum the sender left to the device ({@code CHECKSUM_PARTIAL}): the field holds the folded
 * pseudo-header sum, so summing from the L4 header to the end of the packet, field included, and complementing gives
 * the final value.
 */
public final class PartialChecksum {

    private static final int UDP_CHECKSUM_OFFSET = 6;

    private PartialChecksum() {
    }

    /**
     * Completes the checksum of the frame at {@code frame} ({@code length} bytes) whose L4 header starts
     * {@code start} bytes in, with its checksum field {@code fieldOffset} bytes further; false when those offsets
     * do not fit the frame (nothing is written then).
     */
    public static boolean complete(ByteBuf buf, int frame, int length, int start, int fieldOffset) {
        if (start < 0 || fieldOffset < 0 || start + fieldOffset + 2 > length) {
            return false;
        }
        int l4 = frame + start;
        int checksum = InternetChecksum.finish(InternetChecksum.add(buf, l4, length - start, 0));
        if (checksum == 0 && fieldOffset == UDP_CHECKSUM_OFFSET) {
            checksum = 0xFFFF;
        }
        buf.setShort(l4 + fieldOffset, checksum);
        return true;
    }
}
