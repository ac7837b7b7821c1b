package io.filament.dataplane.control;

import io.filament.dataplane.io.tap.LinkPlacementException;
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

    /** How long a new device waits for detached ones to be closed when it needs one's name. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final int EEXIST = 17;

    /**
     * Creates and places the TAP. When its name is taken in the namespace, waits until every detached device is
     * closed (an interface replaced, or deleted and added again at once, leaves the old one closing for a moment)
     * and tries once more.
     */
    @Override
    public void open(Vif vif, String namespace, String renameTo) {
        PortPlacement placement = new PortPlacement(namespace, renameTo, vif.mac(), vif.mtu());
        TapDevice device;
        try {
            device = placement.create(vif.name(), true);
        } catch (LinkPlacementException e) {
            if (e.errno() != EEXIST) {
                throw e;
            }
            awaitClosed();
            device = placement.create(vif.name(), true);
        }
        ports.attach(vif.index(), device);
    }

    private void awaitClosed() {
        try {
            ports.awaitRetiredClosed(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for detached TAPs to close", e);
        }
    }

    @Override
    public void close(int vif) {
        ports.detach(vif);
    }
}
