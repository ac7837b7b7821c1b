package io.filament.agent.dhcp.wire;

import java.util.Optional;

/** Option 53 values (RFC 2132 §9.6). */
public enum DhcpMessageType {
    DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8);

    private final int code;

    DhcpMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<DhcpMessageType> of(int code) {
        return code >= 1 && code <= 8 ? Optional.of(values()[code - 1]) : Optional.empty();
    }
}
