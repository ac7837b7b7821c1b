package io.filament.dataplane.control;

import io.filament.dataplane.io.tap.PortPlacement;
import io.filament.dataplane.io.tap.TapDevice;
import io.filament.dataplane.io.tap.TapPorts;
import io.filament.dataplane.table.Vif;
import java.time.Duration;

/** VM interfaces as TAP devices: created in place (namespace, name, MAC, MTU, up), attached to the reader. */
public final class TapPortDevices implements PortDevices {

    private final TapPorts ports;

    public TapPortDevices(TapPorts ports) {
        this.ports = ports;
    }

    /** How long a new device waits for detached ones to be closed, so that it may take over a name. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    @Override
    public void open(Vif vif, String namespace, String renameTo) {
        try {
            ports.awaitRetiredClosed(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for detached TAPs to close", e);
        }
        TapDevice device = new PortPlacement(namespace, renameTo, vif.mac(), vif.mtu()).create(vif.name(), true);
        ports.attach(vif.index(), device);
    }

    @Override
    public void close(int vif) {
        ports.detach(vif);
    }
}
