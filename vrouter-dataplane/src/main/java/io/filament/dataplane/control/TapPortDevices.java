package io.filament.dataplane.control;

import io.filament.dataplane.io.tap.PortPlacement;
import io.filament.dataplane.io.tap.TapDevice;
import io.filament.dataplane.io.tap.TapPorts;
import io.filament.dataplane.table.Vif;

/** VM interfaces as TAP devices: create, place (namespace, name, MAC, MTU, up), attach to the reader. */
public final class TapPortDevices implements PortDevices {

    private final TapPorts ports;

    public TapPortDevices(TapPorts ports) {
        this.ports = ports;
    }

    @Override
    public void open(Vif vif, String namespace, String renameTo) {
        TapDevice device = TapDevice.createWithOffloads(vif.name());
        try {
            new PortPlacement(namespace, renameTo, vif.mac(), vif.mtu()).apply(device.name());
        } catch (RuntimeException e) {
            device.close();
            throw e;
        }
        ports.attach(vif.index(), device);
    }

    @Override
    public void close(int vif) {
        ports.detach(vif);
    }
}
