package io.filament.dataplane.packet.wire;

/**
 * A header that cannot be decoded: names the protocol field at fault and the value found, so a counter or a log
 * line can say exactly why a frame was dropped.
 */
public final class MalformedPacketException extends RuntimeException {

    private final String field;
    private final long value;

    public MalformedPacketException(String field, long value, String reason) {
        super(field + "=" + value + ": " + reason);
        this.field = field;
        this.value = value;
    }

    /** The protocol field, e.g. {@code ipv4.version}. */
    public String field() {
        return field;
    }

    /** The value found in the field (a length where the field is truncated). */
    public long value() {
        return value;
    }

    static void require(boolean ok, String field, long value, String reason) {
        if (!ok) {
            throw new MalformedPacketException(field, value, reason);
        }
    }

    static void requireReadable(io.netty.buffer.ByteBuf buf, int needed, String field) {
        if (buf.readableBytes() < needed) {
            throw new MalformedPacketException(field, buf.readableBytes(), "truncated: need " + needed + " bytes");
        }
    }
}
