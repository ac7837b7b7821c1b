package io.filament.agent.dhcp.wire;

/** A DHCP message or frame that cannot be read; names the field and the offending value. */
public final class DhcpDecodeException extends RuntimeException {

    private final String field;
    private final String value;

    public DhcpDecodeException(String field, String value, String problem) {
        super(field + " '" + value + "': " + problem);
        this.field = field;
        this.value = value;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }
}
