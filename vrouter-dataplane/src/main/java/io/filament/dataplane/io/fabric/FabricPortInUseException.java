package io.filament.dataplane.io.fabric;

import java.net.InetAddress;

/**
 * A fabric UDP port could not be bound on the fabric address: another dataplane (or any other process) holds it. A
 * fabric address carries exactly one dataplane, so the ports are never shared ({@code SO_REUSEADDR} and
 * {@code SO_REUSEPORT} stay off).
 */
public final class FabricPortInUseException extends RuntimeException {

    private final InetAddress address;
    private final int port;

    public FabricPortInUseException(InetAddress address, int port, Throwable cause) {
        super("fabric port " + address.getHostAddress() + ":" + port + " (UDP) cannot be bound exclusively: "
                + cause.getMessage() + "; is another dataplane already running on fabric address "
                + address.getHostAddress() + "?", cause);
        this.address = address;
        this.port = port;
    }

    public InetAddress address() {
        return address;
    }

    public int port() {
        return port;
    }
}
