package io.filament.agent.status;

import io.filament.contracts.status.StatusTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The UVE keys this agent holds a part of, per table: what the reports published, so that a later round withdraws
 * the keys that went away and a stopping agent withdraws them all. Kept in {@code status-keys.json} of the state
 * directory, so that an agent that was killed (and could not withdraw) learns after its restart which keys it
 * held: those it does not report again are withdrawn once its tables are settled (config back), not while a port
 * still waits for its config. Written by the status thread and, once that has ended, by the closing thread;
 * synchronized so that a close racing a late round stays consistent.
 */
final class ContributedKeys {

    static final String FILE_NAME = "status-keys.json";

    private static final Logger log = LoggerFactory.getLogger(ContributedKeys.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Optional<Path> file;
    private final Map<StatusTable, SortedSet<String>> current = new EnumMap<>(StatusTable.class);
    private final Map<StatusTable, SortedSet<String>> restored = new EnumMap<>(StatusTable.class);

    private ContributedKeys(Optional<Path> file) {
        this.file = file;
    }

    /** Keys held in memory only. */
    static ContributedKeys inMemory() {
        return new ContributedKeys(Optional.empty());
    }

    /** Keys kept in {@code stateDirectory}, starting with those an earlier run left there. */
    static ContributedKeys keptIn(Path stateDirectory) {
        ContributedKeys keys = new ContributedKeys(Optional.of(stateDirectory.resolve(FILE_NAME)));
        keys.load();
        return keys;
    }

    /**
     * Records that the part of {@code table} this agent reports is now {@code present}; returns the keys to
     * withdraw, in order: those this run reported before and no longer does and, once {@code settled}, those an
     * earlier run held that this one has not reported again.
     */
    synchronized Set<String> replace(StatusTable table, Set<String> present, boolean settled) {
        Set<String> before = held(table);
        SortedSet<String> gone = new TreeSet<>(current.getOrDefault(table, Collections.emptySortedSet()));
        current.put(table, new TreeSet<>(present));
        SortedSet<String> earlier = restored.getOrDefault(table, new TreeSet<>());
        earlier.removeAll(present);
        if (settled) {
            gone.addAll(earlier);
            earlier.clear();
        }
        if (earlier.isEmpty()) {
            restored.remove(table);
        }
        gone.removeAll(present);
        if (!held(table).equals(before)) {
            save();
        }
        return gone;
    }

    /** Every key held, table by table, and forgets them: the agent is withdrawing everything. */
    synchronized Map<StatusTable, SortedSet<String>> drain() {
        Map<StatusTable, SortedSet<String>> all = new LinkedHashMap<>();
        for (StatusTable table : StatusTable.values()) {
            SortedSet<String> keys = held(table);
            if (!keys.isEmpty()) {
                all.put(table, Collections.unmodifiableSortedSet(keys));
            }
        }
        current.clear();
        restored.clear();
        save();
        return all;
    }

    private SortedSet<String> held(StatusTable table) {
        SortedSet<String> keys = new TreeSet<>(current.getOrDefault(table, Collections.emptySortedSet()));
        keys.addAll(restored.getOrDefault(table, Collections.emptySortedSet()));
        return keys;
    }

    private void save() {
        if (file.isEmpty()) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        for (StatusTable table : StatusTable.values()) {
            SortedSet<String> keys = held(table);
            if (!keys.isEmpty()) {
                keys.forEach(root.withArray(table.tableName())::add);
            }
        }
        Path target = file.get();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling("." + FILE_NAME + ".tmp");
            Files.writeString(temporary, JSON.writeValueAsString(root));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the keys stay right in memory; only a restart after a kill would miss withdrawing some
            log.warn("cannot keep the reported status keys in {}: {}", target, e.toString());
        }
    }

    private void load() {
        Path source = file.orElseThrow();
        if (!Files.isRegularFile(source)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(source));
            for (Map.Entry<String, JsonNode> table : root.properties()) {
                Optional<StatusTable> known = StatusTable.byTableName(table.getKey());
                if (known.isEmpty() || !table.getValue().isArray()) {
                    log.warn("{} names no object table as {}; ignored", source, table.getKey());
                    continue;
                }
                SortedSet<String> keys = restored.computeIfAbsent(known.get(), t -> new TreeSet<>());
                table.getValue().forEach(k -> keys.add(k.asString()));
            }
            log.info("{} status keys an earlier run reported, withdrawn once the tables are settled unless reported again",
                    restored.values().stream().mapToInt(Set::size).sum());
        } catch (IOException | JacksonException e) {
            log.warn("cannot read the status keys an earlier run reported from {}: {}; none will be withdrawn",
                    source, e.toString());
        }
    }
}
