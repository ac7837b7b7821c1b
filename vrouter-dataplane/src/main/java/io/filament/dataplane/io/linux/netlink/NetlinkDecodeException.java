package io.filament.dataplane.io.linux.netlink;

/** A netlink reply that does not parse; names the field at fault and its value. */
public final class NetlinkDecodeException extends RuntimeException {

    private final String field;

    public NetlinkDecodeException(String field, long value, String reason) {
        super(field + "=" + value + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
