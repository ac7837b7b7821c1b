package io.filament.agent.dhcp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One option of the options field: code and raw value (at most 255 bytes; RFC 3396 long options are not
 * produced). Codes 0 (pad) and 255 (end) are framing, never options.
 */
public record DhcpOption(int code, byte[] value) {

    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DOMAIN_NAME_SERVER = 6;
    public static final int HOST_NAME = 12;
    public static final int DOMAIN_NAME = 15;
    public static final int BROADCAST_ADDRESS = 28;
    public static final int REQUESTED_ADDRESS = 50;
    public static final int LEASE_TIME = 51;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_IDENTIFIER = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int CLIENT_IDENTIFIER = 61;
    public static final int CLASSLESS_STATIC_ROUTE = 121;

    public DhcpOption {
        if (code <= 0 || code >= 255) {
            throw new DhcpDecodeException("option", String.valueOf(code), "codes 0 and 255 are pad and end");
        }
        if (value.length > 255) {
            throw new DhcpDecodeException("option " + code, value.length + " bytes", "longer than 255 bytes");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    int length() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpOption d && d.code == code && Arrays.equals(d.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return code + "=" + HexFormat.of().formatHex(value);
    }
}
