package io.filament.analytics.uve;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.filament.analytics.status.StatusRecord;
import io.filament.analytics.status.StructPart;
import io.filament.contracts.status.StatusTable;
import io.filament.contracts.status.Aggregation;
import io.filament.contracts.status.UveMerge;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-source UVE state in memory. One writer: only the status replica thread calls {@link #apply}; readers get
 * immutable snapshots. A record older than the part it would change is ignored, so replays are harmless.
 */
public final class InMemoryUveStore implements UveService {

    private static final Logger log = LoggerFactory.getLogger(InMemoryUveStore.class);

    private final Map<StatusTable, ConcurrentSkipListMap<String, UveContributions>> tables = new EnumMap<>(StatusTable.class);
    private final List<UveListener> listeners = new CopyOnWriteArrayList<>();

    public InMemoryUveStore() {
        for (StatusTable table : StatusTable.values()) {
            tables.put(table, new ConcurrentSkipListMap<>());
        }
    }

    public void addListener(UveListener listener) {
        listeners.add(listener);
    }

    /** Applies a record; returns the change it caused, or empty if it changed nothing. */
    public Optional<UveChanged> apply(StatusRecord record) {
        UveKey key = new UveKey(record.table(), record.key());
        ConcurrentSkipListMap<String, UveContributions> table = tables.get(record.table());
        UveContributions before = table.get(record.key());
        Map<String, Map<String, StructPart>> sources = new HashMap<>(before == null ? Map.of() : before.bySource());
        Map<String, StructPart> mine = new HashMap<>(sources.getOrDefault(record.source(), Map.of()));
        Set<String> changed = record.deleted() ? withdraw(mine, record) : update(mine, record);
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        if (mine.isEmpty()) {
            sources.remove(record.source());
        } else {
            sources.put(record.source(), mine);
        }
        UveContributions after = new UveContributions(key, new TreeMap<>(sources));
        if (after.isEmpty()) {
            table.remove(record.key());
        } else {
            table.put(record.key(), after);
        }
        UveChanged change = new UveChanged(key, changed, after);
        notifyListeners(change);
        return Optional.of(change);
    }

    private static Set<String> withdraw(Map<String, StructPart> mine, StatusRecord record) {
        Set<String> targets = record.structs().isEmpty() ? Set.copyOf(mine.keySet()) : record.structs().keySet();
        Set<String> removed = new LinkedHashSet<>();
        for (String struct : targets) {
            StructPart part = mine.get(struct);
            if (part != null && part.time() <= record.time()) {
                mine.remove(struct);
                removed.add(struct);
            }
        }
        return removed;
    }

    private static Set<String> update(Map<String, StructPart> mine, StatusRecord record) {
        Set<String> updated = new LinkedHashSet<>();
        record.structs().forEach((struct, incoming) -> {
            StructPart existing = mine.get(struct);
            if (existing != null && existing.time() > incoming.time()) {
                return;
            }
            mine.put(struct, existing == null ? withoutNulls(incoming) : overlay(existing, incoming));
            updated.add(struct);
        });
        return updated;
    }

    /** Attribute-level update: attributes in the record replace the source's earlier ones, null removes one. */
    private static StructPart overlay(StructPart existing, StructPart incoming) {
        ObjectNode merged = UveMerge.overlay(existing.attributes(), incoming.attributes());
        Map<String, Aggregation> aggtypes = new HashMap<>(existing.aggtypes());
        aggtypes.putAll(incoming.aggtypes());
        return new StructPart(incoming.time(), merged, aggtypes);
    }

    private static StructPart withoutNulls(StructPart part) {
        ObjectNode attributes = part.attributes().deepCopy();
        List<String> nulls = attributes.properties().stream()
                .filter(e -> e.getValue().isNull()).map(Map.Entry::getKey).toList();
        attributes.remove(nulls);
        return new StructPart(part.time(), attributes, part.aggtypes());
    }

    private void notifyListeners(UveChanged change) {
        for (UveListener listener : listeners) {
            try {
                listener.uveChanged(change);
            } catch (RuntimeException e) {
                log.warn("UVE listener {} failed on {}", listener.getClass().getSimpleName(), change.key(), e);
            }
        }
    }

    @Override
    public List<String> keys(StatusTable table) {
        return List.copyOf(tables.get(table).keySet());
    }

    @Override
    public Optional<UveContributions> contributions(UveKey key) {
        return Optional.ofNullable(tables.get(key.table()).get(key.key()));
    }

    @Override
    public int count(StatusTable table) {
        return tables.get(table).size();
    }
}
