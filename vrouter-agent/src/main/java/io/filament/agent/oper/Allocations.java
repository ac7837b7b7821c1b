package io.filament.agent.oper;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's numbering: VRF indexes (1..4094; 0 is the fabric VRF and 4095 holds the ports that have no config
 * yet), MPLS labels (16.., TF's agent starts there;
 * labels 0–15 are reserved by RFC 3032), next-hop ids (2.., 0 discard and 1 receive are fixed), interface indexes
 * (3..) and ACL ids (1..), persisted under the state directory before the numbers are used, so that a restarted
 * agent programs the same numbers the dataplane still has.
 *
 * <p>{@code allocations.json} is a snapshot (written to a temporary file and renamed over the old one);
 * {@code allocations.journal} holds the changes since, one JSON line each ({@code {"t":"labels","k":key,"v":17}},
 * no {@code v} for a release), appended with one write per {@link #save()}. An append costs a fraction of a
 * millisecond, where replacing the snapshot (create, write, rename over an existing file, which makes ext4 start
 * writing the new one back) took 2.5–7 ms on the loaded test machine, on the path of every port-up. After
 * {@link #COMPACT_AFTER} journal lines the snapshot is rewritten and the journal removed. A last line torn by a
 * crash is ignored: that {@code save()} had not returned, so its numbers were not in use yet.
 */
public final class Allocations {

    public static final int FIRST_LABEL = 16;
    public static final int LAST_LABEL = 5119;
    public static final int FIRST_VRF = 1;
    public static final int LAST_VRF = 4094;
    /**
     * The VRF of a plugged port whose config has not arrived: its TAP exists, it has no routes, so everything the VM
     * sends is dropped, apart from DHCP, which the agent holds until the config comes.
     */
    public static final int UNBOUND_VRF = 4095;
    public static final int DISCARD_NEXT_HOP = 0;
    public static final int RECEIVE_NEXT_HOP = 1;
    public static final int FIRST_NEXT_HOP = 2;
    /** The dataplane's next-hop table holds 65,536 entries. */
    public static final int LAST_NEXT_HOP = 65_535;
    /** VM interfaces start at 3, as in TF (0 fabric, 1 vhost0, 2 pkt0); the dataplane holds 4,352. */
    public static final int FIRST_INTERFACE = 3;
    public static final int LAST_INTERFACE = 4351;
    public static final int FIRST_ACL = 1;
    public static final int LAST_ACL = 16_383;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IndexAllocator vrfs = new IndexAllocator("VRF index", FIRST_VRF, LAST_VRF);
    private final IndexAllocator labels = new IndexAllocator("MPLS label", FIRST_LABEL, LAST_LABEL);
    private final IndexAllocator nextHops = new IndexAllocator("next-hop id", FIRST_NEXT_HOP, LAST_NEXT_HOP);
    private final IndexAllocator interfaces = new IndexAllocator("interface index", FIRST_INTERFACE, LAST_INTERFACE);
    private final IndexAllocator acls = new IndexAllocator("ACL id", FIRST_ACL, LAST_ACL);
    /** Journal lines after which the snapshot is rewritten. */
    static final int COMPACT_AFTER = 1000;
    private static final List<String> TABLES = List.of("vrfs", "labels", "next-hops", "interfaces", "acls");

    private final Path file;
    private final Path journal;
    /** What the snapshot plus the journal hold, per table: the base of the next journal entries. */
    private final Map<String, Map<String, Integer>> persisted = new LinkedHashMap<>();
    private final int compactAfter;
    private int journalLines;

    public Allocations(Path stateDirectory) {
        this(stateDirectory, COMPACT_AFTER);
    }

    Allocations(Path stateDirectory, int compactAfter) {
        this.file = stateDirectory.resolve("allocations.json");
        this.journal = stateDirectory.resolve("allocations.journal");
        this.compactAfter = compactAfter;
        load();
    }

    public IndexAllocator vrfs() {
        return vrfs;
    }

    public IndexAllocator labels() {
        return labels;
    }

    public IndexAllocator nextHops() {
        return nextHops;
    }

    public IndexAllocator interfaces() {
        return interfaces;
    }

    public IndexAllocator acls() {
        return acls;
    }

    /** Grows whenever any table's numbers change: a caller saves only when it did. */
    public long changeCount() {
        return byTable().values().stream().mapToLong(IndexAllocator::changeCount).sum();
    }

    private Map<String, IndexAllocator> byTable() {
        Map<String, IndexAllocator> m = new LinkedHashMap<>();
        m.put("vrfs", vrfs);
        m.put("labels", labels);
        m.put("next-hops", nextHops);
        m.put("interfaces", interfaces);
        m.put("acls", acls);
        return m;
    }

    /** Persists what changed since the last save: appends it to the journal, or rewrites the snapshot. */
    public void save() {
        StringBuilder lines = new StringBuilder();
        int count = 0;
        for (Map.Entry<String, IndexAllocator> table : byTable().entrySet()) {
            Map<String, Integer> before = persisted.get(table.getKey());
            Map<String, Integer> now = table.getValue().held();
            for (Map.Entry<String, Integer> e : now.entrySet()) {
                if (!e.getValue().equals(before.get(e.getKey()))) {
                    lines.append(entry(table.getKey(), e.getKey(), e.getValue())).append('\n');
                    count++;
                }
            }
            for (String key : before.keySet()) {
                if (!now.containsKey(key)) {
                    lines.append(entry(table.getKey(), key, null)).append('\n');
                    count++;
                }
            }
        }
        if (count == 0) {
            return;
        }
        try {
            if (journalLines + count > compactAfter) {
                writeSnapshot();
            } else {
                append(lines.toString());
                journalLines += count;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist allocations in " + file, e);
        }
        byTable().forEach((name, allocator) -> persisted.put(name, new TreeMap<>(allocator.held())));
    }

    private static String entry(String table, String key, Integer value) {
        ObjectNode o = JSON.createObjectNode().put("t", table).put("k", key);
        if (value != null) {
            o.put("v", value);
        }
        return JSON.writeValueAsString(o);
    }

    private void append(String lines) throws IOException {
        Files.createDirectories(journal.getParent());
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    /** The whole numbering to {@code allocations.json} (temporary file, then rename), then the journal goes. */
    private void writeSnapshot() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        byTable().forEach((name, allocator) -> put(root, name, allocator.held()));
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(".allocations.json.tmp");
        Files.writeString(temporary, JSON.writeValueAsString(root));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(journal);
        journalLines = 0;
    }

    /**
     * Snapshot, then the journal replayed over it on plain maps (a number may move between keys along the
     * journal), then the result restored into the allocators.
     */
    private void load() {
        Map<String, Map<String, Integer>> tables = new LinkedHashMap<>();
        TABLES.forEach(t -> tables.put(t, new TreeMap<>()));
        try {
            if (Files.isRegularFile(file)) {
                JsonNode root = JSON.readTree(Files.readString(file));
                TABLES.forEach(t -> root.path(t).properties().forEach(e -> tables.get(t).put(e.getKey(),
                        e.getValue().asInt())));
            }
            boolean torn = false;
            if (Files.isRegularFile(journal)) {
                List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
                journalLines = replay(lines, tables);
                torn = journalLines < lines.size();
            }
            byTable().forEach((name, allocator) -> tables.get(name).forEach(allocator::restore));
            tables.forEach((name, held) -> persisted.put(name, new TreeMap<>(held)));
            if (torn) {
                writeSnapshot(); // later appends must not follow the torn line
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read allocations from " + file, e);
        }
    }

    private int replay(List<String> lines, Map<String, Map<String, Integer>> tables) {
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line;
            try {
                line = JSON.readTree(lines.get(i));
            } catch (JacksonException e) {
                if (i == lines.size() - 1) {
                    return i; // torn by a crash in the middle of its append: that save never returned
                }
                throw new IllegalStateException(journal + " line " + (i + 1) + " is not JSON: " + e.getMessage(), e);
            }
            Map<String, Integer> table = tables.get(line.path("t").asString());
            if (table == null || !line.hasNonNull("k")) {
                throw new IllegalStateException(journal + " line " + (i + 1) + " names no known table and key: "
                        + lines.get(i));
            }
            if (line.hasNonNull("v")) {
                table.put(line.get("k").asString(), line.get("v").asInt());
            } else {
                table.remove(line.get("k").asString());
            }
        }
        return lines.size();
    }

    private static void put(ObjectNode root, String name, Map<String, Integer> held) {
        ObjectNode o = root.putObject(name);
        held.forEach(o::put);
    }
}
