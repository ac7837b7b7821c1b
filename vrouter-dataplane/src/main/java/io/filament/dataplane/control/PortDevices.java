package io.filament.dataplane.control;

import io.filament.dataplane.table.Vif;

/** Creates and removes the device behind a VM interface. */
public interface PortDevices {

    /** Creates the interface's device named {@code vif.name()}, placed as asked; throws when the kernel refuses. */
    void open(Vif vif, String namespace, String renameTo);

    void close(int vif);
}
