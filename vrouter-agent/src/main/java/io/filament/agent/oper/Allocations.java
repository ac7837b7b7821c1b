package io.filament.agent.oper;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The agent's numbering: VRF indexes (1.., 0 is the fabric VRF), MPLS labels (16.., TF's agent starts there;
 * labels 0–15 are reserved by RFC 3032), next-hop ids (2.., 0 discard and 1 receive are fixed), interface indexes (3..) and ACL ids (1..), persisted in {@code <state-directory>/allocations.json} after each change so that a restarted agent programs the same
 * numbers the dataplane still has.
 */
public final class Allocations {

    public static final int FIRST_LABEL = 16;
    public static final int LAST_LABEL = 5119;
    public static final int FIRST_VRF = 1;
    public static final int LAST_VRF = 4095;
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
    private final Path file;

    public Allocations(Path stateDirectory) {
        this.file = stateDirectory.resolve("allocations.json");
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

    public void save() {
        ObjectNode root = JSON.createObjectNode();
        put(root, "vrfs", vrfs.held());
        put(root, "labels", labels.held());
        put(root, "next-hops", nextHops.held());
        put(root, "interfaces", interfaces.held());
        put(root, "acls", acls.held());
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(".allocations.json.tmp");
            Files.writeString(temporary, JSON.writeValueAsString(root));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist allocations in " + file, e);
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            restore(root.path("vrfs"), vrfs);
            restore(root.path("labels"), labels);
            restore(root.path("next-hops"), nextHops);
            restore(root.path("interfaces"), interfaces);
            restore(root.path("acls"), acls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read allocations from " + file, e);
        }
    }

    private static void put(ObjectNode root, String name, Map<String, Integer> held) {
        ObjectNode o = root.putObject(name);
        held.forEach(o::put);
    }

    private static void restore(JsonNode section, IndexAllocator allocator) {
        for (var e : section.properties()) {
            allocator.restore(e.getKey(), e.getValue().asInt());
        }
    }
}
