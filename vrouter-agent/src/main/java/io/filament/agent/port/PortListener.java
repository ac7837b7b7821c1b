package io.filament.agent.port;

/** Reacts to ports being plugged and unplugged on this host. Called on the thread that changed the registry. */
public interface PortListener {

    void portAdded(Port port);

    void portDeleted(Port port);
}
