package io.filament.schema.projection;

import static io.filament.schema.fixtures.ConfigSnapshots.globalSystemConfig;
import static io.filament.schema.fixtures.ConfigSnapshots.network;
import static io.filament.schema.fixtures.ConfigSnapshots.policy;
import static io.filament.schema.fixtures.ConfigSnapshots.port;
import static io.filament.schema.fixtures.ConfigSnapshots.rule;
import static io.filament.schema.fixtures.ConfigSnapshots.securityGroup;
import static io.filament.schema.fixtures.ConfigSnapshots.sg;
import static io.filament.schema.fixtures.ConfigSnapshots.subnet;
import static io.filament.schema.fixtures.ConfigSnapshots.tombstone;
import static io.filament.schema.fixtures.ConfigSnapshots.vn;

import io.filament.schema.config.ConfigImage;
import io.filament.schema.fixtures.ConfigSnapshots.Policy;
import io.filament.schema.fixtures.ConfigSnapshots.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a list of (kind, target, seed) steps into config snapshots over a small universe of networks, policies,
 * security groups and the global system config, so that random sequences keep hitting the same objects. Each
 * network and group has a twin under another uuid and the same name, as when an object is deleted and created
 * again and the config topic's partitions hand over the new one first; while both are present their name is shared
 * ({@link #sharesAName}).
 */
final class RandomConfigLog {

    static final int NETWORKS = 6;
    static final int POLICIES = 4;
    static final int GROUPS = 4;
    private static final String[] PROJECTS = {"demo", "other"};
    private static final long[] ASNS = {64512, 65000, 4_200_000_001L};

    /** One step: what to change, which object, and a seed for its content. */
    record Step(int kind, int target, long seed) {
    }

    private final Map<String, Long> versions = new HashMap<>();

    List<Snapshot> snapshots(List<Step> steps) {
        List<Snapshot> log = new ArrayList<>();
        for (Step step : steps) {
            log.add(snapshot(step));
        }
        return log;
    }

    private long nextVersion(String key) {
        return versions.merge(key, 1L, Long::sum);
    }

    private Snapshot snapshot(Step step) {
        Random random = new Random(step.seed());
        return switch (step.kind()) {
            case 0, 1, 2 -> randomNetwork("n", step.target() % NETWORKS, random);
            case 3, 4 -> randomPolicy(step.target() % POLICIES, random);
            case 5 -> randomGroup("s", step.target() % GROUPS, random);
            case 6 -> globalSystemConfig("gsc", nextVersion("gsc"), ASNS[random.nextInt(ASNS.length)]);
            case 9 -> random.nextBoolean() ? randomNetwork("t-n", step.target() % NETWORKS, random)
                    : randomGroup("t-s", step.target() % GROUPS, random);
            default -> delete(step.target(), random);
        };
    }

    private static String networkName(int index) {
        return "default-domain:" + PROJECTS[index % 2] + ":net" + index;
    }

    /** Network {@code index} under uuid {@code prefix + index} ({@code n}, or its twin {@code t-n}). */
    private Snapshot randomNetwork(String prefix, int index, Random random) {
        List<Policy> attached = new ArrayList<>();
        for (int p = 0; p < POLICIES; p++) {
            if (random.nextInt(3) == 0) {
                attached.add(Policy.of("p" + p, "demo", "policy" + p));
            }
        }
        java.util.Collections.shuffle(attached, random);
        Map<String, Object> extra = random.nextInt(4) == 0
                ? Map.of("export_route_target_list", Map.of("route_target", List.of("target:64512:" + (100 + index))))
                : Map.of();
        return network(prefix + index, nextVersion(prefix + index), PROJECTS[index % 2], "net" + index, 10 + index,
                extra, attached.toArray(Policy[]::new));
    }

    private Snapshot randomPolicy(int index, Random random) {
        List<Map<String, Object>> rules = new ArrayList<>();
        int count = random.nextInt(4);
        for (int r = 0; r < count; r++) {
            rules.add(rule(random.nextBoolean() ? "<>" : ">", pick(random, "any", "tcp", "udp", "icmp"),
                    List.of(networkAddress(random)), List.of(port(-1, -1)),
                    List.of(networkAddress(random)), List.of(random.nextBoolean() ? port(80, 80) : port(1, 1024)),
                    random.nextInt(4) == 0 ? "deny" : "pass"));
        }
        return policy("p" + index, nextVersion("p" + index), "demo", "policy" + index, rules);
    }

    private static Map<String, Object> networkAddress(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> vn("local");
            case 1 -> vn("any");
            case 2 -> subnet("10." + random.nextInt(4) + ".0.0", 16);
            default -> vn(networkName(random.nextInt(NETWORKS)));
        };
    }

    /** Group {@code index} under uuid {@code prefix + index} ({@code s}, or its twin {@code t-s}). */
    private Snapshot randomGroup(String prefix, int index, Random random) {
        List<Map<String, Object>> rules = new ArrayList<>();
        int count = random.nextInt(4);
        for (int r = 0; r < count; r++) {
            Map<String, Object> remote = random.nextBoolean() ? subnet("192.0.2.0", 24)
                    : sg("default-domain:demo:group" + random.nextInt(GROUPS));
            boolean ingress = random.nextBoolean();
            rules.add(rule(">", pick(random, "tcp", "udp"), ingress ? remote : sg("local"),
                    ingress ? sg("local") : remote, "pass"));
        }
        return securityGroup(prefix + index, nextVersion(prefix + index), "demo", "group" + index, 8_000_000 + index,
                rules);
    }

    private Snapshot delete(int target, Random random) {
        String twin = random.nextBoolean() ? "t-" : "";
        return switch (random.nextInt(4)) {
            case 0, 1 -> tombstone("virtual-network", twin + "n" + (target % NETWORKS));
            case 2 -> tombstone("network-policy", "p" + (target % POLICIES));
            default -> tombstone("security-group", twin + "s" + (target % GROUPS));
        };
    }

    /** Whether two networks or two groups of {@code image} carry one name (an object and its twin). */
    static boolean sharesAName(ConfigImage image) {
        for (String type : List.of("virtual-network", "security-group")) {
            long names = image.ofType(type).stream().map(o -> o.fqName().toString()).distinct().count();
            if (names < image.ofType(type).size()) {
                return true;
            }
        }
        return false;
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
