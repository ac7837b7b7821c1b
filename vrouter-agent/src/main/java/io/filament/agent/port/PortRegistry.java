package io.filament.agent.port;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ports of this host: the one writer of the port files. An added port is persisted before the caller hears
 * back, so a restarted agent restores exactly the ports it had acknowledged. Listeners are isolated: one that throws
 * is logged and does not stop the others.
 */
public final class PortRegistry {

    private static final Logger log = LoggerFactory.getLogger(PortRegistry.class);

    private final PortStore store;
    /** In the order they were plugged, the restored ones first: listeners hear of them in that order. */
    private final Map<UUID, Port> ports = new LinkedHashMap<>();
    private final List<PortListener> listeners = new CopyOnWriteArrayList<>();

    public PortRegistry(PortStore store) {
        this.store = store;
        PortStore.Loaded loaded = store.load();
        loaded.ports().forEach(p -> ports.put(p.id(), p));
        loaded.rejected().forEach(r -> log.warn("port file not restored: {}", r));
        log.info("restored {} ports from {}", ports.size(), store.directory());
    }

    /** Registers a listener and tells it about every port present now. */
    public synchronized void subscribe(PortListener listener) {
        listeners.add(listener);
        ports.values().forEach(p -> notify(listener, p, true));
    }

    /**
     * Adds or replaces a port; returns true when something changed. Listeners hear of it before its file is
     * written, so the controller's recompute does not wait for the disk; the caller returns (and the port API
     * answers) only once the file is written. If it cannot be written the change is taken back, listeners
     * included, and the error goes to the caller: a port is acknowledged only when a restart would restore it.
     */
    public synchronized boolean add(Port port) {
        for (Port other : ports.values()) {
            if (!other.id().equals(port.id()) && other.systemName().equals(port.systemName())) {
                throw new PortConflictException("system-name", port.systemName(), other.id());
            }
        }
        Port previous = ports.get(port.id());
        if (port.equals(previous)) {
            return false;
        }
        ports.remove(port.id());
        ports.put(port.id(), port);
        if (previous != null) {
            listeners.forEach(l -> notify(l, previous, false));
        }
        listeners.forEach(l -> notify(l, port, true));
        try {
            store.save(port);
        } catch (UncheckedIOException e) {
            listeners.forEach(l -> notify(l, port, false));
            if (previous != null) {
                ports.put(previous.id(), previous);
                listeners.forEach(l -> notify(l, previous, true));
            } else {
                ports.remove(port.id());
            }
            log.warn("port {} not added: {}", port.id(), e.getMessage());
            throw e;
        }
        if (previous != null) {
            log.info("port {} replaced ({} -> {})", port.id(), previous.systemName(), port.systemName());
        } else {
            log.info("port {} added: tap {} mac {} ip {}", port.id(), port.systemName(), port.mac(),
                    port.ipv4().map(Object::toString).orElse("-"));
        }
        return true;
    }

    public synchronized Port delete(UUID id) {
        Port port = ports.get(id);
        if (port == null) {
            throw new PortNotFoundException(id);
        }
        store.delete(id);
        ports.remove(id);
        log.info("port {} deleted: tap {}", id, port.systemName());
        listeners.forEach(l -> notify(l, port, false));
        return port;
    }

    public synchronized Optional<Port> get(UUID id) {
        return Optional.ofNullable(ports.get(id));
    }

    public synchronized Collection<Port> all() {
        return new ArrayList<>(ports.values());
    }

    private static void notify(PortListener listener, Port port, boolean added) {
        try {
            if (added) {
                listener.portAdded(port);
            } else {
                listener.portDeleted(port);
            }
        } catch (RuntimeException e) {
            log.error("port listener {} failed on port {}", listener.getClass().getSimpleName(), port.id(), e);
        }
    }
}
