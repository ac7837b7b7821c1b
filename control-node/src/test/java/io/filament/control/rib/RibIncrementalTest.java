package io.filament.control.rib;

import io.filament.contracts.xmpp.RoutePrefix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication maintained step by step (specs changing under existing paths, paths coming and going, peers
 * dropping) ends in the same tables as a RIB built once from the final state.
 */
class RibIncrementalTest {

    static final int INSTANCES = 6;
    static final int PEERS = 4;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void incrementalReplicationEqualsAFullRebuild(long seed) {
        Random r = new Random(seed);
        Rib rib = new Rib();
        Map<String, RoutingInstanceSpec> specs = new HashMap<>();
        Map<String, Path> livePaths = new HashMap<>();
        Set<String> subscribed = new HashSet<>();
        for (int step = 0; step < 300; step++) {
            int op = r.nextInt(10);
            String instance = "d:p:vn" + r.nextInt(INSTANCES) + ":vn";
            String peer = "host" + r.nextInt(PEERS);
            int id = Integer.parseInt(instance.substring(6, 7)) + 1;
            if (op < 3) {
                RoutingInstanceSpec s = randomSpec(r, instance);
                specs.put(instance, s);
                rib.applySpec(s);
            } else if (op < 5 && !subscribed.contains(peer + "|" + instance)) {
                rib.subscribe(new Subscription(peer, instance, id, false));
                subscribed.add(peer + "|" + instance);
            } else if (op < 8 && subscribed.contains(peer + "|" + instance)) {
                Path p = Routes.path(peer, instance, id, "10.0." + r.nextInt(3) + ".1/32", "192.168.1." + (1 + r.nextInt(PEERS)), 100 + 100L * r.nextInt(2));
                rib.addPath(p);
                livePaths.put(peer + "|" + instance + "|" + p.entry().prefix(), p);
            } else if (op < 9 && subscribed.contains(peer + "|" + instance)) {
                RoutePrefix prefix = RoutePrefix.parse("10.0." + r.nextInt(3) + ".1/32");
                rib.deletePath(peer, instance, prefix);
                livePaths.remove(peer + "|" + instance + "|" + prefix);
            } else if (op == 9 && r.nextInt(4) == 0) {
                rib.peerDown(peer);
                subscribed.removeIf(s -> s.startsWith(peer + "|"));
                livePaths.keySet().removeIf(k -> k.startsWith(peer + "|"));
            }
        }

        Rib rebuilt = new Rib();
        specs.values().forEach(rebuilt::applySpec);
        subscribed.forEach(s -> {
            String[] parts = s.split("\\|");
            rebuilt.subscribe(new Subscription(parts[0], parts[1], Integer.parseInt(parts[1].substring(6, 7)) + 1, false));
        });
        livePaths.values().forEach(rebuilt::addPath);

        for (String instance : rebuilt.instances().keySet()) {
            assertThat(new TreeMap<>(rib.table(instance))).as(instance).isEqualTo(new TreeMap<>(rebuilt.table(instance)));
        }
        assertThat(rib.pathCount()).isEqualTo(rebuilt.pathCount());
    }

    private static RoutingInstanceSpec randomSpec(Random r, String instance) {
        Set<String> imports = new HashSet<>();
        Set<String> exports = new HashSet<>();
        for (int i = 0; i < INSTANCES; i++) {
            if (r.nextInt(3) == 0) {
                imports.add("target:64512:" + (8000000 + i));
            }
            if (r.nextInt(3) == 0) {
                exports.add("target:64512:" + (8000000 + i));
            }
        }
        return new RoutingInstanceSpec(instance, instance.substring(0, instance.lastIndexOf(':')), imports, exports);
    }
}
