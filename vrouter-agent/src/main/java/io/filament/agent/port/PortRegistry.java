package io.filament.agent.port;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ports of this host: the one writer of the port files. A change is persisted before listeners hear of it,
 * so a restarted agent restores exactly the ports it had acknowledged. Listeners are isolated: one that throws
 * is logged and does not stop the others.
 */
public final class PortRegistry {

    private static final Logger log = LoggerFactory.getLogger(PortRegistry.class);

    private final PortStore store;
    private final Map<UUID, Port> ports = new TreeMap<>();
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

    /** Adds or replaces a port; returns true when something changed. */
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
        store.save(port);
        ports.put(port.id(), port);
        if (previous != null) {
            log.info("port {} replaced ({} -> {})", port.id(), previous.systemName(), port.systemName());
            listeners.forEach(l -> notify(l, previous, false));
        } else {
            log.info("port {} added: tap {} mac {} ip {}", port.id(), port.systemName(), port.mac(),
                    port.ipv4().map(Object::toString).orElse("-"));
        }
        listeners.forEach(l -> notify(l, port, true));
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
