package io.filament.bench.schema;

import io.filament.schema.config.ConfigImage;
import io.filament.schema.config.ConfigRecordParser;
import io.filament.schema.desired.CanonicalJson;
import io.filament.schema.desired.DesiredRecord;
import io.filament.schema.projection.FullRecompute;
import io.filament.schema.routing.InMemoryRouteTargetStore;
import java.util.List;
import java.util.SortedMap;

/** Time to derive the whole desired state from a config image, with and without route targets already claimed. */
final class FullRecomputeBench {

    private FullRecomputeBench() {
    }

    /** CPU time of the whole JVM (all threads, GC included): what the work costs, whatever the machine's load. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    static void run(BenchConfig config, int iterations) {
        List<BenchConfig.Snapshot> log = config.all();
        ConfigRecordParser parser = new ConfigRecordParser();
        long start = System.nanoTime();
        ConfigImage image = new ConfigImage();
        for (BenchConfig.Snapshot snapshot : log) {
            image.apply(parser.parse(snapshot.key(), snapshot.value()));
        }
        System.out.printf("parse + image of %d config records: %.0f ms%n", log.size(), (System.nanoTime() - start) / 1e6);

        var store = new InMemoryRouteTargetStore();
        start = System.nanoTime();
        SortedMap<String, DesiredRecord> state = FullRecompute.compute(image, store);
        System.out.printf("first full recompute (claims route targets): %.0f ms, %d records%n",
                (System.nanoTime() - start) / 1e6, state.size());
        for (String type : List.of("routing-instance", "route-target", "connection", "network-acl",
                "security-group-acl")) {
            System.out.printf("  %-20s %d%n", type, state.keySet().stream().filter(k -> k.startsWith(type + "/")).count());
        }

        double best = Double.MAX_VALUE;
        double total = 0;
        for (int i = 0; i < iterations; i++) {
            long cpuBefore = processCpuNanos();
            long gcBefore = gcMillis();
            start = System.nanoTime();
            SortedMap<String, DesiredRecord> again = FullRecompute.compute(image, store);
            long bytes = 0;
            for (DesiredRecord record : again.values()) {
                bytes += CanonicalJson.bytes(record).length;
            }
            double ms = (System.nanoTime() - start) / 1e6;
            best = Math.min(best, ms);
            total += ms;
            System.out.printf("  full recompute + canonical JSON #%d: %.0f ms (%d records, %.1f MB; CPU of the JVM"
                    + " %.0f ms, GC %d ms)%n", i + 1, ms, again.size(), bytes / 1e6,
                    (processCpuNanos() - cpuBefore) / 1e6, gcMillis() - gcBefore);
        }
        System.out.printf("full recompute + canonical JSON: best %.0f ms, mean %.0f ms over %d runs%n", best,
                total / iterations, iterations);
    }
}
