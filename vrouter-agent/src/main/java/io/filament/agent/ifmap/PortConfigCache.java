package io.filament.agent.ifmap;

import io.filament.agent.port.Port;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Ports' configs as {@link PortConfigResolver} resolves them, each kept until its port changes or something its
 * resolution read in the image changes: a recompute for a learned route, or for another port's config, resolves
 * again only the ports whose config changed. Not thread-safe: owned by the agent's controller thread, like the image.
 */
public final class PortConfigCache {

    private record Entry(Port port, ConfigImage.Recorded<Optional<PortConfig>> config) {
    }

    private final Map<UUID, Entry> entries = new HashMap<>();
    private ConfigImage image;
    /** Written by the owning thread only; read by metrics from any thread. */
    private volatile long resolved;
    private volatile long reused;

    public Optional<PortConfig> resolve(ConfigImage from, Port port) {
        if (from != image) {
            entries.clear();
            image = from;
        }
        Entry kept = entries.get(port.id());
        if (kept != null && kept.port().equals(port) && from.unchangedSince(kept.config())) {
            reused++;
            return kept.config().value();
        }
        resolved++;
        ConfigImage.Recorded<Optional<PortConfig>> config = from.record(() -> PortConfigResolver.resolve(from, port));
        entries.put(port.id(), new Entry(port, config));
        return config.value();
    }

    /** Forgets the ports other than {@code ports}. */
    public void retain(Set<UUID> ports) {
        entries.keySet().retainAll(ports);
    }

    /** How many resolutions ran, since this cache was made. */
    public long resolved() {
        return resolved;
    }

    /** How many resolutions were answered from what was kept, since this cache was made. */
    public long reused() {
        return reused;
    }
}
